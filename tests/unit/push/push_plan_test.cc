#include "core/push/push_plan.h"

#include <gtest/gtest.h>

#include "core/git/library.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::paths_of;
using testing::TempRepo;

const std::string kZero(40, '0');

// A clone to make history in and a bare "server" that receives it. `receive` puts objects into
// the server without moving any of its refs: the state git is in when pre-receive runs.
class PushPlanTest : public ::testing::Test {
 protected:
  void SetUp() override { work.git({"remote", "add", "origin", server.path()}); }

  void receive(const std::string& revision) { work.send_objects(server, revision); }
  void set_server_ref(const std::string& ref, const std::string& revision) {
    work.git({"push", "-q", "origin", "+" + revision + ":" + ref});
  }
  PushPlan plan(const std::vector<RefUpdate>& updates, const Config& config = Config{}) {
    Result<Repository> repo = Repository::open(server.path());
    EXPECT_TRUE(repo) << repo.error().message;
    Result<PushPlan> planned = plan_push(repo.value(), updates, config);
    EXPECT_TRUE(planned) << planned.error().message;
    return planned.value();
  }

  GitLibrary library;
  TempRepo server = TempRepo::init_bare();
  TempRepo work = TempRepo::init();
};

TEST_F(PushPlanTest, FirstPushOfAnEntirelyNewHistoryChecksEveryFile) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  work.write("dir/b.yaml", "b: 1\n");
  std::string c2 = work.commit_all("c2");
  receive(c2);

  PushPlan p = plan({{kZero, c2, "refs/heads/main"}});
  ASSERT_EQ(p.refs.size(), 1u);
  const RefPlan& ref = p.refs[0];
  EXPECT_FALSE(ref.error) << ref.error->message;
  EXPECT_EQ(ref.kind, RefUpdateKind::kCreate);
  EXPECT_TRUE(ref.validated);
  EXPECT_EQ(ref.tip, c2);
  EXPECT_EQ(ref.base, "");
  EXPECT_EQ(paths_of(ref.changed), (std::vector<std::string>{"a.yaml", "dir/b.yaml"}));
  EXPECT_EQ(ref.new_commits, (std::vector<std::string>{c1, c2}));
  EXPECT_TRUE(ref.has_files());
  EXPECT_FALSE(p.nothing_to_check());
}

TEST_F(PushPlanTest, FastForwardChecksOnlyWhatChanged) {
  work.write("a.yaml", "a: 1\n");
  work.write("b.yaml", "b: 1\n");
  std::string c1 = work.commit_all("c1");
  set_server_ref("refs/heads/main", c1);
  work.write("b.yaml", "b: 2\n");
  work.remove("a.yaml");
  std::string c2 = work.commit_all("c2");
  receive(c2);

  const RefPlan ref = plan({{c1, c2, "refs/heads/main"}}).refs[0];
  EXPECT_EQ(ref.kind, RefUpdateKind::kUpdate);
  EXPECT_TRUE(ref.fast_forward);
  EXPECT_EQ(ref.base, c1);
  EXPECT_EQ(paths_of(ref.changed), std::vector<std::string>{"b.yaml"});
  EXPECT_EQ(ref.deleted, std::vector<std::string>{"a.yaml"});
  EXPECT_EQ(ref.new_commits, std::vector<std::string>{c2});
}

TEST_F(PushPlanTest, ForcePushIsNotFastForwardAndComparesWithTheOldTip) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  work.write("a.yaml", "a: 2\n");
  std::string c2 = work.commit_all("c2");
  set_server_ref("refs/heads/main", c2);
  work.git({"reset", "-q", "--hard", c1});
  work.write("c.yaml", "c: 1\n");
  std::string rewritten = work.commit_all("rewritten");
  receive(rewritten);

  const RefPlan ref = plan({{c2, rewritten, "refs/heads/main"}}).refs[0];
  EXPECT_EQ(ref.kind, RefUpdateKind::kUpdate);
  EXPECT_FALSE(ref.fast_forward);
  EXPECT_EQ(ref.base, c2);
  // a.yaml goes back to its c1 content, c.yaml is new: both land on main.
  EXPECT_EQ(paths_of(ref.changed), (std::vector<std::string>{"a.yaml", "c.yaml"}));
  EXPECT_EQ(ref.new_commits, std::vector<std::string>{rewritten});
}

TEST_F(PushPlanTest, DeletionIsRecordedButNotChecked) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  set_server_ref("refs/heads/old", c1);
  PushPlan p = plan({{c1, kZero, "refs/heads/old"}});
  EXPECT_EQ(p.refs[0].kind, RefUpdateKind::kDelete);
  EXPECT_TRUE(p.refs[0].is_deletion());
  EXPECT_FALSE(p.refs[0].validated);
  EXPECT_FALSE(p.refs[0].error);
  EXPECT_TRUE(p.nothing_to_check());
}

