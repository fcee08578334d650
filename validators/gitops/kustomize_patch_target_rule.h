#pragma once
#include "validators/validator.h"

namespace pushgate {

// gitops/kustomize-patch-target: a kustomization's patch (`patches`, `patchesStrategicMerge`,
// `patchesJson6902`, inline or by path) targets no object of what the kustomization renders — its
// resources, bases and components followed down, and the ConfigMaps and Secrets its generators
// make. A strategic-merge patch without `target:` that matches nothing makes kustomize refuse
// the build ("failed to find unique target for patch"); one whose `target:` selects nothing
// silently does nothing. Either way the patch has no effect where it was meant to.
// A target matches as kustomize matches it: kind, name, namespace, group and version as anchored
// regular expressions, label selectors, and an object's name as written or after the inner
// kustomizations' prefixes and suffixes. Not judged where the render holds what pushgate cannot
// see (remote bases, Helm charts, generator and transformer plugins, globs, files that are
// missing or do not parse). Judged for kustomizations the run changed, or whose render reads a
// file the run changed or deleted.
class KustomizePatchTargetRule final : public Validator {
 public:
  std::string_view rule() const override { return "gitops/kustomize-patch-target"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
