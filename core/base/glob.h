#pragma once
// Path globs compiled to RE2 (linear time, no backtracking):
//   '*'  any run of characters except '/'      '**' any run including '/' (whole segments)
//   '?'  one character except '/'              '[a-z]', '[!a-z]' character classes
// A glob without '/' matches the base name anywhere ("*.yaml" == "**/*.yaml"), as in .gitignore.
// A leading '/' (or "./") anchors at the root; a trailing '/' means everything below ("dir/" ==
// "dir/**"); '\' escapes the next character. Paths with malformed UTF-8 still match '*'.
//
//   Result<GlobSet> set = GlobSet::compile({"clusters/**", "*.yml"});
//   if (set && set.value().matches("clusters/prod/app.yaml")) ...
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace re2 {
class RE2;
}

namespace pushgate {

class GlobSet {
 public:
  static Result<GlobSet> compile(const std::vector<std::string>& globs);
  GlobSet(GlobSet&&) noexcept;
  GlobSet& operator=(GlobSet&&) noexcept;
  ~GlobSet();

  bool empty() const { return globs_.empty(); }
  bool matches(std::string_view path) const;
  // The RE2 syntax a glob translates to (exposed for tests and error messages); "" when the glob
  // is invalid (compile() says why).
  static std::string to_regex(std::string_view glob);

 private:
  GlobSet() = default;
  std::vector<std::string> globs_;
  std::unique_ptr<re2::RE2> regex_;  // all globs as one alternation
};

}  // namespace pushgate
