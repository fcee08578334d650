#include "validators/gitops/flux_source_external_rule.h"

#include "validators/gitops/flux_source_refs.h"

namespace pushgate {

FluxSourceExternalRule::FluxSourceExternalRule(const PoliciesConfig& policies) {
  // One list of external sources for both rules: it is where sources live, not a policy.
  if (const RuleSetting* setting = policies.setting("gitops/flux-source-ref")) {
    if (const auto* list = setting->options.strings("external")) external_ = *list;
  }
}

void FluxSourceExternalRule::check_run(const RunContext& run, FindingList& out) const {
  // Nothing the rule reads changed: nothing to report (reference_report.h).
  if (flux_objects_unchanged(run)) return;
  report_reference_problems(
      *this, run, Severity::kWarning,
      [&](const InventoryObject& object, const FluxTree& tree) {
        return source_ref_problems(object, tree, SourceRefProblems::kExternal, external_);
      },
      out);
}

}  // namespace pushgate
