#pragma once
// Test support: the contract of every incremental whole-tree rule, checked on one push. A push from
// `before` to `after` (as check_change runs it, with the tree before as the base) must report
// only findings a full check of `after` reports, and every finding a full check of `after` has
// that a full check of `before` has not — what the push broke. Random-push tests call this once
// per round.
//
//   const std::set<std::string> push =
//       expect_push_agrees_with_full_checks(old_tree, new_tree, kRule, config, round);
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate::testing {

// How findings compare: where they are (rule, path, line, column), or where and what they say.
enum class FindingKey { kPosition, kPositionAndMessage };

// Adds a test failure naming `round` for each finding that breaks the contract; returns the
// push's findings as keys ("rule path:line:col[ message]").
std::set<std::string> expect_push_agrees_with_full_checks(const MemorySnapshot& before,
                                                          const MemorySnapshot& after,
                                                          const std::string& rule_prefix,
                                                          const Config& config, int round,
                                                          FindingKey key = FindingKey::kPosition);

// A random tree over `paths` and a random push on it: each path is in `before` unless one draw in
// `absent_one_in` says not; then one or two edits, each deleting an existing path (one draw in
// `delete_one_in`) or writing a new `make_file(path)`.
struct RandomPush {
  std::map<std::string, std::string> before;
  std::map<std::string, std::string> after;
};
RandomPush random_push(std::mt19937& random, const std::vector<std::string>& paths,
                       const std::function<std::string(const std::string& path)>& make_file,
                       unsigned absent_one_in, unsigned delete_one_in);

}  // namespace pushgate::testing
