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
// One finding for one defect: a container image or replica count that an `images` or `replicas`
// entry set, as pushgate's model of kustomize computes it too (core/kustomize/applied_form.h),
// belongs to the image and replica rules, which judge applied values themselves and report at
// that entry; the build's finding for it is dropped. What the model does not compute (a patch
// that sets an image, a name kustomize reads as a regular expression) stays the build's.
//
//   RenderedObjectChecker checker(validators, self, run);
//   for (Finding& f : checker.check(tree, "apps/prod/kustomization.yaml", build)) ...
#include <map>
#include <set>
#include <span>
#include <string>
#include <tuple>

#include "core/kustomize/applied_form.h"
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
  // True when `f`, on the rendered object `rendered` built from `source` (a document of the file
  // `source_path`) by the kustomization in `folder`, judges a value an `images` or `replicas`
  // entry set, as the model computes it: the image and replica rules report it at that entry.
  bool set_by_transformer(const TreeView& tree, const std::string& folder,
                          const std::string& source_path, NodeRef source, NodeRef rendered,
                          const Finding& f);
  const AppliedForms& forms_of(const TreeView& tree);

  std::vector<const Validator*> object_rules_;              // per-file rules (check_file)
  std::vector<const Validator*> run_rules_;                 // Kubernetes schemas (check_run)
  std::set<std::string, std::less<>> applied_value_rules_;  // image and replica rules' ids
  std::map<const TreeView*, AppliedForms> forms_;           // per tree, built on first need
  std::vector<FileContext> crd_files_;  // the run's CRDs, so its custom kinds resolve
  std::string_view ref_;
  std::map<std::pair<const TreeView*, std::string>, std::set<SourceKey>> sources_;
};

}  // namespace pushgate
