// The gate over real repositories: every door's change goes through run_gate, which runs the git
// rules on ref updates and the engine on the states whose files changed.
#include "core/gate/gate.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/git/library.h"
#include "tests/support/memory_snapshot.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempRepo;

const std::string kDuplicateKey =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: again\n";

Config config_text(const std::string& yaml) {
  ConfigLoad load = load_config_text("test", "version: 1\n" + yaml);
  EXPECT_TRUE(load.config) << (load.findings.empty() ? "" : load.findings[0].message);
  return load.config ? *load.config : Config{};
}

bool has(const FindingList& findings, const std::string& rule, Severity severity) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.rule == rule && f.severity == severity; });
}

class GateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work.write("base.txt", "base\n");
    base = work.commit_all("feat: base");
  }

  GateOutcome range(const Config& config, const std::string& spec, const std::string& ref,
                    bool has_pusher) {
    Result<Repository> repo = Repository::open(work.path());
    EXPECT_TRUE(repo) << repo.error().message;
    Result<RangePlan> plan = plan_range(repo.value(), spec);
    EXPECT_TRUE(plan) << plan.error().message;
    GateRequest request;
    request.config = &config;
    request.jobs = 1;
    request.repository = &repo.value();
    request.push.has_pusher = has_pusher;
    GateChange& change = request.changes.emplace_back();
    change.update = update_of_range(repo.value(), std::move(plan.value()), ref);
    return run_gate(request);
  }

  GitLibrary library;
  TempRepo work = TempRepo::init();
  std::string base;
};

TEST_F(GateTest, ARangeRunsTheGitRulesAndTheFileRules) {
  const Config config =
      config_text("refs:\n  - match: refs/heads/main\n    commits: {subject_max_length: 10}\n");
  work.write("app.yaml", kDuplicateKey);
  const std::string tip = work.commit_all("a subject longer than ten");
  GateOutcome out = range(config, base + ".." + tip, "refs/heads/main", false);
  EXPECT_TRUE(has(out.findings, "git/commit-subject-length", Severity::kError));
  EXPECT_TRUE(std::any_of(out.findings.begin(), out.findings.end(), [&](const Finding& f) {
    return f.path == "app.yaml" && f.severity == Severity::kError && f.ref == "refs/heads/main" &&
           f.commit == tip;
  }));
  EXPECT_TRUE(out.checked_any);
  EXPECT_EQ(out.stats.files, 1u);
  ASSERT_EQ(out.refs.size(), 1u);
  EXPECT_EQ(out.refs[0].old_id, base);
  EXPECT_EQ(out.refs[0].new_id, tip);
}

TEST_F(GateTest, TheRefSelectsTheRefsEntry) {
  const Config config =
      config_text("refs:\n  - match: refs/heads/main\n    commits: {subject_max_length: 10}\n");
  work.write("notes.txt", "x\n");
  const std::string tip = work.commit_all("a subject longer than ten");
  EXPECT_TRUE(range(config, base + ".." + tip, "refs/heads/topic", false).findings.empty());
}

// Outside a push nobody pushed: a rule that needs the pusher says it did not check (info); on a
// push that names nobody it fails closed (error).
TEST_F(GateTest, RulesThatNeedThePusherAreNoticesOutsideAPush) {
  const Config config =
      config_text("refs:\n  - match: refs/heads/main\n    commits: {committer_is_pusher: true}\n");
  work.write("notes.txt", "x\n");
  const std::string tip = work.commit_all("feat: notes");
  GateOutcome ci = range(config, base + ".." + tip, "refs/heads/main", false);
  EXPECT_TRUE(has(ci.findings, "git/committer-is-pusher", Severity::kInfo));
  EXPECT_FALSE(has(ci.findings, "git/committer-is-pusher", Severity::kError));
  GateOutcome server = range(config, base + ".." + tip, "refs/heads/main", true);
  EXPECT_TRUE(has(server.findings, "git/committer-is-pusher", Severity::kError));
}

// Git rules are graded by `policies.rules` as file rules are: `off` drops their findings, a
// severity overrides theirs, and the rules of the same push that the config leaves alone stand.
TEST_F(GateTest, PoliciesGradeTheGitRules) {
  const std::string refs =
      "refs:\n  - match: refs/heads/main\n"
      "    commits: {subject_max_length: 10, require_signoff: true}\n";
  work.write("notes.txt", "x\n");
  const std::string tip = work.commit_all("a subject longer than ten");
  const std::string spec = base + ".." + tip;
  GateOutcome as_is = range(config_text(refs), spec, "refs/heads/main", true);
  EXPECT_TRUE(has(as_is.findings, "git/commit-subject-length", Severity::kError));
  EXPECT_TRUE(has(as_is.findings, "git/signoff", Severity::kError));

  GateOutcome graded = range(config_text(refs + "policies:\n  rules:\n    git/signoff: \"off\"\n"
                                                "    git/commit-subject-length: warning\n"),
                             spec, "refs/heads/main", true);
  EXPECT_TRUE(has(graded.findings, "git/commit-subject-length", Severity::kWarning));
  EXPECT_FALSE(has(graded.findings, "git/commit-subject-length", Severity::kError));
  EXPECT_TRUE(std::none_of(graded.findings.begin(), graded.findings.end(),
                           [](const Finding& f) { return f.rule == "git/signoff"; }));
}

