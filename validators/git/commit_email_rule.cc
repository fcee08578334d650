#include "validators/git/commit_email_rule.h"

#include <re2/re2.h>

#include <memory>

namespace pushgate {
namespace {

std::unique_ptr<RE2> compile(const std::string& pattern) {
  if (pattern.empty()) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);  // email domains are case-insensitive
  return std::make_unique<RE2>(pattern, options);
}

}  // namespace

void CommitEmailRule::check_ref(const RefContext& context, FindingList& out) const {
  const CommitRulesConfig& config = context.rule.commits;
  const std::unique_ptr<RE2> author = compile(config.author_email);
  const std::unique_ptr<RE2> committer = compile(config.committer_email);
  if (!author && !committer) return;
  auto check = [&](const RE2* pattern, const std::string& pattern_text, const CommitInfo& commit,
                   std::string_view role, const std::string& email) {
    if (pattern == nullptr || (pattern->ok() && RE2::FullMatch(email, *pattern))) return;
    out.push_back(commit_finding(rule(), context, commit.id, 0,
                                 std::string(role) + " email <" + email + "> of commit " +
                                     short_id(commit.id) + " does not match '" + pattern_text +
                                     "' required on " + context.plan.update.ref +
                                     "; set `git config user.email` and rewrite it with `git "
                                     "commit --amend --reset-author`"));
  };
  for (const CommitInfo& commit : context.commits) {
    check(author.get(), config.author_email, commit, "author", commit.author_email);
    check(committer.get(), config.committer_email, commit, "committer", commit.committer_email);
  }
}

}  // namespace pushgate
