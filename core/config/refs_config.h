#pragma once
// The `refs:` section of pushgate.yaml: git rules per ref, the first entry whose glob matches the
// pushed ref wins (docs/git-rules.md).
//
//   refs:
//     - match: refs/heads/main
//       protect: {deny_non_fast_forward: true, deny_deletion: true, history: linear}
//     - match: refs/heads/**
//       protect: {name_pattern: '^refs/heads/(feature|fix)/[a-z0-9._-]+$'}
//
// `commits:` (commit_rules_config.h) and `files:` (file_rules_config.h) judge every new commit.
// `reviews:` (reviews_config.h) requires approval trailers; `signatures:` (signatures_config.h)
// signed commits.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/commit_rules_config.h"
#include "core/config/config_reader.h"
#include "core/config/file_rules_config.h"
#include "core/config/reviews_config.h"
#include "core/config/signatures_config.h"

namespace pushgate {

// A push of more new commits than this is refused by the loader as a limit: nobody reviews it.
inline constexpr std::uint64_t kMaxNewCommitsCeiling = 1'000'000;

enum class HistoryMode : std::uint8_t {
  kAny,         // no history rule
  kLinear,      // no merge commits among the new commits
  kMergesOnly,  // the ref only moves by merge commits (its new tip's first parent is the old tip)
};

struct ProtectConfig {
  bool deny_non_fast_forward = false;  // force pushes that drop commits from the ref
  bool deny_deletion = false;
  bool deny_creation = false;         // new refs matching the glob, except by `creators`
  std::vector<std::string> creators;  // pusher names allowed to create despite deny_creation
  bool deny_tag_move = false;         // re-pointing an existing tag
  std::string name_pattern;           // RE2, full match against new refs' full names; "" none
  HistoryMode history = HistoryMode::kAny;
  std::optional<std::uint64_t> max_new_commits;
};

struct RefRuleConfig {
  std::string match;  // a glob over full ref names ("refs/heads/release/*")
  Position position;  // where the entry starts in the config, for messages
  ProtectConfig protect;
  std::optional<SignaturesConfig> signatures;  // `signatures:`; unset: no signature rules
  CommitRulesConfig commits;
  FileRulesConfig files;
  std::optional<ReviewsConfig> reviews;  // `reviews:`; unset: no approvals required
};

// `refs:` reader for the top-level key table (config_keys.cc).
struct Config;
void read_refs_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                       Config& config);

std::span<const KeySpec<RefRuleConfig>> ref_rule_keys();
std::span<const KeySpec<ProtectConfig>> protect_keys();
std::span<const EnumValue<HistoryMode>> history_modes();

// The first entry whose `match` glob matches `ref`; nullptr when none does.
const RefRuleConfig* find_ref_rule(std::span<const RefRuleConfig> rules, std::string_view ref);

}  // namespace pushgate
