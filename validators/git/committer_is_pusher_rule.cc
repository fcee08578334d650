#include "validators/git/committer_is_pusher_rule.h"

#include "core/base/words.h"

#include <algorithm>

namespace pushgate {
namespace {

// "alice" is committer alice@example.com (or alice@anything: pin the domain with
// committer_email); "alice@example.com" is exactly that address.
bool is_pusher(std::string_view pusher, std::string_view email) {
  if (pusher.empty()) return false;
  if (equals_ignoring_case(pusher, email)) return true;
  const std::size_t at = email.rfind('@');
  return at != std::string_view::npos && equals_ignoring_case(pusher, email.substr(0, at));
}

}  // namespace

void CommitterIsPusherRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.commits.committer_is_pusher || context.commits.empty()) return;
  if (!context.pusher && !context.has_pusher) {
    out.push_back(pusher_unknown_notice(
        rule(), context,
        "whether the committers of " + context.plan.update.ref + "'s new commits are its pusher"));
    return;
  }
  if (!context.pusher) {
    out.push_back(ref_finding(rule(), context, context.plan.tip,
                              "cannot tell who pushed to " + context.plan.update.ref +
                                  ", which requires the committer to be the pusher; the server "
                                  "must set one of " +
                                  std::string(context.pusher_hint)));
    return;
  }
  const Pusher& pusher = *context.pusher;
  for (const CommitInfo& commit : context.commits) {
    if (is_pusher(pusher.name, commit.committer_email)) continue;
    out.push_back(
        commit_finding(rule(), context, commit.id, 0,
                       "committer <" + commit.committer_email + "> of commit " +
                           short_id(commit.id) + " is not the pusher " + pusher.name + " (from " +
                           pusher.source + "); " + context.plan.update.ref +
                           " only takes commits their pusher committed: commit them yourself, e.g. "
                           "`git rebase --exec 'git commit --amend --no-edit --reset-author'`"));
  }
}

}  // namespace pushgate