TEST_F(PushPlanTest, AnnotatedTagPeelsToItsCommit) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  set_server_ref("refs/heads/main", c1);
  work.git({"tag", "-a", "-m", "release 1", "v1"});
  std::string tag = work.git({"rev-parse", "v1"});
  ASSERT_NE(tag, c1);
  receive("refs/tags/v1");

  PushPlan p = plan({{kZero, tag, "refs/tags/v1"}});
  const RefPlan& ref = p.refs[0];
  EXPECT_EQ(ref.kind, RefUpdateKind::kTagCreate);
  EXPECT_EQ(ref.tip, c1);
  // The tagged commit is already on main: nothing new to check.
  EXPECT_EQ(ref.base, c1);
  EXPECT_TRUE(ref.changed.empty());
  EXPECT_TRUE(ref.new_commits.empty());
  EXPECT_TRUE(p.nothing_to_check());
}

TEST_F(PushPlanTest, TagMoveIsItsOwnKind) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  work.write("a.yaml", "a: 2\n");
  std::string c2 = work.commit_all("c2");
  set_server_ref("refs/heads/main", c2);
  set_server_ref("refs/tags/v1", c1);
  const RefPlan ref = plan({{c1, c2, "refs/tags/v1"}}).refs[0];
  EXPECT_EQ(ref.kind, RefUpdateKind::kTagMove);
  EXPECT_TRUE(ref.fast_forward);
  EXPECT_EQ(ref.base, c1);
  EXPECT_EQ(paths_of(ref.changed), std::vector<std::string>{"a.yaml"});
}

TEST_F(PushPlanTest, TagOfATreeIsAFindingNotAnInternalError) {
  work.write("a.yaml", "a: 1\n");
  work.commit_all("c1");
  std::string tree = work.git({"rev-parse", "HEAD^{tree}"});
  work.git({"tag", "-a", "-m", "a tree", "tree-tag", tree});
  std::string tag = work.git({"rev-parse", "tree-tag"});
  receive("refs/tags/tree-tag");

  PushPlan p = plan({{kZero, tag, "refs/tags/tree-tag"}});
  const RefPlan& ref = p.refs[0];
  EXPECT_FALSE(ref.error);
  ASSERT_EQ(ref.findings.size(), 1u);
  EXPECT_EQ(ref.findings[0].rule, "git/non-commit-ref");
  EXPECT_EQ(ref.findings[0].severity, Severity::kError);
  EXPECT_EQ(ref.findings[0].ref, "refs/tags/tree-tag");
  EXPECT_NE(ref.findings[0].message.find("points at a tree"), std::string::npos);
  EXPECT_FALSE(p.nothing_to_check());
}

TEST_F(PushPlanTest, NewBranchOffExistingHistoryChecksOnlyItsOwnChanges) {
  work.write("base.yaml", "base: 1\n");
  work.write("other.yaml", "other: 1\n");
  std::string c1 = work.commit_all("c1");
  set_server_ref("refs/heads/main", c1);
  work.git({"checkout", "-q", "-b", "feature"});
  work.write("feature.yaml", "f: 1\n");
  std::string f1 = work.commit_all("f1");
  work.write("base.yaml", "base: 2\n");
  std::string f2 = work.commit_all("f2");
  receive(f2);

  const RefPlan ref = plan({{kZero, f2, "refs/heads/feature"}}).refs[0];
  EXPECT_EQ(ref.kind, RefUpdateKind::kCreate);
  EXPECT_EQ(ref.base, c1);
  EXPECT_EQ(paths_of(ref.changed), (std::vector<std::string>{"base.yaml", "feature.yaml"}));
  EXPECT_EQ(ref.new_commits, (std::vector<std::string>{f1, f2}));
}

TEST_F(PushPlanTest, CommitsOnlyOnUnvalidatedRefsCountAsNew) {
  work.write("base.yaml", "base: 1\n");
  std::string c1 = work.commit_all("c1");
  set_server_ref("refs/heads/main", c1);
  work.write("sneaky.yaml", "s: 1\n");
  std::string wip = work.commit_all("wip");
  set_server_ref("refs/wip/x", wip);  // not matched by validate_refs: never checked

  const RefPlan ref = plan({{kZero, wip, "refs/heads/release"}}).refs[0];
  EXPECT_EQ(ref.base, c1);
  EXPECT_EQ(paths_of(ref.changed), std::vector<std::string>{"sneaky.yaml"});
  EXPECT_EQ(ref.new_commits, std::vector<std::string>{wip});
}

TEST_F(PushPlanTest, RefsOutsideValidateRefsArePlannedButNotListed) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  receive(c1);
  Config config;
  config.validate_refs = {"refs/heads/main"};
  PushPlan p = plan({{kZero, c1, "refs/heads/scratch"}}, config);
  const RefPlan& ref = p.refs[0];
  EXPECT_FALSE(ref.validated);
  EXPECT_EQ(ref.tip, c1);
  EXPECT_EQ(ref.new_commits, std::vector<std::string>{c1});
  EXPECT_TRUE(ref.changed.empty());
  EXPECT_TRUE(p.nothing_to_check());
}

