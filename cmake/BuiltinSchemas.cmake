# The built-in schema store (core/schema_store/builtin_store.h): Kubernetes 1.35 OpenAPI v3 and
# the Flux v2.9.0 / Argo CD v3.5.1 CRDs, kept compressed in data/kubernetes/ (README.md there says
# where they come from), imported at build time by the pushgate binary just built -- the same
# `pushgate schemas import` users run, so the store has whatever format (and manifest) the
# importer writes. The store lands in build/schema-store, beside build/pushgate, where the binary
# finds it; it is installed to share/pushgate/schema-store.
#
# It is re-imported only when the archives or the importer's sources change, not on every relink.
set(PUSHGATE_BUILTIN_STORE ${CMAKE_BINARY_DIR}/schema-store)
set(PUSHGATE_BUILTIN_SOURCES ${CMAKE_BINARY_DIR}/schema-sources)
set(PUSHGATE_BUILTIN_STAMP ${CMAKE_BINARY_DIR}/schema-store.stamp)
set(PUSHGATE_BUILTIN_ARCHIVES
  ${CMAKE_SOURCE_DIR}/data/kubernetes/openapi-v1.35-v3.tar.xz
  ${CMAKE_SOURCE_DIR}/data/kubernetes/crds-flux-v2.9.0-argo-cd-v3.5.1.tar.xz)
file(GLOB PUSHGATE_IMPORTER_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/core/schema_store/*.cc ${CMAKE_SOURCE_DIR}/core/schema/openapi_loader.cc
  ${CMAKE_SOURCE_DIR}/core/schema/crd_loader.cc ${CMAKE_SOURCE_DIR}/cli/schemas_command.cc)
add_custom_command(OUTPUT ${PUSHGATE_BUILTIN_STAMP}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${PUSHGATE_BUILTIN_STORE} ${PUSHGATE_BUILTIN_SOURCES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PUSHGATE_BUILTIN_SOURCES}
  COMMAND ${CMAKE_COMMAND} -E chdir ${PUSHGATE_BUILTIN_SOURCES}
          ${CMAKE_COMMAND} -E tar xf ${CMAKE_SOURCE_DIR}/data/kubernetes/openapi-v1.35-v3.tar.xz
  COMMAND ${CMAKE_COMMAND} -E chdir ${PUSHGATE_BUILTIN_SOURCES}
          ${CMAKE_COMMAND} -E tar xf
          ${CMAKE_SOURCE_DIR}/data/kubernetes/crds-flux-v2.9.0-argo-cd-v3.5.1.tar.xz
  COMMAND $<TARGET_FILE:pushgate> schemas import ${PUSHGATE_BUILTIN_SOURCES}/v1.35/v3
          --kubernetes-version 1.35 --store ${PUSHGATE_BUILTIN_STORE}
  COMMAND $<TARGET_FILE:pushgate> schemas import ${PUSHGATE_BUILTIN_SOURCES}/flux-v2.9.0
          ${PUSHGATE_BUILTIN_SOURCES}/argo-cd-v3.5.1 --store ${PUSHGATE_BUILTIN_STORE}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${PUSHGATE_BUILTIN_SOURCES}
  COMMAND ${CMAKE_COMMAND} -E touch ${PUSHGATE_BUILTIN_STAMP}
  DEPENDS ${PUSHGATE_BUILTIN_ARCHIVES} ${PUSHGATE_IMPORTER_SOURCES} ${CMAKE_CURRENT_LIST_FILE}
  COMMENT "Importing the built-in schema store (Kubernetes 1.35, Flux v2.9.0, Argo CD v3.5.1)"
  VERBATIM)
add_custom_target(pushgate_builtin_schemas ALL DEPENDS ${PUSHGATE_BUILTIN_STAMP})
add_dependencies(pushgate_builtin_schemas pushgate)
install(DIRECTORY ${PUSHGATE_BUILTIN_STORE}/ DESTINATION share/pushgate/schema-store)
