// Path globs (core/base/glob): the first line is a path, every other line a glob. Compiles the
// globs as one set and each on its own, matches the path and the globs' own text, and translates
// each glob to RE2 syntax: never a crash, a sanitizer report or an RE2 error on a glob that
// compiled.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/glob.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [path, rest] = pushgate::fuzz::split_first_line(pushgate::fuzz::as_text(data, size));
  std::vector<std::string> globs;
  for (std::string_view line : pushgate::fuzz::lines_of(rest)) globs.emplace_back(line);
  if (globs.size() > 64) return 0;  // enough to reach every path; keeps runs fast

  pushgate::Result<pushgate::GlobSet> set = pushgate::GlobSet::compile(globs);
  if (set) {
    set.value().matches(path);
    for (const std::string& glob : globs) set.value().matches(glob);
  }
  for (const std::string& glob : globs) {
    pushgate::GlobSet::to_regex(glob);
    pushgate::Result<pushgate::GlobSet> one = pushgate::GlobSet::compile({glob});
    if (one) one.value().matches(path);
  }
  return 0;
}
