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

RandomPush random_push(std::mt19937& random, const std::vector<std::string>& paths,
                       const std::function<std::string(const std::string& path)>& make_file,
                       unsigned absent_one_in, unsigned delete_one_in) {
  RandomPush push;
  for (const std::string& path : paths) {
    if (random() % absent_one_in != 0) push.before[path] = make_file(path);
  }
  push.after = push.before;
  for (int edits = 1 + static_cast<int>(random() % 2); edits > 0; --edits) {
    const std::string& path = paths[random() % paths.size()];
    if (push.after.contains(path) && random() % delete_one_in == 0) {
      push.after.erase(path);
    } else {
      push.after[path] = make_file(path);
    }
  }
  return push;
}

}  // namespace pushgate::testing
