#pragma once
// The dependsOn graph of a tree's Flux Kustomizations and HelmReleases: each object's
// spec.dependsOn entries (namespace defaulting to the object's own), and the cycles they form.
// An entry whose name matches more than one object (namespaces unstated) adds no edge: a cycle
// is reported only when it is certain.
#include <cstddef>
#include <string>
#include <vector>

#include "validators/gitops/reference_report.h"

namespace pushgate {

struct DependsOnEntry {
  std::size_t index = 0;  // position in spec.dependsOn
  std::string name;
  std::string namespace_;  // as written, else the dependent's own as applied ("" when unknown)
};

// True for the kinds whose spec.dependsOn names objects of the same kind.
bool has_flux_depends_on(const SummarizedObject& object);
// The spec.dependsOn entries of `object` (none for other kinds), whose own namespace, as applied,
// is `namespace_`; entries without a name skipped.
std::vector<DependsOnEntry> depends_on_entries(const SummarizedObject& object,
                                               std::string_view namespace_);

struct DependencyCycle {
  // Members as indexes of tree.inventory.objects(), in dependency order starting at the member
  // first in path order (where the cycle is reported).
  std::vector<std::size_t> members;
  std::size_t entry = 0;    // the dependsOn index of members[0] that leads into the cycle
  std::string description;  // "Kustomization flux-system/apps -> flux-system/infra -> ..."
};

// Every cycle once (one per strongly connected component, a self-dependency included).
std::vector<DependencyCycle> dependency_cycles(const FluxTree& tree);

}  // namespace pushgate