TEST_F(PushPlanTest, SeveralRefsInOnePush) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  set_server_ref("refs/heads/main", c1);
  set_server_ref("refs/heads/gone", c1);
  work.write("a.yaml", "a: 2\n");
  std::string c2 = work.commit_all("c2");
  work.git({"checkout", "-q", "-b", "topic", c1});
  work.write("t.yaml", "t: 1\n");
  std::string t1 = work.commit_all("t1");
  receive(c2);
  receive(t1);

  PushPlan p = plan({{c1, c2, "refs/heads/main"},
                     {kZero, t1, "refs/heads/topic"},
                     {c1, kZero, "refs/heads/gone"}});
  ASSERT_EQ(p.refs.size(), 3u);
  EXPECT_EQ(p.refs[0].kind, RefUpdateKind::kUpdate);
  EXPECT_EQ(paths_of(p.refs[0].changed), std::vector<std::string>{"a.yaml"});
  EXPECT_EQ(p.refs[1].kind, RefUpdateKind::kCreate);
  EXPECT_EQ(paths_of(p.refs[1].changed), std::vector<std::string>{"t.yaml"});
  EXPECT_EQ(p.refs[2].kind, RefUpdateKind::kDelete);
}

TEST_F(PushPlanTest, EveryCommitModeListsEachCommitAgainstItsFirstParent) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  set_server_ref("refs/heads/main", c1);
  work.write("b.yaml", "b: broken\n");
  std::string c2 = work.commit_all("c2");
  work.write("b.yaml", "b: fixed\n");
  work.write("c.yaml", "c: 1\n");
  std::string c3 = work.commit_all("c3");
  receive(c3);

  Config config;
  config.validate = ValidateMode::kEveryCommit;
  const RefPlan ref = plan({{c1, c3, "refs/heads/main"}}, config).refs[0];
  EXPECT_TRUE(ref.changed.empty());  // tip mode only
  ASSERT_EQ(ref.commits.size(), 2u);
  EXPECT_EQ(ref.commits[0].commit, c2);
  EXPECT_EQ(ref.commits[0].parent, c1);
  EXPECT_EQ(paths_of(ref.commits[0].changed), std::vector<std::string>{"b.yaml"});
  EXPECT_EQ(ref.commits[1].commit, c3);
  EXPECT_EQ(paths_of(ref.commits[1].changed), (std::vector<std::string>{"b.yaml", "c.yaml"}));
  EXPECT_TRUE(ref.has_files());
}

TEST_F(PushPlanTest, MissingObjectIsAnErrorOnThatRefOnly) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  receive(c1);
  const std::string missing = "0123456789abcdef0123456789abcdef01234567";
  PushPlan p = plan({{kZero, missing, "refs/heads/ghost"}, {kZero, c1, "refs/heads/main"}});
  ASSERT_TRUE(p.refs[0].error);
  EXPECT_EQ(p.refs[0].error->code, ErrorCode::kNotFound);
  EXPECT_NE(p.refs[0].error->message.find("refs/heads/ghost"), std::string::npos);
  EXPECT_FALSE(p.refs[1].error);
  EXPECT_EQ(paths_of(p.refs[1].changed), std::vector<std::string>{"a.yaml"});
}

TEST_F(PushPlanTest, MalformedUpdateIsAnError) {
  PushPlan p = plan({{"nothex", kZero, "refs/heads/main"}, {kZero, kZero, "refs/heads/x"}});
  EXPECT_TRUE(p.refs[0].error);
  EXPECT_TRUE(p.refs[1].error);
  EXPECT_FALSE(p.nothing_to_check());
}

TEST_F(PushPlanTest, RangeOfCommits) {
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  work.write("b.yaml", "b: 1\n");
  std::string c2 = work.commit_all("c2");
  work.write("a.yaml", "a: 2\n");
  std::string c3 = work.commit_all("c3");
  Result<Repository> repo = Repository::open(work.path());

  Result<RangePlan> range = plan_range(repo.value(), c1 + ".." + c3);
  ASSERT_TRUE(range) << range.error().message;
  EXPECT_EQ(range.value().base, c1);
  EXPECT_EQ(paths_of(range.value().changed), (std::vector<std::string>{"a.yaml", "b.yaml"}));
  ASSERT_EQ(range.value().commits.size(), 2u);
  EXPECT_EQ(range.value().commits[0].commit, c2);
  EXPECT_EQ(range.value().commits[1].commit, c3);
  EXPECT_EQ(paths_of(range.value().commits[1].changed), std::vector<std::string>{"a.yaml"});

  Result<RangePlan> single = plan_range(repo.value(), "HEAD~1");
  ASSERT_TRUE(single);
  EXPECT_EQ(single.value().base, c1);
  EXPECT_EQ(paths_of(single.value().changed), std::vector<std::string>{"b.yaml"});
  ASSERT_EQ(single.value().commits.size(), 1u);

  Result<RangePlan> root = plan_range(repo.value(), c1);
  ASSERT_TRUE(root);
  EXPECT_EQ(root.value().base, "");
  EXPECT_EQ(paths_of(root.value().changed), std::vector<std::string>{"a.yaml"});

  EXPECT_FALSE(plan_range(repo.value(), "no-such..HEAD"));
}

}  // namespace
}  // namespace pushgate
