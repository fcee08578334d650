#include <gtest/gtest.h>

#include <sstream>

#include "core/rule_docs/rule_pages.h"
#include "hooks/hooks.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;
using testing::TempRepo;

const std::string kZero(40, '0');
const std::string kGood = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n";
const std::string kDuplicateKey =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: again\n";

struct HookRun {
  int exit_code = -1;
  std::string err;
};

// The server side of a push, run in-process: a bare repository that has received the objects
// into a quarantine directory (as receive-pack does) and not moved any ref yet.
class PreReceiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write(".keep", "");
    base = work.commit_all("base");
    work.git({"push", "-q", server.path(), "main"});
  }

  void write(const std::string& path, const std::string& content) { work.write(path, content); }

  HookRun pre_receive(const std::string& stdin_lines, const std::string& revision,
                      std::map<std::string, std::string> extra_env = {}) {
    std::map<std::string, std::string> env =
        revision.empty() ? std::map<std::string, std::string>{{"GIT_DIR", server.path()}}
                         : work.quarantine(server, revision, next_quarantine());
    for (auto& [k, v] : extra_env) env[k] = v;
    HookOptions options;
    options.environment = Environment(env);
    options.system_config_path = "";
    options.jobs = 2;
    std::istringstream in(stdin_lines);
    std::ostringstream err;
    HookRun run;
    run.exit_code = run_pre_receive(options, in, err);
    run.err = err.str();
    return run;
  }

  std::string next_quarantine() {
    return quarantine_dir.path() + "/q" + std::to_string(++quarantines);
  }
  void server_config(const std::string& yaml) {
    testing::write_file(server.path() + "/pushgate.yaml", yaml);
  }

  TempRepo server = TempRepo::init_bare();
  TempRepo work = TempRepo::init();
  TempDir quarantine_dir;
  std::string base;
  int quarantines = 0;
};

