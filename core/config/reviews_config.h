#pragma once
// `reviews:` inside a `refs:` entry: every new commit pushed to a matching ref carries enough
// approvals, as message trailers, from people other than its author (docs/git-rules.md).
//
//   reviews:
//     approvals: 2                          # distinct approvers per new commit (default 1)
//     trailers: [Reviewed-by, Approved-by]  # the default
//     reviewers: [alice@example.com, Bob]   # only these count; unset: anyone but the author
//     merge_bots: [merge-bot]               # pushers whose pushes need no trailers
//
// `codeowners`, `codeowners_file` and `policy_admins` are named but not enforced by this build:
// writing them is an error (config/unsupported).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_reader.h"

namespace pushgate {

struct ReviewsConfig {
  std::uint64_t approvals = 1;
  std::vector<std::string> trailers = {"Reviewed-by", "Approved-by"};  // keys, any case
  std::vector<std::string> reviewers;   // emails (contain '@') or names; empty: anyone
  std::vector<std::string> merge_bots;  // pusher names
};

inline constexpr std::uint64_t kMaxApprovalsCeiling = 100;

void read_reviews_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         ReviewsConfig& reviews);
std::span<const KeySpec<ReviewsConfig>> reviews_keys();

}  // namespace pushgate
