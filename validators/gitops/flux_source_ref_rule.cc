#include "validators/gitops/flux_source_ref_rule.h"

#include "validators/gitops/flux_source_refs.h"

namespace pushgate {

FluxSourceRefRule::FluxSourceRefRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("external")) external_ = *list;
  }
}

void FluxSourceRefRule::check_run(const RunContext& run, FindingList& out) const {
  // Nothing the rule reads changed: nothing to report (reference_report.h).
  if (flux_objects_unchanged(run)) return;
  report_reference_problems(
      *this, run, Severity::kError,
      [&](const InventoryObject& object, const FluxTree& tree) {
        return source_ref_problems(object, tree, SourceRefProblems::kBroken, external_);
      },
      out);
}

}  // namespace pushgate
