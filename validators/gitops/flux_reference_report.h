#pragma once
// The reporting contract of the rules that check references between Flux objects (sourceRef,
// dependsOn, decryption): a broken reference is reported when the run has no tree before the
// change (a full check), when the file holding it changed, or when it was not broken the same
// way in the tree before the change. So a push reports what it broke or touched, never unrelated
// breakage that was there already, and a full check reports everything.
#include <functional>
#include <string>
#include <vector>

#include "core/tree/object_inventory.h"
#include "validators/gitops/flux_object_lookup.h"
#include "validators/validator.h"

namespace pushgate {

// What a rule judges an object against: one tree, its inventory, and its Flux objects by kind.
struct FluxTree {
  explicit FluxTree(const TreeView& tree)
      : view(tree), inventory(tree.inventory()), lookup(inventory) {}
  const TreeView& view;
  const ObjectInventory& inventory;
  FluxObjectLookup lookup;
};

// One broken reference of an object: where (a JSON path of the object) and what.
struct ReferenceProblem {
  std::string json_path;
  std::string message;
  bool operator==(const ReferenceProblem&) const = default;
};

using ReferenceCheck =
    std::function<std::vector<ReferenceProblem>(const SummarizedObject&, const FluxTree&)>;

// Runs `check` on every object of the run's tree and reports, per the contract above, each
// problem as a finding of `rule` with `severity` at its node.
void report_reference_problems(const Validator& rule, const RunContext& run, Severity severity,
                               const ReferenceCheck& check, FindingList& out);

}  // namespace pushgate
