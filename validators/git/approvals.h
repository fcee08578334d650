#pragma once
// Approval trailers ("Reviewed-by: Name <email>") on the new commits of a push, shared by the
// rules that ask for approvals (git/reviews, git/codeowners, git/policy-admins) so that they all
// count the same trailers the same way (docs/rules/git/reviews.md).
//
//   const CommitApprovals approvals(context.commits, config.trailers);
//   for (const Approver& a : approvals.of(commit)) if (!is_author(a, commit)) ...
//
// A commit's approvals are the trailers of its own message plus those of every new merge commit
// that brings it through a non-first parent.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/git/repository.h"

namespace pushgate {

// One approval trailer's identity: "Name <email>", "<email>", "email" or "Name".
struct Approver {
  std::string name;
  std::string email;
  std::string text;  // as written, for messages

  // Distinct approvers are distinct emails (any case), or names when there is no email.
  std::string key() const;
};

// Every approval trailer in `message`: lines after the subject that start with one of `keys`
// (any case) followed by ':'.
std::vector<Approver> approvals_in(std::string_view message, std::span<const std::string> keys);

// The approver is the commit's author, by email or by name (any case).
bool is_author(const Approver& approver, const CommitInfo& commit);

// `identity` names `approver`: "@alice" (a name; "@org/team" too) matches the trailer name
// "alice"; an entry with '@' inside ("alice@example.com") matches the trailer email; any other
// entry matches the trailer name. All ignoring case.
bool identity_names_approver(std::string_view identity, const Approver& approver);

// `identity` names the pusher: compared with the pusher name ignoring case, a leading '@' dropped.
bool identity_names_pusher(std::string_view identity, std::string_view pusher);

class CommitApprovals {
 public:
  CommitApprovals(std::span<const CommitInfo> commits, std::span<const std::string> trailers);
  // Every approval that applies to `commit` (one of the commits given), the author's included.
  std::vector<Approver> of(const CommitInfo& commit) const;

 private:
  std::span<const std::string> trailers_;
  std::map<std::string, std::vector<const CommitInfo*>> merges_bringing_;  // commit id -> merges
};

// "a, b, c" for messages.
std::string join_names(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace pushgate
