#pragma once
#include <string>
#include <vector>

#include "validators/validator.h"

namespace pushgate {

// gitops/argo-source-path (opt-in): an Argo CD Application deploys a `path` of this repository
// (its source's repoURL is one of the `repositories` option's URLs) that is no folder of the tree
// that would land. Judged across the tree: a push that deletes `apps/web/` is rejected at the
// Application that still deploys it. A push judges the Applications it changed, and — when it
// deletes anything (the only way a folder disappears) — every Application of the tree.
class ArgoSourcePathRule final : public Validator {
 public:
  explicit ArgoSourcePathRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/argo-source-path"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

  // "https://GitHub.com/org/repo.git/" and "git@github.com:org/repo" -> "github.com/org/repo".
  static std::string normalize_url(std::string_view url);

 private:
  void check_file_in_tree(const TreeView& tree, const FileContext& file, FindingList& out) const;
  std::vector<std::string> repositories_;  // normalized
};

}  // namespace pushgate
