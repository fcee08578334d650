#include "validators/gitops/flux_depends_on_rule.h"

#include <algorithm>
#include <optional>
#include <set>

#include "validators/gitops/flux_dependency_graph.h"

namespace pushgate {

FluxDependsOnRule::FluxDependsOnRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("external")) external_ = *list;
  }
}

std::vector<ReferenceProblem> FluxDependsOnRule::missing(const InventoryObject& dependent,
                                                         const FluxTree& tree) const {
  std::vector<ReferenceProblem> out;
  const SummarizedObject& object = *dependent.object;
  if (!has_flux_depends_on(object)) return out;
  const std::string namespace_ = tree.namespaces.of(dependent);
  for (const DependsOnEntry& entry : depends_on_entries(object, namespace_)) {
    if (is_templated(entry.name) || is_templated(entry.namespace_) ||
        listed_external(external_, entry.namespace_, entry.name) ||
        tree.lookup.has_templated_name(object.kind)) {
      continue;
    }
    if (!tree.lookup.find(object.kind, entry.name, entry.namespace_).empty()) continue;
    std::string message = "dependency " + object.kind + " " +
                          qualified_name(entry.namespace_, entry.name) + " of " + object.kind +
                          " " + qualified_name(namespace_, object.name) +
                          " is not defined in the tree, so Flux never reconciles it";
    if (std::string there = tree.lookup.other_namespace_hint(object.kind, entry.name);
        !there.empty()) {
      message += there;
    } else if (const std::string near =
                   tree.lookup.closest(object.kind, entry.name, entry.namespace_);
               !near.empty()) {
      message += "; did you mean `" + near + "`";
    } else {
      message += "; fix the name, or list it in the `external` option if it lives elsewhere";
    }
    out.push_back({"spec.dependsOn[" + std::to_string(entry.index) + "].name", std::move(message)});
  }
  return out;
}

namespace {

std::set<std::string> cycle_descriptions(const TreeView& tree) {
  std::set<std::string> out;
  for (const DependencyCycle& cycle : dependency_cycles(flux_tree(tree))) {
    out.insert(cycle.description);
  }
  return out;
}

}  // namespace

void FluxDependsOnRule::report_cycles(const RunContext& run, FindingList& out) const {
  const FluxTree& tree = flux_tree(*run.tree);
  const std::vector<DependencyCycle> cycles = dependency_cycles(tree);
  if (cycles.empty()) return;
  // A cycle is reported when a member's file changed, or when the tree before had no such cycle
  // (the reporting contract of reference_report.h).
  std::optional<std::set<std::string>> before;
  const ChangeSet changes(run.changed, run.deleted);
  const auto objects = tree.inventory.objects();
  for (const DependencyCycle& cycle : cycles) {
    const bool touched =
        std::any_of(cycle.members.begin(), cycle.members.end(),
                    [&](std::size_t m) { return changes.contains(objects[m].entry->path); });
    const InventoryObject& head = objects[cycle.members.front()];
    if (!touched &&
        !reports_broken_reference(run, changes, head.entry->path, [&](const TreeView& base) {
          if (!before) before = cycle_descriptions(base);
          return before->contains(cycle.description);
        })) {
      continue;
    }
    out.push_back(inventory_finding(*this, run, head, Severity::kError,
                                    "spec.dependsOn[" + std::to_string(cycle.entry) + "].name",
                                    "dependsOn forms a cycle: " + cycle.description +
                                        "; Flux waits on each forever, so none is reconciled: "
                                        "remove one of these dependencies"));
  }
}

void FluxDependsOnRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  // Nothing the rule reads changed: nothing to report (reference_report.h).
  if (flux_objects_unchanged(run)) return;
  report_reference_problems(
      *this, run, Severity::kError,
      [&](const InventoryObject& object, const FluxTree& tree) { return missing(object, tree); },
      out);
  report_cycles(run, out);
}

}  // namespace pushgate
