#include "tests/support/push_agreement.h"

#include <gtest/gtest.h>

namespace pushgate::testing {
namespace {

std::set<std::string> keys_of(const FindingList& findings, FindingKey key) {
  std::set<std::string> out;
  for (const Finding& f : findings) {
    std::string k = f.rule + " " + f.path + ":" + std::to_string(f.position.line) + ":" +
                    std::to_string(f.position.column);
    if (key == FindingKey::kPositionAndMessage) k += " " + f.message;
    out.insert(std::move(k));
  }
  return out;
}

}  // namespace

std::set<std::string> expect_push_agrees_with_full_checks(const MemorySnapshot& before,
                                                          const MemorySnapshot& after,
                                                          const std::string& rule_prefix,
                                                          const Config& config, int round,
                                                          FindingKey key) {
  const std::set<std::string> full_old =
      keys_of(check_tree_findings(before, {}, {}, rule_prefix, config), key);
  const std::set<std::string> full_new =
      keys_of(check_tree_findings(after, {}, {}, rule_prefix, config), key);
  const std::set<std::string> push =
      keys_of(check_change_findings(before, after, rule_prefix, config), key);
  for (const std::string& f : push) {
    EXPECT_TRUE(full_new.contains(f)) << "round " << round << ": push-only finding " << f;
  }
  for (const std::string& f : full_new) {
    if (!full_old.contains(f)) {
      EXPECT_TRUE(push.contains(f)) << "round " << round << ": push missed " << f;
    }
  }
  return push;
}

}  // namespace pushgate::testing
