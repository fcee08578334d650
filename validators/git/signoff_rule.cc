#include "validators/git/signoff_rule.h"

#include "core/base/words.h"

#include <algorithm>

namespace pushgate {
namespace {

constexpr std::string_view kTrailer = "Signed-off-by:";

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

// "Name <email>" naming the author: the name exactly, the email ignoring case.
bool names_author(std::string_view value, const CommitInfo& commit) {
  value = trim(value);
  const std::size_t open = value.rfind('<');
  if (open == std::string_view::npos || !value.ends_with('>')) return false;
  const std::string_view name = trim(value.substr(0, open));
  const std::string_view email = value.substr(open + 1, value.size() - open - 2);
  return name == commit.author_name && equals_ignoring_case(email, commit.author_email);
}

}  // namespace

void SignoffRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.commits.require_signoff) return;
  for (const CommitInfo& commit : context.commits) {
    const std::vector<std::string_view> lines = message_lines(commit.message);
    std::uint32_t other_line = 0;  // a sign-off by someone else, for the message
    bool signed_off = false;
    // Line 1 is the subject, never a trailer.
    for (std::size_t i = 1; i < lines.size() && !signed_off; ++i) {
      if (!lines[i].starts_with(kTrailer)) continue;
      if (names_author(lines[i].substr(kTrailer.size()), commit)) {
        signed_off = true;
      } else if (other_line == 0) {
        other_line = static_cast<std::uint32_t>(i + 1);
      }
    }
    if (signed_off) continue;
    const std::string expected =
        "Signed-off-by: " + commit.author_name + " <" + commit.author_email + ">";
    std::string message =
        other_line != 0
            ? "message line " + std::to_string(other_line) + " of commit " + short_id(commit.id) +
                  " signs off someone other than the author; " + context.plan.update.ref +
                  " requires \"" + expected + "\""
            : "commit " + short_id(commit.id) + " has no \"" + expected + "\" trailer, which " +
                  context.plan.update.ref + " requires (Developer Certificate of Origin)";
    message += "; add it with `git commit --amend -s` (or `git rebase --signoff`)";
    out.push_back(commit_finding(rule(), context, commit.id, other_line, std::move(message)));
  }
}

}  // namespace pushgate
