#include "validators/git/commit_subject_length_rule.h"

#include "core/base/utf8.h"

namespace pushgate {

void CommitSubjectLengthRule::check_ref(const RefContext& context, FindingList& out) const {
  const std::optional<std::uint64_t>& max = context.rule.commits.subject_max_length;
  if (!max) return;
  for (const CommitInfo& commit : context.commits) {
    const std::vector<std::string_view> lines = message_lines(commit.message);
    if (lines.empty()) continue;
    std::uint64_t length = 0;
    for (std::size_t i = 0; i < lines[0].size(); ++length) {
      i += next_utf8_char(lines[0], i).size;
    }
    if (length <= *max) continue;
    out.push_back(commit_finding(
        rule(), context, commit.id, 1,
        "subject of commit " + short_id(commit.id) + " is " + std::to_string(length) +
            " characters, more than the " + std::to_string(*max) + " allowed on " +
            context.plan.update.ref + "; shorten the first line and move details to the body"));
  }
}

}  // namespace pushgate
