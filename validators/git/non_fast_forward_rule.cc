#include "validators/git/non_fast_forward_rule.h"

namespace pushgate {

void NonFastForwardRule::check_ref(const RefContext& context, FindingList& out) const {
  const RefPlan& plan = context.plan;
  if (!context.rule.protect.deny_non_fast_forward) return;
  if (plan.kind != RefUpdateKind::kUpdate || plan.fast_forward) return;
  out.push_back(ref_finding(
      rule(), context, plan.update.new_id,
      "non-fast-forward update of " + plan.update.ref + " from " + short_id(plan.update.old_id) +
          " to " + short_id(plan.update.new_id) +
          " is not allowed; fetch, rebase or merge onto the current tip and push without --force"));
}

}  // namespace pushgate
