#pragma once
// The source references of Flux objects, resolved against a tree: a Kustomization's
// spec.sourceRef, a HelmRelease's spec.chart.spec.sourceRef and spec.chartRef. Shared by
// gitops/flux-source-ref (a kind Flux refuses, or a name the tree lacks among sources of that
// kind) and gitops/flux-source-external (the tree defines no source of that kind at all).
#include <string>
#include <vector>

#include "validators/gitops/reference_report.h"

namespace pushgate {

enum class SourceRefProblems {
  kBroken,    // a kind not allowed there, or no such name among the tree's sources of the kind
  kExternal,  // the tree defines no source of that kind: it may live elsewhere
};

// The problems of `which` for `referrer` (other objects have none), in the namespace it is
// applied in (a reference without a namespace is to that one). `external`: "name" or
// "namespace/name" entries of sources known to live elsewhere; never reported.
std::vector<ReferenceProblem> source_ref_problems(const InventoryObject& referrer,
                                                  const FluxTree& tree, SourceRefProblems which,
                                                  const std::vector<std::string>& external);

}  // namespace pushgate
