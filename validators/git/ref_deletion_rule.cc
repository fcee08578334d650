#include "validators/git/ref_deletion_rule.h"

namespace pushgate {

void RefDeletionRule::check_ref(const RefContext& context, FindingList& out) const {
  const RefPlan& plan = context.plan;
  if (!context.rule.protect.deny_deletion || !plan.is_deletion()) return;
  out.push_back(ref_finding(rule(), context, plan.update.old_id,
                            "deleting " + plan.update.ref + " (at " + short_id(plan.update.old_id) +
                                ") is not allowed; it is protected by `refs` entry `" +
                                context.rule.match + "`"));
}

}  // namespace pushgate
