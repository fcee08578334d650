#pragma once
// `commits:` inside a `refs:` entry: what every new commit pushed to a matching ref must look like
// (docs/git-rules.md). New commits are those reachable from the new tip and from no existing ref.
//
//   commits:
//     message_must_match: ['^(feat|fix|docs|chore)(\([a-z0-9-]+\))?!?: \S']
//     message_must_not_match: ['^(fixup|squash)! ', '\bWIP\b']
//     subject_max_length: 72
//     require_blank_second_line: true
//     author_email: '.*@example\.com'
//     committer_email: '.*@example\.com'
//     committer_is_pusher: true
//     require_signoff: true
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_reader.h"

namespace pushgate {

struct CommitRulesConfig {
  // RE2 patterns searched in the whole message ('^' is its start; `(?m)` makes it any line).
  std::vector<std::string> message_must_match;
  std::vector<std::string> message_must_not_match;
  std::optional<std::uint64_t> subject_max_length;  // characters of the first line
  bool require_blank_second_line = false;
  std::string author_email;     // RE2, full match, case-insensitive; "" none
  std::string committer_email;  // same, for the committer
  bool committer_is_pusher = false;
  bool require_signoff = false;  // DCO: "Signed-off-by: <author name> <<author email>>"

  bool any() const {
    return !message_must_match.empty() || !message_must_not_match.empty() ||
           subject_max_length.has_value() || require_blank_second_line || !author_email.empty() ||
           !committer_email.empty() || committer_is_pusher || require_signoff;
  }
};

inline constexpr std::uint64_t kMaxSubjectLengthCeiling = 10'000;

void read_commit_rules_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                              CommitRulesConfig& commits);
std::span<const KeySpec<CommitRulesConfig>> commit_rules_keys();

}  // namespace pushgate
