#include "validators/gitops/flux_reference_report.h"

#include <algorithm>
#include <optional>

#include "validators/gitops/inventory_finding.h"

namespace pushgate {

void report_reference_problems(const Validator& rule, const RunContext& run, Severity severity,
                               const ReferenceCheck& check, FindingList& out) {
  if (run.tree == nullptr) return;
  const FluxTree tree(*run.tree);
  std::optional<FluxTree> base;  // built on the first unchanged file with a problem
  const auto changed = changed_paths(run);
  for (const InventoryObject& object : tree.inventory.objects()) {
    const std::vector<ReferenceProblem> problems = check(*object.object, tree);
    if (problems.empty()) continue;
    // An unchanged file holds the same object in the tree before the change: judge it there.
    std::vector<ReferenceProblem> before;
    if (run.base_tree != nullptr && !changed.contains(object.entry->path)) {
      if (!base) base.emplace(*run.base_tree);
      before = check(*object.object, *base);
    }
    for (const ReferenceProblem& problem : problems) {
      if (std::find(before.begin(), before.end(), problem) != before.end()) continue;
      out.push_back(
          inventory_finding(rule, *run.tree, object, severity, problem.json_path, problem.message));
    }
  }
}

}  // namespace pushgate