TEST_F(PreReceiveTest, CleanPushIsAccepted) {
  write("apps/app.yaml", kGood);
  std::string c1 = work.commit_all("good");
  HookRun run = pre_receive(base + " " + c1 + " refs/heads/main\n", c1);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("accepted refs/heads/main"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, BrokenFileRejectsWithItsPositionAndRef) {
  write("apps/app.yaml", kDuplicateKey);
  std::string c1 = work.commit_all("bad");
  HookRun run = pre_receive(base + " " + c1 + " refs/heads/main\n", c1);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("apps/app.yaml:5:3"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("yaml/duplicate-key"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("refs/heads/main"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, WithoutTheQuarantineEnvironmentPushedObjectsAreUnreadable) {
  write("apps/app.yaml", kGood);
  std::string c1 = work.commit_all("good");
  work.quarantine(server, c1, next_quarantine());
  // Same push, but the hook is not told where the quarantine is: fail closed, say why.
  HookRun run = pre_receive(base + " " + c1 + " refs/heads/main\n", "");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("internal/error"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, OnInternalErrorAcceptTurnsItIntoAWarning) {
  server_config("version: 1\non_internal_error: accept\n");
  write("apps/app.yaml", kGood);
  std::string c1 = work.commit_all("good");
  work.quarantine(server, c1, next_quarantine());
  HookRun run = pre_receive(base + " " + c1 + " refs/heads/main\n", "");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("internal/error"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("warning"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, MalformedStdinRejectsEvenWhenInternalErrorsAreAccepted) {
  server_config("version: 1\non_internal_error: accept\n");
  HookRun run = pre_receive("main HEAD\n", "");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("internal/hook-input"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("stdin line 1"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, BrokenPushOptionsReject) {
  write("apps/app.yaml", kGood);
  std::string c1 = work.commit_all("good");
  HookRun run =
      pre_receive(base + " " + c1 + " refs/heads/main\n", c1, {{"GIT_PUSH_OPTION_COUNT", "1"}});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("GIT_PUSH_OPTION_0"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, BrokenConfigRejectsTheWholePush) {
  server_config("version: 1\nvalidate: sometimes\n");
  write("apps/app.yaml", kGood);
  std::string c1 = work.commit_all("good");
  HookRun run = pre_receive(base + " " + c1 + " refs/heads/main\n", c1);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("pushgate.yaml"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("config/"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, PolicyComesFromTheServerNeverFromThePush) {
  // The push carries a config that would exclude its broken file; the server ignores it.
  write("pushgate.yaml", "version: 1\nfiles:\n  exclude: [\"**\"]\n");
  write(".pushgate.yaml", "version: 1\nfiles:\n  exclude: [\"**\"]\n");
  write("apps/app.yaml", kDuplicateKey);
  std::string c1 = work.commit_all("bad, with a permissive config");
  HookRun run = pre_receive(base + " " + c1 + " refs/heads/main\n", c1);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("yaml/duplicate-key"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, OnlyDeletionsExitFastAndSilently) {
  HookRun run = pre_receive(base + " " + kZero + " refs/heads/main\n", "");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
}

TEST_F(PreReceiveTest, NoSelectedFilesExitFastAndSilently) {
  write("README.md", "# docs\n");
  std::string c1 = work.commit_all("docs only");
  HookRun run = pre_receive(base + " " + c1 + " refs/heads/main\n", c1);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
}

TEST_F(PreReceiveTest, RefsOutsideValidateRefsPassThrough) {
  write("apps/app.yaml", kDuplicateKey);
  std::string c1 = work.commit_all("bad, to a ref nobody deploys");
  HookRun run = pre_receive(kZero + " " + c1 + " refs/wip/experiment\n", c1);
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(PreReceiveTest, OneBadRefRejectsThePushAndIsNamed) {
  write("apps/app.yaml", kGood);
  std::string good = work.commit_all("good");
  work.git({"checkout", "-q", "-b", "topic", base});
  write("apps/other.yaml", kDuplicateKey);
  std::string bad = work.commit_all("bad");
  work.send_objects(server, good);
  HookRun run = pre_receive(
      base + " " + good + " refs/heads/main\n" + kZero + " " + bad + " refs/heads/topic\n", bad);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("refs/heads/topic"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("apps/other.yaml"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("apps/app.yaml"), std::string::npos) << run.err;
}

TEST_F(PreReceiveTest, EveryCommitModeRejectsABrokenCommitFixedLater) {
  write("apps/app.yaml", kDuplicateKey);
  work.commit_all("broken");
  write("apps/app.yaml", kGood);
  std::string fixed = work.commit_all("fixed");
  HookRun tip_mode = pre_receive(base + " " + fixed + " refs/heads/main\n", fixed);
  EXPECT_EQ(tip_mode.exit_code, 0) << tip_mode.err;

  server_config("version: 1\nvalidate: every-commit\n");
  HookRun every = pre_receive(base + " " + fixed + " refs/heads/main\n", fixed);
  EXPECT_EQ(every.exit_code, 1) << every.err;
  EXPECT_NE(every.err.find("yaml/duplicate-key"), std::string::npos) << every.err;
}

TEST_F(PreReceiveTest, UpdateHookChecksOneRef) {
  write("apps/app.yaml", kDuplicateKey);
  std::string c1 = work.commit_all("bad");
  std::map<std::string, std::string> env = work.quarantine(server, c1, next_quarantine());
  HookOptions options;
  options.environment = Environment(env);
  options.system_config_path = "";
  std::ostringstream err;
  EXPECT_EQ(run_update(options, "refs/heads/main", base, c1, err), 1);
  EXPECT_NE(err.str().find("yaml/duplicate-key"), std::string::npos) << err.str();

  std::ostringstream bad_args;
  EXPECT_EQ(run_update(options, "refs/heads/main", "main", c1, bad_args), 1);
  EXPECT_NE(bad_args.str().find("internal/hook-input"), std::string::npos) << bad_args.str();
}

TEST(HookRules, EveryRuleTheHooksEmitHasADocsPage) {
  for (const char* id : {"internal/error", "internal/hook-input", "git/non-commit-ref"}) {
    EXPECT_NE(find_rule_page(id), nullptr) << id;
  }
}

}  // namespace
}  // namespace pushgate
