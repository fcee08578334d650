#pragma once
// Shared by the commit and file rule tests: a clone makes history, a bare "server" receives the
// objects without moving its refs (the state pre-receive sees), plan_push plans the update and
// run_git_rules judges it under one `refs:` entry.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/git/library.h"
#include "core/push/push_plan.h"
#include "tests/support/temp_repo.h"
#include "validators/git/git_rule.h"

namespace pushgate::testing {

class GitRuleHarness : public ::testing::Test {
 protected:
  void SetUp() override { work.git({"remote", "add", "origin", server.path()}); }

  void set_server_ref(const std::string& ref, const std::string& revision) {
    work.git({"push", "-q", "origin", "+" + revision + ":" + ref});
  }
  // An empty commit with `message` (and `env` overriding the identity); its full id.
  std::string commit_message(const std::string& message,
                             const std::map<std::string, std::string>& env = {}) {
    CommandResult r =
        work.try_git({"commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", message}, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return work.head();
  }
  // Plans pushing `tip` to `ref` (created when the server lacks it, else updated from its
  // current value) and runs every git rule under `rule` (its match is set to refs/**).
  FindingList judge(const std::string& tip, RefRuleConfig rule,
                    const std::optional<Pusher>& pusher = std::nullopt,
                    const std::string& ref = "refs/heads/main") {
    work.send_objects(server, tip);
    CommandResult old = server.try_git({"rev-parse", "--verify", "-q", ref});
    const std::string old_id = old.exit_code == 0 ? old.out.substr(0, 40) : std::string(40, '0');
    Result<Repository> repo = Repository::open(server.path());
    EXPECT_TRUE(repo) << repo.error().message;
    Result<PushPlan> plan = plan_push(repo.value(), {RefUpdate{old_id, tip, ref}}, Config{});
    EXPECT_TRUE(plan) << plan.error().message;
    rule.match = "refs/**";
    std::vector<RefRuleConfig> rules{rule};
    FindingList out;
    run_git_rules(repo.value(), plan.value().refs[0], rules, pusher, {}, out);
    return out;
  }
  static std::vector<std::string> rules_of(const FindingList& findings) {
    std::vector<std::string> ids;
    for (const Finding& f : findings) ids.push_back(f.rule);
    return ids;
  }

  GitLibrary library;
  TempRepo server = TempRepo::init_bare();
  TempRepo work = TempRepo::init();
};

}  // namespace pushgate::testing
