// Every git rule over real repositories: a clone makes history, a bare "server" receives the
// objects without moving its refs (the state pre-receive sees), plan_push plans the update and
// run_git_rules judges it under a `refs:` entry. Each rule: a push it accepts and one it rejects.
#include <gtest/gtest.h>

#include "core/git/library.h"
#include "core/push/push_plan.h"
#include "core/rule_docs/rule_pages.h"
#include "tests/support/temp_repo.h"
#include "validators/git/git_rule.h"

namespace pushgate {
namespace {

using testing::TempRepo;

const std::string kZero(40, '0');

class GitRulesTest : public ::testing::Test {
 protected:
  void SetUp() override { work.git({"remote", "add", "origin", server.path()}); }

  void set_server_ref(const std::string& ref, const std::string& revision) {
    work.git({"push", "-q", "origin", "+" + revision + ":" + ref});
  }
  std::string commit(const std::string& file, const std::string& message) {
    work.write(file, message + "\n");
    return work.commit_all(message);
  }
  // Plans `update` on the server and runs every git rule under `rule`.
  FindingList judge(const RefUpdate& update, const ProtectConfig& protect,
                    const std::optional<Pusher>& pusher = std::nullopt,
                    const std::string& match = "refs/**") {
    if (update.new_id != kZero) work.send_objects(server, update.new_id);
    Result<Repository> repo = Repository::open(server.path());
    EXPECT_TRUE(repo) << repo.error().message;
    Result<PushPlan> plan = plan_push(repo.value(), {update}, Config{});
    EXPECT_TRUE(plan) << plan.error().message;
    std::vector<RefRuleConfig> rules(1);
    rules[0].match = match;
    rules[0].protect = protect;
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

TEST_F(GitRulesTest, NonFastForwardIsRejectedAndFastForwardAccepted) {
  std::string c1 = commit("a", "c1");
  std::string c2 = commit("a", "c2");
  set_server_ref("refs/heads/main", c1);
  ProtectConfig protect;
  protect.deny_non_fast_forward = true;
  EXPECT_TRUE(judge({c1, c2, "refs/heads/main"}, protect).empty());

  set_server_ref("refs/heads/main", c2);
  work.git({"reset", "-q", "--hard", c1});
  std::string rewritten = commit("b", "rewritten");
  FindingList found = judge({c2, rewritten, "refs/heads/main"}, protect);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/non-fast-forward"});
  EXPECT_EQ(found[0].ref, "refs/heads/main");
  EXPECT_EQ(found[0].commit, rewritten);
  EXPECT_EQ(found[0].severity, Severity::kError);
  // Not configured: the same force push passes.
  EXPECT_TRUE(judge({c2, rewritten, "refs/heads/main"}, ProtectConfig{}).empty());
}

TEST_F(GitRulesTest, DeletionOfAProtectedRefIsRejected) {
  std::string c1 = commit("a", "c1");
  set_server_ref("refs/heads/main", c1);
  ProtectConfig protect;
  protect.deny_deletion = true;
  FindingList found = judge({c1, kZero, "refs/heads/main"}, protect);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/ref-deletion"});
  EXPECT_EQ(found[0].commit, c1);
  // Outside the glob: no rule applies.
  EXPECT_TRUE(judge({c1, kZero, "refs/heads/main"}, protect, std::nullopt, "refs/tags/**").empty());
}

TEST_F(GitRulesTest, CreationIsRejectedExceptForListedCreators) {
  std::string c1 = commit("a", "c1");
  ProtectConfig protect;
  protect.deny_creation = true;
  protect.creators = {"release-bot"};
  const RefUpdate create{kZero, c1, "refs/heads/release/1"};
  EXPECT_TRUE(judge(create, protect, Pusher{"release-bot", "GL_USER"}).empty());

  FindingList found = judge(create, protect, Pusher{"mallory", "GL_USER"});
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/ref-creation"});
  EXPECT_NE(found[0].message.find("mallory"), std::string::npos) << found[0].message;

  // Nobody named: fail closed, naming the variables the server should set.
  found = judge(create, protect);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/ref-creation"});
  EXPECT_NE(found[0].message.find("GL_USER"), std::string::npos) << found[0].message;
}

TEST_F(GitRulesTest, MovingAnExistingTagIsRejected) {
  std::string c1 = commit("a", "c1");
  std::string c2 = commit("a", "c2");
  set_server_ref("refs/heads/main", c2);
  set_server_ref("refs/tags/v1", c1);
  ProtectConfig protect;
  protect.deny_tag_move = true;
  FindingList found = judge({c1, c2, "refs/tags/v1"}, protect);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/tag-move"});
  EXPECT_EQ(found[0].commit, c2);
  EXPECT_TRUE(judge({kZero, c2, "refs/tags/v2"}, protect).empty());
}

TEST_F(GitRulesTest, NewRefNamesMustFullyMatchThePattern) {
  std::string c1 = commit("a", "c1");
  ProtectConfig protect;
  protect.name_pattern = "refs/heads/(feature|fix)/[a-z0-9-]+";
  EXPECT_TRUE(judge({kZero, c1, "refs/heads/feature/login"}, protect).empty());
  EXPECT_EQ(rules_of(judge({kZero, c1, "refs/heads/Feature/x"}, protect)),
            std::vector<std::string>{"git/ref-name"});
  // Full match: a matching prefix is not enough.
  EXPECT_EQ(rules_of(judge({kZero, c1, "refs/heads/feature/a/b"}, protect)),
            std::vector<std::string>{"git/ref-name"});
  // Existing refs keep their names.
  set_server_ref("refs/heads/legacy", c1);
  std::string c2 = commit("a", "c2");
  EXPECT_TRUE(judge({c1, c2, "refs/heads/legacy"}, protect).empty());
}

TEST_F(GitRulesTest, LinearHistoryRejectsEachMergeCommit) {
  std::string base = commit("a", "base");
  set_server_ref("refs/heads/main", base);
  work.git({"switch", "-q", "-c", "side"});
  commit("b", "side");
  work.git({"switch", "-q", "main"});
  commit("c", "main work");
  work.git({"merge", "-q", "--no-ff", "-m", "merge side", "side"});
  std::string merge = work.head();
  ProtectConfig protect;
  protect.history = HistoryMode::kLinear;
  FindingList found = judge({base, merge, "refs/heads/main"}, protect);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/history"});
  EXPECT_EQ(found[0].commit, merge);

  work.git({"reset", "-q", "--hard", base});
  std::string linear = commit("d", "linear");
  EXPECT_TRUE(judge({base, linear, "refs/heads/main"}, protect).empty());
}

TEST_F(GitRulesTest, MergesOnlyAcceptsAMergeOntoTheOldTip) {
  std::string base = commit("a", "base");
  set_server_ref("refs/heads/main", base);
  work.git({"switch", "-q", "-c", "side"});
  std::string side = commit("b", "side");
  work.git({"switch", "-q", "main"});
  work.git({"merge", "-q", "--no-ff", "-m", "merge side", "side"});
  std::string merge = work.head();
  ProtectConfig protect;
  protect.history = HistoryMode::kMergesOnly;
  EXPECT_TRUE(judge({base, merge, "refs/heads/main"}, protect).empty());
  FindingList found = judge({base, side, "refs/heads/main"}, protect);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/history"});
  EXPECT_EQ(found[0].commit, side);
}

TEST_F(GitRulesTest, MaxNewCommitsCountsOnlyCommitsTheServerLacks) {
  std::string c1 = commit("a", "c1");
  set_server_ref("refs/heads/main", c1);
  commit("a", "c2");
  std::string c3 = commit("a", "c3");
  ProtectConfig protect;
  protect.max_new_commits = 2;
  EXPECT_TRUE(judge({c1, c3, "refs/heads/main"}, protect).empty());
  std::string c4 = commit("a", "c4");
  FindingList found = judge({c1, c4, "refs/heads/main"}, protect);
  ASSERT_EQ(rules_of(found), std::vector<std::string>{"git/max-new-commits"});
  EXPECT_NE(found[0].message.find("3 new commits"), std::string::npos) << found[0].message;
}

TEST_F(GitRulesTest, FirstMatchingEntryWins) {
  std::string c1 = commit("a", "c1");
  set_server_ref("refs/heads/main", c1);
  std::vector<RefRuleConfig> rules(2);
  rules[0].match = "refs/heads/main";  // unprotected, listed first
  rules[1].match = "refs/heads/**";
  rules[1].protect.deny_deletion = true;
  Result<Repository> repo = Repository::open(server.path());
  ASSERT_TRUE(repo);
  Result<PushPlan> plan = plan_push(repo.value(), {{c1, kZero, "refs/heads/main"}}, Config{});
  ASSERT_TRUE(plan);
  FindingList out;
  run_git_rules(repo.value(), plan.value().refs[0], rules, std::nullopt, {}, out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(find_ref_rule(rules, "refs/heads/dev"), &rules[1]);
  EXPECT_EQ(find_ref_rule(rules, "refs/tags/v1"), nullptr);
}

TEST(GitRuleRegistryTest, EveryGitRuleHasADocsPage) {
  ASSERT_FALSE(git_rules().empty());
  for (const auto& rule : git_rules()) {
    EXPECT_NE(find_rule_page(rule->rule()), nullptr) << rule->rule();
  }
}

}  // namespace
}  // namespace pushgate
