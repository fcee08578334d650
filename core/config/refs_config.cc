#include "core/config/refs_config.h"

#include <re2/re2.h>

#include <array>

#include "core/base/glob.h"
#include "core/config/config.h"

namespace pushgate {
namespace {

constexpr std::array<EnumValue<HistoryMode>, 3> kHistoryModes = {{
    {"any", HistoryMode::kAny},
    {"linear", HistoryMode::kLinear},
    {"merges-only", HistoryMode::kMergesOnly},
}};

std::optional<bool> read_bool(ConfigReader& reader, NodeRef value, const std::string& key_path) {
  if (value.kind() == NodeKind::kBool) return value.as_bool();
  reader.report(value,
                "`" + key_path + "` must be true or false, got " + ConfigReader::describe(value));
  return std::nullopt;
}

void read_match(ConfigReader& reader, NodeRef value, const std::string& key_path,
                RefRuleConfig& rule) {
  const std::optional<std::string> glob = reader.read_string(value, key_path);
  if (!glob) return;
  // A glob without '/' would match base names ("main" == any ref ending in /main): ask for the
  // full name, which is what git and the hook see.
  if (!glob->starts_with("refs/")) {
    reader.report(value, "`" + key_path +
                             "` must match full ref names starting with refs/, such "
                             "as refs/heads/main or refs/tags/**");
    return;
  }
  if (Result<GlobSet> set = GlobSet::compile({*glob}); !set) {
    reader.report(value, "`" + key_path + "`: " + set.error().message);
    return;
  }
  rule.match = *glob;
}

void read_protect(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  RefRuleConfig& rule) {
  reader.read_mapping(value, key_path, protect_keys(), rule.protect);
}

void read_commits(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  RefRuleConfig& rule) {
  read_commit_rules_config(reader, value, key_path, rule.commits);
}

void read_files(ConfigReader& reader, NodeRef value, const std::string& key_path,
                RefRuleConfig& rule) {
  read_file_rules_config(reader, value, key_path, rule.files);
}

void read_reviews(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  RefRuleConfig& rule) {
  ReviewsConfig reviews;
  read_reviews_config(reader, value, key_path, reviews);
  rule.reviews = std::move(reviews);
}

template <bool ProtectConfig::*Member>
void read_flag(ConfigReader& reader, NodeRef value, const std::string& key_path,
               ProtectConfig& protect) {
  if (std::optional<bool> flag = read_bool(reader, value, key_path)) protect.*Member = *flag;
}

void read_creators(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   ProtectConfig& protect) {
  if (!value.is_sequence()) {
    reader.report(value, "`" + key_path + "` must be a list of pusher names, got " +
                             ConfigReader::describe(value));
    return;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::optional<std::string> name =
        reader.read_string(value.item(i), key_path + "[" + std::to_string(i) + "]");
    if (!name) return;
    names.push_back(*name);
  }
  protect.creators = std::move(names);
}

void read_name_pattern(ConfigReader& reader, NodeRef value, const std::string& key_path,
                       ProtectConfig& protect) {
  const std::optional<std::string> pattern = reader.read_string(value, key_path);
  if (!pattern) return;
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 regex(*pattern, options);
  if (!regex.ok()) {
    reader.report(value, "`" + key_path + "` is not a valid RE2 pattern: " + regex.error());
    return;
  }
  protect.name_pattern = *pattern;
}

void read_history(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  ProtectConfig& protect) {
  if (auto mode = reader.read_enum(value, key_path, history_modes())) protect.history = *mode;
}

void read_max_new_commits(ConfigReader& reader, NodeRef value, const std::string& key_path,
                          ProtectConfig& protect) {
  if (auto count = reader.read_count(value, key_path, 1, kMaxNewCommitsCeiling)) {
    protect.max_new_commits = *count;
  }
}

constexpr std::array<KeySpec<ProtectConfig>, 8> kProtectKeys = {{
    {"deny_non_fast_forward", read_flag<&ProtectConfig::deny_non_fast_forward>},
    {"deny_deletion", read_flag<&ProtectConfig::deny_deletion>},
    {"deny_creation", read_flag<&ProtectConfig::deny_creation>},
    {"creators", read_creators},
    {"deny_tag_move", read_flag<&ProtectConfig::deny_tag_move>},
    {"name_pattern", read_name_pattern},
    {"history", read_history},
    {"max_new_commits", read_max_new_commits},
}};

constexpr std::array<KeySpec<RefRuleConfig>, 6> kRefRuleKeys = {{
    {"match", read_match, "add `match: refs/heads/main` (a glob over full ref names)"},
    {"protect", read_protect},
    {"commits", read_commits},
    {"files", read_files},
    {"reviews", read_reviews},
    {"signatures", read_signatures},
}};

}  // namespace

void read_refs_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                       Config& config) {
  if (!value.is_sequence()) {
    reader.report(value, "`" + key_path +
                             "` must be a list of entries such as [{match: refs/heads/main, "
                             "protect: {deny_deletion: true}}], got " +
                             ConfigReader::describe(value));
    return;
  }
  // Any problem reported here discards the whole config (the loader's rule), so the entries are
  // kept as read.
  std::vector<RefRuleConfig> rules;
  for (std::size_t i = 0; i < value.size(); ++i) {
    RefRuleConfig rule;
    rule.position = value.item(i).position();
    reader.read_mapping(value.item(i), key_path + "[" + std::to_string(i) + "]", ref_rule_keys(),
                        rule);
    rules.push_back(std::move(rule));
  }
  config.refs = std::move(rules);
}

std::span<const KeySpec<RefRuleConfig>> ref_rule_keys() {
  return kRefRuleKeys;
}
std::span<const KeySpec<ProtectConfig>> protect_keys() {
  return kProtectKeys;
}
std::span<const EnumValue<HistoryMode>> history_modes() {
  return kHistoryModes;
}

const RefRuleConfig* find_ref_rule(std::span<const RefRuleConfig> rules, std::string_view ref) {
  for (const RefRuleConfig& rule : rules) {
    Result<GlobSet> set = GlobSet::compile({rule.match});
    if (set && set.value().matches(ref)) return &rule;
  }
  return nullptr;
}

}  // namespace pushgate
