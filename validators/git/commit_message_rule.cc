#include "validators/git/commit_message_rule.h"

#include <re2/re2.h>

#include <memory>

namespace pushgate {
namespace {

std::unique_ptr<RE2> compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  return std::make_unique<RE2>(pattern, options);
}

}  // namespace

void CommitMessageRule::check_ref(const RefContext& context, FindingList& out) const {
  const CommitRulesConfig& config = context.rule.commits;
  if (config.message_must_match.empty() && config.message_must_not_match.empty()) return;
  // The loader checked the patterns; a pattern that still fails to compile matches nothing, so
  // must-match fails closed.
  std::vector<std::unique_ptr<RE2>> required;
  std::vector<std::unique_ptr<RE2>> forbidden;
  for (const std::string& p : config.message_must_match) required.push_back(compile(p));
  for (const std::string& p : config.message_must_not_match) forbidden.push_back(compile(p));

  for (const CommitInfo& commit : context.commits) {
    const std::string_view message = commit.message;
    for (std::size_t i = 0; i < required.size(); ++i) {
      if (required[i]->ok() && RE2::PartialMatch(message, *required[i])) continue;
      out.push_back(commit_finding(
          rule(), context, commit.id, 1,
          "message of commit " + short_id(commit.id) + " does not match the required pattern '" +
              config.message_must_match[i] + "' (" + context.plan.update.ref +
              "); reword it with `git commit --amend` or `git rebase -i`"));
    }
    for (std::size_t i = 0; i < forbidden.size(); ++i) {
      re2::StringPiece match;
      if (!forbidden[i]->ok() ||
          !forbidden[i]->Match(message, 0, message.size(), RE2::UNANCHORED, &match, 1)) {
        continue;
      }
      const std::uint32_t line =
          message_line_at(message, static_cast<std::size_t>(match.data() - message.data()));
      out.push_back(commit_finding(rule(), context, commit.id, line,
                                   "message line " + std::to_string(line) + " of commit " +
                                       short_id(commit.id) + " matches the forbidden pattern '" +
                                       config.message_must_not_match[i] + "' (not allowed on " +
                                       context.plan.update.ref +
                                       "); squash or reword the commit with `git rebase -i`"));
    }
  }
}

}  // namespace pushgate
