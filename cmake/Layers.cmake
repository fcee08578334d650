# The layers of pushgate, one static library each, from the bottom up (docs/architecture.md).
# A layer links only the layers below it, so a call upward does not link (static libraries are
# searched once, in this order); tests/layers/check_layers.py, run by ctest as
# `layers.includes`, rejects an upward #include and a cycle between folders of one layer.
#
# Each layer globs its folders: a new file in a listed folder needs no build change. A new folder
# goes on the line of the lowest layer that holds everything it includes (the check names any
# folder that is on no line). Folders of one layer are listed in an order that the folders'
# includes respect too (each uses only folders before it on its line, or below).
set(PUSHGATE_LAYERS
  "base:core/base,core/finding,core/document,core/process,core/audit"
  "git:core/git,core/source"
  "config:core/schema,core/hcl,core/schema_store,core/policy,core/config"
  "plans:core/tree,core/kustomize,core/opa,core/push,core/signature,core/rule_docs,core/report,core/baseline,core/init"
  "validators:validators"
  "gate:core/engine,core/gate,core/decision"
  "hooks:hooks"
  "cli:cli")

# Third-party libraries, on the lowest layer that uses them (PUBLIC: the layers above see them).
set(PUSHGATE_LAYER_DEPS_base
  PkgConfig::YAML PkgConfig::RE2 nlohmann_json::nlohmann_json Threads::Threads)
set(PUSHGATE_LAYER_DEPS_git PkgConfig::LIBGIT2)
set(PUSHGATE_LAYER_DEPS_config httplib::httplib)
set(PUSHGATE_LAYER_DEPS_plans PkgConfig::GPGME)

# pushgate_<layer> for every layer but the doors' binary (cli, added by the caller); sources
# beyond the folders' (a generated file) come in PUSHGATE_LAYER_EXTRA_<layer>.
set(below "")
foreach(entry ${PUSHGATE_LAYERS})
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 0 layer)
  list(GET parts 1 folders)
  string(REPLACE "," ";" folders "${folders}")
  set(globs "")
  foreach(folder ${folders})
    list(APPEND globs ${CMAKE_SOURCE_DIR}/${folder}/*.cc)
  endforeach()
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${globs})
  if(layer STREQUAL "cli")
    set(PUSHGATE_CLI_SOURCES ${sources})
    set(PUSHGATE_TOP_LAYER ${below})
    break()
  endif()
  add_library(pushgate_${layer} STATIC ${sources} ${PUSHGATE_LAYER_EXTRA_${layer}})
  target_include_directories(pushgate_${layer} PUBLIC ${CMAKE_SOURCE_DIR}
                                                      ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(pushgate_${layer} PUBLIC ${below} ${PUSHGATE_LAYER_DEPS_${layer}})
  set(below pushgate_${layer})
endforeach()

# Everything but the binary, for the tests, benchmarks and fuzz targets.
add_library(pushgate_core INTERFACE)
target_link_libraries(pushgate_core INTERFACE ${PUSHGATE_TOP_LAYER})

if(PUSHGATE_TESTS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  add_test(NAME layers.includes
           COMMAND ${Python3_EXECUTABLE} -B ${CMAKE_SOURCE_DIR}/tests/layers/check_layers.py
                   ${CMAKE_SOURCE_DIR} ${PUSHGATE_LAYERS})
  add_test(NAME layers.check_layers_test
           COMMAND ${Python3_EXECUTABLE} -B ${CMAKE_SOURCE_DIR}/tests/layers/check_layers_test.py)
  set_tests_properties(layers.includes layers.check_layers_test PROPERTIES LABELS unit)
endif()
