#pragma once
// A CODEOWNERS file (GitHub / GitLab format, docs/rules/git/codeowners.md): which people own
// which paths.
//
//   # comment
//   *             @org/platform          # every file
//   /clusters/    @alice bob@example.com # the clusters folder at the root
//   docs/*        @carol                 # files directly in any docs folder
//   /vendor/                             # no owners: nobody's approval is needed
//
// Patterns are gitignore-style: a leading '/' anchors at the root, so does a '/' inside; a pattern
// without one matches at any depth; a trailing '/' matches folders only; '*', '?' and '[a-z]'
// stay within one path segment, '**' spans segments. A pattern that matches a folder owns
// everything below it, except when its last segment is exactly '*' (GitHub's "docs/*": direct
// children only). The last matching line wins. Owners are "@user", "@org/team" (names) or
// emails. Anything else is a problem with its line and column: the caller fails closed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/glob.h"
#include "core/finding/finding.h"

namespace pushgate {

struct CodeownersLine {
  std::uint32_t line = 0;           // 1-based, in the file
  std::string pattern;              // as written
  std::vector<std::string> owners;  // as written; empty: the paths it matches have no owner
};

struct CodeownersProblem {
  Position position;
  std::string message;
};

class CodeownersFile {
 public:
  // Reads every line; `problems` gets one entry per malformed line (the file is then not to be
  // trusted: callers reject rather than judge with the lines that did parse).
  static CodeownersFile parse(std::string_view text, std::vector<CodeownersProblem>& problems);

  CodeownersFile(CodeownersFile&&) noexcept = default;
  CodeownersFile& operator=(CodeownersFile&&) noexcept = default;

  // The last line whose pattern matches `path` (a repository-relative file path), if any.
  const CodeownersLine* owners_of(std::string_view path) const;
  std::size_t size() const { return lines_.size(); }

 private:
  struct Rule {
    CodeownersLine line;
    std::optional<GlobSet> glob;  // set once compiled
    bool folders_only = false;    // the pattern ended with '/'
    bool owns_below = true;       // a matching folder owns what is below it
  };
  CodeownersFile() = default;
  std::vector<Rule> lines_;
};

}  // namespace pushgate
