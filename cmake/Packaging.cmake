# Installation extras and the Debian package: `cpack -G DEB` in the build folder writes
# pushgate_<version>_<arch>.deb (tests/integration/test_package.sh builds and installs it).
#
#   /usr/bin/pushgate                                   (top-level CMakeLists.txt)
#   /usr/share/man/man1/pushgate.1, pushgate-<sub>.1     generated from --help below
#   /usr/share/bash-completion/completions/pushgate     generated from --help below
#   /usr/share/zsh/vendor-completions/_pushgate         generated from --help below
#   /usr/share/fish/vendor_completions.d/pushgate.fish  generated from --help below
#   /usr/share/pushgate/schemas/                         config, report, audit-line JSON Schemas
#   /usr/share/pushgate/schema-store/                    built-in store (cmake/BuiltinSchemas.cmake)
#   /usr/share/doc/pushgate/                             docs/, README.md, CHANGELOG.md
#
# Man pages and completions come from the binary's own help (cmake/cli_docs.py), regenerated
# whenever pushgate is relinked, so they cannot describe options the binary does not have.
include(${CMAKE_CURRENT_LIST_DIR}/Version.cmake)          # --version: version and git commit
include(${CMAKE_CURRENT_LIST_DIR}/BuiltinSchemas.cmake)   # the built-in schema store

find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(PUSHGATE_CLI_DOCS ${CMAKE_BINARY_DIR}/cli-docs)
add_custom_command(OUTPUT ${PUSHGATE_CLI_DOCS}/stamp
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${PUSHGATE_CLI_DOCS}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/cmake/cli_docs.py $<TARGET_FILE:pushgate>
          ${PUSHGATE_CLI_DOCS} ${PROJECT_VERSION}
  COMMAND ${CMAKE_COMMAND} -E touch ${PUSHGATE_CLI_DOCS}/stamp
  DEPENDS pushgate ${CMAKE_SOURCE_DIR}/cmake/cli_docs.py
  COMMENT "Generating man pages and shell completions from pushgate --help"
  VERBATIM)
add_custom_target(pushgate_cli_docs ALL DEPENDS ${PUSHGATE_CLI_DOCS}/stamp)

install(DIRECTORY ${PUSHGATE_CLI_DOCS}/man/ DESTINATION share/man/man1)
install(FILES ${PUSHGATE_CLI_DOCS}/completions/pushgate.bash
        DESTINATION share/bash-completion/completions RENAME pushgate)
install(FILES ${PUSHGATE_CLI_DOCS}/completions/_pushgate DESTINATION share/zsh/vendor-completions)
install(FILES ${PUSHGATE_CLI_DOCS}/completions/pushgate.fish
        DESTINATION share/fish/vendor_completions.d)
install(FILES README.md CHANGELOG.md DESTINATION share/doc/pushgate)

set(CPACK_PACKAGE_NAME pushgate)
set(CPACK_PACKAGE_VENDOR "pushgate")
set(CPACK_PACKAGE_CONTACT "pushgate maintainers <pushgate@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "policy gate for GitOps repositories (git hooks, pre-commit, CI)")
set(CPACK_PACKAGE_DESCRIPTION
    "pushgate validates what is pushed to a GitOps repository -- YAML/JSON well-formedness, \
Kubernetes schemas (Kubernetes 1.35, Flux and Argo CD schemas included), policies and git rules -- \
and rejects bad pushes with path:line:col messages. It runs as a pre-receive/update hook, a \
pre-commit hook or `pushgate check` in CI.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # pushgate_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # Depends: from the real shared libraries
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS git)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/pushgate")
include(CPack)
