#include "validators/git/max_new_commits_rule.h"

namespace pushgate {

void MaxNewCommitsRule::check_ref(const RefContext& context, FindingList& out) const {
  const RefPlan& plan = context.plan;
  const std::optional<std::uint64_t>& max = context.rule.protect.max_new_commits;
  if (!max || plan.new_commits.size() <= *max) return;
  out.push_back(ref_finding(rule(), context, plan.update.new_id,
                            "push brings " + std::to_string(plan.new_commits.size()) +
                                " new commits to " + plan.update.ref + ", more than the " +
                                std::to_string(*max) +
                                " allowed; squash them or push in smaller steps"));
}

}  // namespace pushgate
