#include "validators/git/commit_blank_line_rule.h"

namespace pushgate {

void CommitBlankLineRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.commits.require_blank_second_line) return;
  for (const CommitInfo& commit : context.commits) {
    const std::vector<std::string_view> lines = message_lines(commit.message);
    if (lines.size() < 2 || lines[1].find_first_not_of(" \t") == std::string_view::npos) continue;
    out.push_back(commit_finding(rule(), context, commit.id, 2,
                                 "message line 2 of commit " + short_id(commit.id) +
                                     " is not empty; separate the subject from the body with a "
                                     "blank line (" +
                                     context.plan.update.ref + ")"));
  }
}

}  // namespace pushgate
