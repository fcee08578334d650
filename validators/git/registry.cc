// The built-in git rules, in the order they report.
#include "validators/git/binary_file_rule.h"
#include "validators/git/blob_size_rule.h"
#include "validators/git/case_collision_rule.h"
#include "validators/git/codeowners_rule.h"
#include "validators/git/commit_blank_line_rule.h"
#include "validators/git/commit_email_rule.h"
#include "validators/git/commit_message_rule.h"
#include "validators/git/commit_subject_length_rule.h"
#include "validators/git/committer_is_pusher_rule.h"
#include "validators/git/forbidden_path_rule.h"
#include "validators/git/history_rule.h"
#include "validators/git/max_new_commits_rule.h"
#include "validators/git/non_fast_forward_rule.h"
#include "validators/git/path_characters_rule.h"
#include "validators/git/path_length_rule.h"
#include "validators/git/policy_admins_rule.h"
#include "validators/git/ref_creation_rule.h"
#include "validators/git/ref_deletion_rule.h"
#include "validators/git/ref_name_rule.h"
#include "validators/git/reviews_rule.h"
#include "validators/git/signature_rule.h"
#include "validators/git/signoff_rule.h"
#include "validators/git/submodule_rule.h"
#include "validators/git/symlink_rule.h"
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
    list.push_back(std::make_unique<CommitMessageRule>());
    list.push_back(std::make_unique<CommitSubjectLengthRule>());
    list.push_back(std::make_unique<CommitBlankLineRule>());
    list.push_back(std::make_unique<CommitEmailRule>());
    list.push_back(std::make_unique<CommitterIsPusherRule>());
    list.push_back(std::make_unique<SignoffRule>());
    list.push_back(std::make_unique<ReviewsRule>());
    list.push_back(std::make_unique<CodeownersRule>());
    list.push_back(std::make_unique<PolicyAdminsRule>());
    list.push_back(std::make_unique<BlobSizeRule>());
    list.push_back(std::make_unique<ForbiddenPathRule>());
    list.push_back(std::make_unique<BinaryFileRule>());
    list.push_back(std::make_unique<SymlinkRule>());
    list.push_back(std::make_unique<CaseCollisionRule>());
    list.push_back(std::make_unique<PathLengthRule>());
    list.push_back(std::make_unique<PathCharactersRule>());
    list.push_back(std::make_unique<SubmoduleRule>());
    return list;
  }();
  return rules;
}

void run_git_rules(const Repository& repository, const RefPlan& plan,
                   std::span<const RefRuleConfig> rules, const std::optional<Pusher>& pusher,
                   std::span<const std::string> push_options, FindingList& out,
                   std::string_view pusher_hint, bool has_pusher) {
  if (plan.error) return;
  const RefRuleConfig* rule = find_ref_rule(rules, plan.update.ref);
  if (rule == nullptr) return;
  RefContext context{repository, plan, *rule, pusher, push_options, pusher_hint};
  context.has_pusher = has_pusher;
  // Commit, file and review rules share one read of the new commits and of what they bring. A
  // failure is an internal error for the ref: fail closed rather than judge half the commits.
  std::vector<CommitInfo> commits;
  std::vector<CommitEntries> entries;
  if (!plan.is_deletion() && (rule->commits.any() || rule->files.any() || rule->reviews)) {
    Result<std::vector<CommitInfo>> read = read_commits(repository, plan.new_commits);
    Result<std::vector<CommitEntries>> brought = read && rule->files.any()
                                                     ? new_entries(repository, read.value())
                                                     : Result<std::vector<CommitEntries>>(entries);
    const Error* error = !read ? &read.error() : !brought ? &brought.error() : nullptr;
    if (error != nullptr) {
      Finding f = ref_finding(
          "internal/error", context, plan.tip,
          "cannot read the new commits for the commit, file and review rules: " + error->message);
      out.push_back(std::move(f));
    } else {
      commits = std::move(read.value());
      entries = std::move(brought.value());
    }
    context.commits = commits;
    context.new_entries = entries;
  }
  // Ownership rules judge every commit the ref gains, not only those new to the repository: a
  // branch pushed elsewhere first must not reach a guarded ref without its owners.
  std::vector<CommitInfo> gained;
  std::vector<CommitPaths> paths;
  if (!plan.is_deletion() && !plan.tip.empty() && rule->reviews && rule->reviews->has_ownership()) {
    Result<std::vector<CommitInfo>> read = commits_gained(repository, plan, *rule->reviews);
    Result<std::vector<CommitPaths>> changed =
        read ? changed_paths(repository, read.value()) : Result<std::vector<CommitPaths>>(paths);
    const Error* error = !read ? &read.error() : !changed ? &changed.error() : nullptr;
    if (error != nullptr) {
      out.push_back(ref_finding(
          "internal/error", context, plan.tip,
          "cannot read the commits the ref gains for the ownership rules: " + error->message));
    } else {
      gained = std::move(read.value());
      paths = std::move(changed.value());
    }
    context.gained_commits = gained;
    context.changed_paths = paths;
  }
  for (const std::unique_ptr<GitRule>& git_rule : git_rules()) git_rule->check_ref(context, out);
}

}  // namespace pushgate
