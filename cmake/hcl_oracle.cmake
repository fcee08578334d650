# The differential test of the HCL reader against HashiCorp's own (hashicorp/hcl v2 hclsyntax),
# test-only: a small Go program built OFFLINE from Debian's golang-github-hashicorp-hcl-v2-dev in
# GOPATH mode (no module download), and a gtest executable that compares the two readers. The
# product never depends on Go; without go or the package the test is not built (a status line says
# so; CI installs both from install/setup-debian.sh).
find_program(PUSHGATE_GO go)
set(PUSHGATE_GOPATH /usr/share/gocode)
if(PUSHGATE_GO AND EXISTS ${PUSHGATE_GOPATH}/src/github.com/hashicorp/hcl/v2/hclsyntax/parser.go)
  set(PUSHGATE_HCL_ORACLE ${CMAKE_BINARY_DIR}/hcl_oracle)
  add_custom_command(OUTPUT ${PUSHGATE_HCL_ORACLE}
    COMMAND ${CMAKE_COMMAND} -E env GO111MODULE=off GOPATH=${PUSHGATE_GOPATH} GOPROXY=off
            GOFLAGS= GOCACHE=${CMAKE_BINARY_DIR}/go-cache
            ${PUSHGATE_GO} build -o ${PUSHGATE_HCL_ORACLE} main.go
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/hcl_oracle
    DEPENDS ${CMAKE_SOURCE_DIR}/tests/hcl_oracle/main.go
    COMMENT "Building the HCL oracle (HashiCorp's reader, Go, offline)")
  add_custom_target(hcl_oracle ALL DEPENDS ${PUSHGATE_HCL_ORACLE})
  add_executable(hcl_differential_tests
    ${CMAKE_SOURCE_DIR}/tests/hcl_oracle/hcl_differential_test.cc
    ${CMAKE_SOURCE_DIR}/tests/support/hcl_structure.cc)
  target_include_directories(hcl_differential_tests PRIVATE ${CMAKE_SOURCE_DIR})
  target_compile_definitions(hcl_differential_tests PRIVATE
    PUSHGATE_HCL_ORACLE="${PUSHGATE_HCL_ORACLE}")
  target_link_libraries(hcl_differential_tests PRIVATE pushgate_core GTest::gtest GTest::gtest_main)
  add_dependencies(hcl_differential_tests hcl_oracle)
  gtest_discover_tests(hcl_differential_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
else()
  message(STATUS "go or golang-github-hashicorp-hcl-v2-dev not found: no HCL differential test")
endif()
