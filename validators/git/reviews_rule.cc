#include "validators/git/reviews_rule.h"

#include <algorithm>
#include <set>

#include "core/base/words.h"
#include "validators/git/approvals.h"

namespace pushgate {
namespace {

// A `reviewers` entry with '@' is an email, otherwise a name; both compared ignoring case.
bool is_listed(const Approver& approver, std::span<const std::string> reviewers) {
  return std::any_of(reviewers.begin(), reviewers.end(), [&](const std::string& reviewer) {
    const bool email = reviewer.find('@') != std::string::npos;
    const std::string& mine = email ? approver.email : approver.name;
    return !mine.empty() && ascii_lower(mine) == ascii_lower(reviewer);
  });
}

}  // namespace

void ReviewsRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.reviews || context.commits.empty()) return;
  const ReviewsConfig& config = *context.rule.reviews;
  if (config.approvals == 0) return;  // only ownership rules (git/codeowners, git/policy-admins)
  if (context.pusher) {
    const std::string pusher = ascii_lower(context.pusher->name);
    for (const std::string& bot : config.merge_bots) {
      if (ascii_lower(bot) == pusher) return;
    }
  }

  const CommitApprovals approvals(context.commits, config.trailers);
  const std::string keys = join_names(config.trailers, "/");
  for (const CommitInfo& commit : context.commits) {
    std::set<std::string> counted_keys;
    std::vector<std::string> counted;
    std::vector<std::string> ignored;
    for (const Approver& approver : approvals.of(commit)) {
      if (is_author(approver, commit)) {
        ignored.push_back(approver.text + " (the author)");
      } else if (!config.reviewers.empty() && !is_listed(approver, config.reviewers)) {
        ignored.push_back(approver.text + " (not a listed reviewer)");
      } else if (counted_keys.insert(approver.key()).second) {
        counted.push_back(approver.text);
      }
    }
    if (counted.size() >= config.approvals) continue;
    std::string message = "commit " + short_id(commit.id) + " has " +
                          std::to_string(counted.size()) + " of " +
                          std::to_string(config.approvals) + " approvals that " +
                          context.plan.update.ref + " requires (" + keys + " trailers)";
    if (!counted.empty()) message += "; counted: " + join_names(counted);
    if (!ignored.empty()) message += "; not counted: " + join_names(ignored);
    message += "; add \"" + config.trailers.front() + ": Name <email>\" trailers from ";
    message += config.reviewers.empty() ? std::string("reviewers other than the author")
                                        : "listed reviewers (" + join_names(config.reviewers) + ")";
    message += " to the commit or to the merge commit that brings it";
    out.push_back(commit_finding(rule(), context, commit.id, 0, std::move(message)));
  }
}

}  // namespace pushgate
