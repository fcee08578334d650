#include "validators/git/tag_move_rule.h"

namespace pushgate {

void TagMoveRule::check_ref(const RefContext& context, FindingList& out) const {
  const RefPlan& plan = context.plan;
  if (!context.rule.protect.deny_tag_move || plan.kind != RefUpdateKind::kTagMove) return;
  out.push_back(ref_finding(rule(), context, plan.update.new_id,
                            "moving tag " + plan.update.ref + " from " +
                                short_id(plan.update.old_id) + " to " +
                                short_id(plan.update.new_id) +
                                " is not allowed; tags are immutable here, push a new tag name"));
}

}  // namespace pushgate
