// The built-in git rules, in the order they report.
#include "validators/git/history_rule.h"
#include "validators/git/max_new_commits_rule.h"
#include "validators/git/non_fast_forward_rule.h"
#include "validators/git/ref_creation_rule.h"
#include "validators/git/ref_deletion_rule.h"
#include "validators/git/ref_name_rule.h"
#include "validators/git/signature_rule.h"
#include "validators/git/tag_move_rule.h"

namespace pushgate {

const std::vector<std::unique_ptr<GitRule>>& git_rules() {
  static const std::vector<std::unique_ptr<GitRule>> rules = [] {
    std::vector<std::unique_ptr<GitRule>> list;
    list.push_back(std::make_unique<RefDeletionRule>());
    list.push_back(std::make_unique<RefCreationRule>());
    list.push_back(std::make_unique<RefNameRule>());
    list.push_back(std::make_unique<NonFastForwardRule>());
    list.push_back(std::make_unique<TagMoveRule>());
    list.push_back(std::make_unique<HistoryRule>());
    list.push_back(std::make_unique<MaxNewCommitsRule>());
    list.push_back(std::make_unique<SignatureRule>());
    return list;
  }();
  return rules;
}

void run_git_rules(const Repository& repository, const RefPlan& plan,
                   std::span<const RefRuleConfig> rules, const std::optional<Pusher>& pusher,
                   std::span<const std::string> push_options, FindingList& out,
                   std::string_view pusher_hint) {
  if (plan.error) return;
  const RefRuleConfig* rule = find_ref_rule(rules, plan.update.ref);
  if (rule == nullptr) return;
  const RefContext context{repository, plan, *rule, pusher, push_options, pusher_hint};
  for (const std::unique_ptr<GitRule>& git_rule : git_rules()) git_rule->check_ref(context, out);
}

}  // namespace pushgate
