#include "validators/git/history_rule.h"

namespace pushgate {
namespace {

Finding unreadable(const RefContext& context, std::string_view rule, const std::string& commit,
                   const Error& error) {
  return ref_finding(rule, context, commit,
                     "cannot read commit " + commit + " to check its parents: " + error.message);
}

}  // namespace

void HistoryRule::check_ref(const RefContext& context, FindingList& out) const {
  const RefPlan& plan = context.plan;
  const HistoryMode mode = context.rule.protect.history;
  if (mode == HistoryMode::kAny || plan.is_deletion() || plan.tip.empty()) return;

  if (mode == HistoryMode::kLinear) {
    for (const std::string& commit : plan.new_commits) {
      Result<CommitInfo> info = context.repository.read_commit(commit);
      if (!info) {
        out.push_back(unreadable(context, rule(), commit, info.error()));
        continue;
      }
      if (info.value().parents.size() < 2) continue;
      out.push_back(ref_finding(rule(), context, commit,
                                "merge commit " + short_id(commit) + " is not allowed on " +
                                    plan.update.ref +
                                    ", which keeps a linear history; rebase instead of merging"));
    }
    return;
  }

  // Merges only: an existing ref moves by exactly one merge commit whose first parent is the old
  // tip, so every change arrives through a merge (e.g. of a reviewed branch).
  if (plan.kind != RefUpdateKind::kUpdate) return;
  Result<CommitInfo> tip = context.repository.read_commit(plan.tip);
  if (!tip) {
    out.push_back(unreadable(context, rule(), plan.tip, tip.error()));
    return;
  }
  const std::vector<std::string>& parents = tip.value().parents;
  if (parents.size() >= 2 && parents.front() == plan.update.old_id) return;
  out.push_back(ref_finding(rule(), context, plan.tip,
                            plan.update.ref + " only accepts merge commits onto its current tip " +
                                short_id(plan.update.old_id) + "; " + short_id(plan.tip) +
                                " is not one; merge your branch with `git merge --no-ff`"));
}

}  // namespace pushgate
