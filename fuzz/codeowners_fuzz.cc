// The CODEOWNERS parser (validators/git/codeowners_file): arbitrary file text parses to lines
// and problems; a file without problems answers owners_of() for paths taken from its own
// patterns and a few fixed ones. Never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "validators/git/codeowners_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = pushgate::fuzz::as_text(data, size);
  std::vector<pushgate::CodeownersProblem> problems;
  pushgate::CodeownersFile file = pushgate::CodeownersFile::parse(text, problems);
  if (!problems.empty()) return 0;
  for (std::string_view path :
       {"README.md", "clusters/prod/app.yaml", "docs/a/b.md", ".github/x"}) {
    file.owners_of(path);
  }
  for (std::string_view line : pushgate::fuzz::lines_of(text)) {
    const std::size_t space = line.find_first_of(" \t");
    std::string_view pattern = line.substr(0, space);
    while (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
    if (!pattern.empty()) file.owners_of(pattern);
  }
  return 0;
}
