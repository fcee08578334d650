#include "validators/k8s/replicas_minimum_rule.h"

#include <set>

#include "core/policy/builtin_rules.h"
#include "validators/applied_forms.h"

namespace pushgate {

namespace {

constexpr std::int64_t kDefaultMinimum = 2;

bool judged_kind(std::string_view kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "ReplicaSet" || kind == "Rollout";
}

}  // namespace

ReplicasMinimumRule::ReplicasMinimumRule(const PoliciesConfig& policies)
    : minimum_(kDefaultMinimum) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (auto min = setting->options.integer("min")) minimum_ = *min;
  }
}

void ReplicasMinimumRule::check_run(const RunContext& run, FindingList& out) const {
  // Built once per run, shared with the other image and replica rules.
  const std::shared_ptr<const AppliedValues> shared = run_applied_values(run);
  const AppliedValues& values = *shared;
  std::set<std::string> seen;
  values.visit_objects([&](const AppliedValues::Object& applied) {
    if (!judged_kind(applied.object.kind)) return;
    FindingList found;
    for (const std::vector<const Transformation*>& chain : applied.chains) {
      check_object(applied.object, apply_replicas(chain, applied.object.kind, applied.object.name),
                   applied.own, applied.file.file.path, found);
    }
    for (Finding& f : found) add_once(out, seen, std::move(f));
  });
}

void ReplicasMinimumRule::check_object(const ObjectContext& object,
                                       const std::optional<AppliedReplicas>& applied, bool own,
                                       std::string_view file, FindingList& out) const {
  const std::string want = std::to_string(minimum_);
  if (applied) {
    if (applied->count >= minimum_) return;
    out.push_back(transformer_finding(rule(), default_severity(rule()), object, *applied->by,
                                      applied->setting->position, "spec.replicas",
                                      "only " + std::to_string(applied->count) +
                                          (applied->count == 1 ? " replica" : " replicas") +
                                          " for " + object.display() + " (" + std::string(file) +
                                          "), set by this `replicas` entry, fewer than the " +
                                          want + " required here; raise its count"));
    return;
  }
  if (!own) return;
  const NodeRef spec = object.root.get("spec");
  if (!spec.is_mapping()) return;
  const NodeRef replicas = spec.get("replicas");
  if (replicas.kind() == NodeKind::kInt && replicas.as_int() >= minimum_) return;
  if (replicas && replicas.kind() != NodeKind::kInt && replicas.kind() != NodeKind::kNull) return;
  if (replicas.kind() == NodeKind::kInt) {
    out.push_back(report_object(*this, object, replicas, "spec.replicas",
                                "only " + std::string(replicas.text()) +
                                    (replicas.as_int() == 1 ? " replica" : " replicas") + " for " +
                                    object.display() + ", fewer than the " + want +
                                    " required here; raise spec.replicas"));
    return;
  }
  out.push_back(report_object(*this, object, spec, "spec",
                              "no replicas set for " + object.display() +
                                  ", so it runs 1, fewer than the " + want +
                                  " required here; set spec.replicas (or exempt it if an "
                                  "autoscaler manages it)"));
}

}  // namespace pushgate
