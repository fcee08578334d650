#pragma once
// Validates the objects a `kustomize build` printed (core/kustomize/kustomize_build.h) with the
// run's own object rules and Kubernetes schemas, and keeps what the build introduced: a finding
// the same rule also makes on the source file as written (same document, same JSON path) is the
// source's own, reported when that file changes, and is dropped here.
//
// Where a kept finding points: at the source file's node when the build left that value as
// written (the value is wrong only in its rendered context: a prefixed name too long, ...);
// otherwise at the kustomization that was built, since one of its transformations made the value.
//
//   RenderedObjectChecker checker(validators, self, run);
//   for (Finding& f : checker.check(tree, "apps/prod/kustomization.yaml", build)) ...
#include <map>
#include <set>
#include <span>
#include <string>
#include <tuple>

#include "core/kustomize/kustomize_build.h"
#include "validators/validator.h"

namespace pushgate {

class RenderedObjectChecker {
 public:
  // `self` (the rule that builds) is left out of `validators`.
  RenderedObjectChecker(const ValidatorSet& validators, const Validator& self,
                        const RunContext& run);

  // The findings `build` of the kustomization at `kustomization` (a path of `tree`) introduced.
  FindingList check(const TreeView& tree, const std::string& kustomization,
                    const KustomizeBuild& build);

 private:
  using SourceKey = std::tuple<int, std::string, std::string>;  // document, rule, json path
  // Every finding the object rules make on `file`, kept only where they are in `file`.
  FindingList validate(const FileContext& file) const;
  const std::set<SourceKey>& source_findings(const TreeView& tree, const std::string& path);

  std::vector<const Validator*> object_rules_;  // per-file rules (check_file)
  std::vector<const Validator*> run_rules_;     // Kubernetes schemas (check_run)
  std::vector<FileContext> crd_files_;          // the run's CRDs, so its custom kinds resolve
  std::string_view ref_;
  std::map<std::pair<const TreeView*, std::string>, std::set<SourceKey>> sources_;
};

}  // namespace pushgate
