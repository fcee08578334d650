#pragma once
// `reviews:` inside a `refs:` entry: every new commit pushed to a matching ref carries enough
// approvals, as message trailers, from people other than its author (docs/git-rules.md).
//
//   reviews:
//     approvals: 2                          # distinct approvers per new commit (default 1)
//     trailers: [Reviewed-by, Approved-by]  # the default
//     reviewers: [alice@example.com, Bob]   # only these count; unset: anyone but the author
//     merge_bots: [merge-bot]               # pushers whose pushes need no trailers
//     codeowners: .github/CODEOWNERS        # path ownership, read at the ref's old tip
//     codeowners_ref: refs/heads/main       # where to read it when the ref is created
//     codeowners_file: CODEOWNERS           # or: a server file (relative to the config)
//     policy_admins: [alice@example.com]    # own .pushgate.yaml, .pushgate.yml, pushgate.yaml
//
// With ownership keys and no `approvals:`, no approvals beyond the owners' are asked for
// (approvals 0). `codeowners` and `codeowners_file` exclude each other.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_reader.h"

namespace pushgate {

struct ReviewsConfig {
  std::uint64_t approvals = 1;  // 0: only ownership rules (no `approvals:` key with them)
  std::vector<std::string> trailers = {"Reviewed-by", "Approved-by"};  // keys, any case
  std::vector<std::string> reviewers;   // emails (contain '@') or names; empty: anyone
  std::vector<std::string> merge_bots;  // pusher names
  std::string codeowners;               // repository-relative path, read at the old tip; "" unset
  std::string codeowners_ref;           // full ref name; its tip gives CODEOWNERS on ref creation
  std::string codeowners_file;          // absolute path on the server; "" unset
  std::vector<std::string> policy_admins;  // "@name", names or emails

  bool has_ownership() const {
    return !codeowners.empty() || !codeowners_file.empty() || !policy_admins.empty();
  }
};

inline constexpr std::uint64_t kMaxApprovalsCeiling = 100;

void read_reviews_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         ReviewsConfig& reviews);
std::span<const KeySpec<ReviewsConfig>> reviews_keys();

}  // namespace pushgate
