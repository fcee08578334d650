# The one version number is project(pushgate VERSION ...) in the top-level CMakeLists.txt; this
# file adds the git commit. `pushgate --version` prints both: "pushgate 0.2.0 (commit 1a2b3c4d5e6f)".
#
# The commit is read at build time, not configure time, so a new commit without re-running cmake
# still shows: the target below runs cmake/GitCommit.cmake on every build, which rewrites
# generated/build_commit.cc only when the commit changed (so nothing relinks otherwise). Outside a
# git checkout (a release tarball) the commit is "unknown". Only the pushgate executable compiles
# the generated file; the core library does not depend on it.
set(PUSHGATE_BUILD_COMMIT_CC ${CMAKE_BINARY_DIR}/generated/build_commit.cc)
add_custom_target(pushgate_build_commit
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUT=${PUSHGATE_BUILD_COMMIT_CC}
          -P ${CMAKE_SOURCE_DIR}/cmake/GitCommit.cmake
  BYPRODUCTS ${PUSHGATE_BUILD_COMMIT_CC}
  COMMENT "Reading the git commit for --version")
target_sources(pushgate PRIVATE ${PUSHGATE_BUILD_COMMIT_CC})
add_dependencies(pushgate pushgate_build_commit)