// A git rule about files is scoped by paths, and policies.exceptions name it as any rule.
TEST_F(GateTest, GitRulesAboutFilesTakePathScopesAndExceptions) {
  const std::string refs =
      "refs:\n  - match: refs/heads/main\n    files: {forbidden_paths: ['**/*.key']}\n";
  work.write("dev/test.key", "x\n");
  work.write("prod/real.key", "x\n");
  const std::string tip = work.commit_all("feat: keys");
  const std::string spec = base + ".." + tip;
  const auto paths_of = [](const GateOutcome& out, const std::string& rule) {
    std::vector<std::string> paths;
    for (const Finding& f : out.findings) {
      if (f.rule == rule) paths.push_back(f.path);
    }
    std::sort(paths.begin(), paths.end());
    return paths;
  };
  GateOutcome as_is = range(config_text(refs), spec, "refs/heads/main", true);
  EXPECT_EQ(paths_of(as_is, "git/forbidden-path"),
            (std::vector<std::string>{"dev/test.key", "prod/real.key"}));

  GateOutcome scoped = range(
      config_text(refs + "policies:\n  rules:\n    git/forbidden-path: {paths: ['prod/**']}\n"),
      spec, "refs/heads/main", true);
  EXPECT_EQ(paths_of(scoped, "git/forbidden-path"), (std::vector<std::string>{"prod/real.key"}));

  GateOutcome excepted = range(config_text(refs + "policies:\n  exceptions:\n"
                                                  "    - rules: [git/forbidden-path]\n"
                                                  "      paths: ['dev/**']\n"
                                                  "      reason: test fixtures\n"),
                               spec, "refs/heads/main", true);
  EXPECT_EQ(paths_of(excepted, "git/forbidden-path"), (std::vector<std::string>{"prod/real.key"}));
  EXPECT_EQ(paths_of(excepted, "policy/exemption-used"),
            (std::vector<std::string>{"dev/test.key"}));
}

// Exit fast: a change of files pushgate does not read runs no engine.
TEST_F(GateTest, NothingSelectedRunsNoEngine) {
  work.write("README.md", "# app\n");
  const std::string tip = work.commit_all("docs: readme");
  GateOutcome out = range(Config{}, base + ".." + tip, "refs/heads/main", true);
  EXPECT_FALSE(out.checked_any);
  EXPECT_TRUE(out.findings.empty());
}

// A door that has its own snapshot (a directory, the staged index) gives it with the state.
TEST_F(GateTest, AStateWithoutARefIsCheckedFromItsSnapshot) {
  testing::MemorySnapshot snapshot({{"app.yaml", kDuplicateKey}, {"ok.yaml", "a: 1\n"}});
  const Config config;
  GateRequest request;
  request.config = &config;
  request.jobs = 1;
  GateChange& change = request.changes.emplace_back();
  change.state.snapshot = &snapshot;
  change.state.changed = snapshot.entries();
  GateOutcome out = run_gate(request);
  EXPECT_TRUE(out.checked_any);
  EXPECT_EQ(out.stats.files, 2u);
  EXPECT_TRUE(out.refs.empty());
  ASSERT_FALSE(out.findings.empty());
  EXPECT_EQ(out.findings[0].path, "app.yaml");
  EXPECT_EQ(out.findings[0].ref, "");
}

// A ref update that could not be planned is an internal error on that ref; the gate goes on.
TEST_F(GateTest, AnUnplannedRefIsAnInternalErrorOnThatRef) {
  const Config config;
  GateRequest request;
  request.config = &config;
  RefPlan broken;
  broken.update = RefUpdate{std::string(40, '1'), std::string(40, '2'), "refs/heads/x"};
  broken.error = Error{ErrorCode::kInvalid, "unreadable"};
  request.changes.emplace_back().update = broken;
  GateOutcome out = run_gate(request);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].rule, "internal/error");
  EXPECT_EQ(out.findings[0].ref, "refs/heads/x");
  ASSERT_EQ(out.refs.size(), 1u);
}

}  // namespace
}  // namespace pushgate
