#include "core/config/commit_rules_config.h"

#include <re2/re2.h>

#include <array>

namespace pushgate {
namespace {

std::optional<std::string> read_pattern(ConfigReader& reader, NodeRef value,
                                        const std::string& key_path) {
  const std::optional<std::string> pattern = reader.read_string(value, key_path);
  if (!pattern) return std::nullopt;
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 regex(*pattern, options);
  if (!regex.ok()) {
    reader.report(value, "`" + key_path + "` is not a valid RE2 pattern: " + regex.error());
    return std::nullopt;
  }
  return pattern;
}

template <std::vector<std::string> CommitRulesConfig::*Member>
void read_patterns(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   CommitRulesConfig& commits) {
  if (!value.is_sequence()) {
    reader.report(value, "`" + key_path + "` must be a list of RE2 patterns, got " +
                             ConfigReader::describe(value));
    return;
  }
  std::vector<std::string> patterns;
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::optional<std::string> pattern =
        read_pattern(reader, value.item(i), key_path + "[" + std::to_string(i) + "]");
    if (!pattern) return;
    patterns.push_back(std::move(*pattern));
  }
  commits.*Member = std::move(patterns);
}

template <std::string CommitRulesConfig::*Member>
void read_email_pattern(ConfigReader& reader, NodeRef value, const std::string& key_path,
                        CommitRulesConfig& commits) {
  if (std::optional<std::string> pattern = read_pattern(reader, value, key_path)) {
    commits.*Member = std::move(*pattern);
  }
}

template <bool CommitRulesConfig::*Member>
void read_flag(ConfigReader& reader, NodeRef value, const std::string& key_path,
               CommitRulesConfig& commits) {
  if (value.kind() != NodeKind::kBool) {
    reader.report(value,
                  "`" + key_path + "` must be true or false, got " + ConfigReader::describe(value));
    return;
  }
  commits.*Member = value.as_bool();
}

void read_subject_max_length(ConfigReader& reader, NodeRef value, const std::string& key_path,
                             CommitRulesConfig& commits) {
  if (auto length = reader.read_count(value, key_path, 1, kMaxSubjectLengthCeiling)) {
    commits.subject_max_length = *length;
  }
}

constexpr std::array<KeySpec<CommitRulesConfig>, 8> kCommitRulesKeys = {{
    {"message_must_match", read_patterns<&CommitRulesConfig::message_must_match>},
    {"message_must_not_match", read_patterns<&CommitRulesConfig::message_must_not_match>},
    {"subject_max_length", read_subject_max_length},
    {"require_blank_second_line", read_flag<&CommitRulesConfig::require_blank_second_line>},
    {"author_email", read_email_pattern<&CommitRulesConfig::author_email>},
    {"committer_email", read_email_pattern<&CommitRulesConfig::committer_email>},
    {"committer_is_pusher", read_flag<&CommitRulesConfig::committer_is_pusher>},
    {"require_signoff", read_flag<&CommitRulesConfig::require_signoff>},
}};

}  // namespace

void read_commit_rules_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                              CommitRulesConfig& commits) {
  reader.read_mapping(value, key_path, commit_rules_keys(), commits);
}

std::span<const KeySpec<CommitRulesConfig>> commit_rules_keys() {
  return kCommitRulesKeys;
}

}  // namespace pushgate
