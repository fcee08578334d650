#pragma once
#include <string>
#include <vector>

#include "validators/validator.h"

namespace pushgate {

// gitops/argo-applicationset-path (opt-in): an Argo CD ApplicationSet's `git` generator (also
// nested in `matrix` / `merge` generators) reads this repository (its repoURL is one of the
// `repositories` option's URLs) and lists a `directories[].path` pattern that matches no folder
// of the tree (or only folders an `exclude: true` entry removes), or a `files[].path` pattern
// that matches no file: the generator yields no Application for it. Patterns are matched as
// Argo CD matches them (Go path.Match for directories, its default greedy globbing for files).
// A push reports what it broke or touched (reference_report.h).
class ArgoApplicationSetPathRule final : public Validator {
 public:
  explicit ArgoApplicationSetPathRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/argo-applicationset-path"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

  // Go's path.Match (`*` and `?` stop at `/`, `[a-z]`, `[^a-z]`, `\` escapes) as an RE2 pattern;
  // "" when the pattern is malformed (Argo CD then matches nothing).
  static std::string go_path_match_regex(std::string_view pattern);

 private:
  std::vector<std::string> repositories_;  // normalized as argo-source-path does
};

}  // namespace pushgate
