#pragma once
// Git rules judge a ref update, not a file: a force push, a deletion, a new ref's name, the shape
// of the new history. One rule = one class in validators/git/<name>_rule.{h,cc}, one kRefs row in
// core/policy/rule_table.inc, one line in validators/git/registry.cc (the order findings come
// in), a test in tests/unit/validators/git/ and a docs page docs/rules/git/<name>.md. Its findings
// are graded by `policies:` like a file rule's. Like every validator, a git rule never prints.
//
//   for (const auto& rule : git_rules()) rule->check_ref(context, findings);
//
// Every finding names the ref and, where one applies, the commit (ref_finding() sets both).
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/refs_config.h"
#include "core/finding/finding.h"
#include "core/git/repository.h"
#include "core/push/push_plan.h"
#include "validators/git/new_content.h"

namespace pushgate {

// Who pushed, as the server platform told the hook (hooks/pusher.h reads it).
struct Pusher {
  std::string name;
  std::string source;  // the variable it came from, e.g. "GL_USER", for messages
};

// The variables a hook looks in for the pusher, in that order: named in "who pushed is unknown"
// messages so that an administrator knows what to set.
inline constexpr std::string_view kPusherVariablesHint =
    "GIT_PUSH_CERT_KEY with GIT_PUSH_CERT_STATUS=G and GIT_PUSH_CERT_NONCE_STATUS=OK, "
    "GITEA_PUSHER_NAME, GL_USERNAME, GL_ID, "
    "GL_USER or REMOTE_USER";

struct RefContext {
  const Repository& repository;
  const RefPlan& plan;                  // kind, fast_forward, tip, new_commits
  const RefRuleConfig& rule;            // the first `refs:` entry matching the ref
  const std::optional<Pusher>& pusher;  // nullopt when the environment names nobody
  std::span<const std::string> push_options;
  // The variables the hook read for the pusher, for "cannot tell who pushed" messages.
  std::string_view pusher_hint = kPusherVariablesHint;
  // Read once by run_git_rules when the entry has `commits:`, `files:` or `reviews:` rules;
  // empty otherwise.
  std::span<const CommitInfo> commits = {};         // the new commits, parents first
  std::span<const CommitEntries> new_entries = {};  // what they bring (new_content.h)
  // Read when the entry's `reviews:` has ownership rules (codeowners, policy_admins): every commit
  // the ref gains (new_content.h, commits_gained) and the paths each changes.
  std::span<const CommitInfo> gained_commits = {};
  std::span<const CommitPaths> changed_paths = {};
  // false outside a push (`pushgate check --git`): nobody pushed, so a rule that needs the pusher
  // reports pusher_unknown_notice() instead of failing closed.
  bool has_pusher = true;
};

class GitRule {
 public:
  virtual ~GitRule() = default;
  virtual std::string_view rule() const = 0;  // "git/<name>"
  virtual void check_ref(const RefContext& context, FindingList& out) const = 0;
};

// Every built-in git rule (validators/git/registry.cc).
const std::vector<std::unique_ptr<GitRule>>& git_rules();

// An error finding for the ref of `context`, at `commit` ("" for the ref as a whole).
Finding ref_finding(std::string_view rule, const RefContext& context, std::string commit,
                    std::string message);

// A finding about line `line` (1-based; 0: the commit as a whole) of `commit`'s message.
Finding commit_finding(std::string_view rule, const RefContext& context, const std::string& commit,
                       std::uint32_t line, std::string message);
// A finding about the entry at `path` that `commit` brings.
Finding file_finding(std::string_view rule, const RefContext& context, const std::string& commit,
                     const std::string& path, std::string message);

// Outside a push (RefContext::has_pusher false): an info finding saying that `what` depends on
// who pushes, which only the server knows, so it was not checked here.
Finding pusher_unknown_notice(std::string_view rule, const RefContext& context, std::string what);

// The ref's new value for messages: the new id, shortened.
std::string short_id(std::string_view id);

}  // namespace pushgate

namespace pushgate {

// Runs every git rule for one planned ref under the first `refs` entry that matches it (none:
// nothing to do). Refs that could not be planned are left to the caller's internal error.
void run_git_rules(const Repository& repository, const RefPlan& plan,
                   std::span<const RefRuleConfig> rules, const std::optional<Pusher>& pusher,
                   std::span<const std::string> push_options, FindingList& out,
                   std::string_view pusher_hint = kPusherVariablesHint, bool has_pusher = true);

}  // namespace pushgate
