#pragma once
// How the cross-reference rules (an object of the tree names another object, a path, a chart)
// report, one contract for all of them: a broken reference is reported when the run has no tree
// before the change (a full check), when the file holding it changed, or when it was not broken
// the same way in the tree before the change. So a push reports what it broke or touched, never
// unrelated breakage that was there already, and a full check reports everything.
//
// The tree before the change is consulted only for a broken reference in an unchanged file, so
// a push that breaks nothing never opens it (RunContext::base()). When it cannot be opened, the
// reference is reported (and the engine adds an internal/error): never accepted on an empty base.
//
// Rules resolve references from file summaries (core/tree/object_inventory.h), then parse only
// the file they report in (through the tree view's cache) to point at the exact node.
//
//   if (broken && reports_broken_reference(run, changes, app.entry->path,
//                                          [&](const TreeView& base) { return broken_in(base); }))
//     visit_inventory_object(run, app, [&](const ObjectContext& object) { ... });
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/tree/change_set.h"
#include "core/tree/object_inventory.h"
#include "validators/gitops/flux_object_lookup.h"
#include "validators/object_validator.h"
#include "validators/validator.h"

namespace pushgate {

// True when a broken reference held by the file at `path` is reported, per the contract above.
// `broken_in_base` runs the same check against the tree before the change; it is called only
// when there is such a tree and that file did not change.
bool reports_broken_reference(const RunContext& run, const ChangeSet& changes,
                              std::string_view path,
                              const std::function<bool(const TreeView& base)>& broken_in_base);

// True when the change cannot have altered any Flux object of the run's tree: no file it touched
// (changed or deleted) holds one (or an Argo CD Application) before or after the change, and it
// touched no Chart.yaml and no kustomization (they decide which files are Helm templates, never
// read as YAML; kustomizations and Applications, the namespace Flux objects are applied in).
// Every Flux object is then the same in the tree before, and so is every lookup built from them: a
// rule that judges Flux objects only against the tree's Flux objects (sourceRef, dependsOn) finds
// in an unchanged file exactly what it found before, and nothing in the changed ones, so per the
// contract above it reports nothing and need not build the inventory. False on a full check (no
// base) and whenever what the touched paths held before cannot be read
// (RunContext::base_of_changes()). Computed once per run.
bool flux_objects_unchanged(const RunContext& run);

// One broken reference of an object: where (a JSON path of the object) and what.
struct ReferenceProblem {
  std::string json_path;
  std::string message;
  bool operator==(const ReferenceProblem&) const = default;
};

// The broken references of one object, judged against one tree (Flux rules: its Flux objects,
// in the namespaces they are applied in there: FluxTree::namespaces).
using ReferenceCheck =
    std::function<std::vector<ReferenceProblem>(const InventoryObject&, const FluxTree&)>;

// Runs `check` on every object of the run's tree and reports, per the contract above (a problem
// is "the same" in the tree before when `check` finds it there too), each problem as a finding
// of `rule` with `severity` at its node.
void report_reference_problems(const Validator& rule, const RunContext& run, Severity severity,
                               const ReferenceCheck& check, FindingList& out);

// Calls `visit` with the parsed object `object` of the run's tree (its file parsed on demand,
// cached by the tree view). False when the file does not parse or the object is not found.
bool visit_inventory_object(const RunContext& run, const InventoryObject& object,
                            const std::function<void(const ObjectContext&)>& visit);

// A finding at `json_path` ("spec.sourceRef.name", "spec.dependsOn[1].name") of `object`; at
// the nearest node on that path that exists, or the object's start.
Finding inventory_finding(const Validator& rule, const RunContext& run,
                          const InventoryObject& object, Severity severity,
                          const std::string& json_path, std::string message);

// The string at `path` (object keys) in a summarized body, "" when absent or not a string.
std::string_view body_string(const nlohmann::json& body,
                             std::initializer_list<std::string_view> path);
// The node at `path` in a summarized body, null when absent.
const nlohmann::json* body_at(const nlohmann::json& body,
                              std::initializer_list<std::string_view> path);

}  // namespace pushgate
