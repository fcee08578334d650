# The sanitizer build (docs/testing.md, "Sanitizers and fuzzing"): ASan + UBSan on every target,
# failing on the first report, plus libFuzzer's coverage instrumentation (-fsanitize=fuzzer-no-link)
# so that one clang build serves both the sanitized tests and the fuzz targets under fuzz/.
#
#   cmake -S . -B build-san -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DPUSHGATE_SANITIZE=ON \
#         -DPUSHGATE_FUZZ=ON
#
# Included before any target is defined: the options are directory-wide.
option(PUSHGATE_SANITIZE "Build everything with ASan + UBSan and libFuzzer coverage (clang only)" OFF)
option(PUSHGATE_FUZZ "Build the libFuzzer targets under fuzz/ (clang only; implies PUSHGATE_SANITIZE)" OFF)

if(PUSHGATE_SANITIZE OR PUSHGATE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PUSHGATE_SANITIZE/PUSHGATE_FUZZ need clang "
                        "(-DCMAKE_CXX_COMPILER=clang++); this is ${CMAKE_CXX_COMPILER_ID}")
  endif()
  # -fno-sanitize-recover: a UBSan report ends the process, so a test cannot pass through one.
  # fuzzer-no-link: coverage and comparison hooks; the unit tests get the runtime's no-op
  # defaults, the fuzz targets link libFuzzer itself (-fsanitize=fuzzer, fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fsanitize=fuzzer-no-link -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
