// The verdict pass, step by step and in order: internal-error policy, bypass, per-ref verdict,
// push-level result, audit.
#include "core/decision/verdict.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

const std::string kMain = "refs/heads/main";
const std::string kTopic = "refs/heads/topic";

RefOutcome ref(const std::string& name) {
  RefOutcome r;
  r.ref = name;
  r.old_id = std::string(40, '1');
  r.new_id = std::string(40, '2');
  return r;
}

Finding on(const std::string& ref_name, Severity severity, const std::string& rule = "k8s/x") {
  Finding f = Finding::at(rule, severity, "a.yaml", {1, 1}, "no");
  f.ref = ref_name;
  return f;
}

VerdictRequest push(FindingList findings) {
  VerdictRequest v;
  v.findings = std::move(findings);
  v.refs = {ref(kMain), ref(kTopic)};
  return v;
}

TEST(VerdictTest, AnErrorOnARefRejectsThatRefAndThePush) {
  Verdict verdict =
      decide_verdict(push({on(kMain, Severity::kError), on(kTopic, Severity::kWarning)}));
  EXPECT_EQ(verdict.report.decision, Decision::kReject);
  ASSERT_EQ(verdict.report.refs.size(), 2u);
  EXPECT_EQ(verdict.report.refs[0].decision, Decision::kReject);
  EXPECT_EQ(verdict.report.refs[0].counts.errors, 1u);
  EXPECT_EQ(verdict.report.refs[1].decision, Decision::kAccept);
  EXPECT_EQ(verdict.report.refs[1].counts.warnings, 1u);
  EXPECT_TRUE(verdict.show);
}

TEST(VerdictTest, APushLevelErrorRejectsEveryRef) {
  Verdict verdict = decide_verdict(push({on("", Severity::kError, "internal/hook-input")}));
  EXPECT_EQ(verdict.report.decision, Decision::kReject);
  for (const RefOutcome& r : verdict.report.refs) EXPECT_EQ(r.decision, Decision::kReject);
}

TEST(VerdictTest, AConfigThatDidNotLoadRejectsWithoutAnError) {
  VerdictRequest v = push({on("", Severity::kWarning, "config/deprecated")});
  v.config_failed = true;
  Verdict verdict = decide_verdict(std::move(v));
  EXPECT_EQ(verdict.report.decision, Decision::kReject);
  for (const RefOutcome& r : verdict.report.refs) EXPECT_EQ(r.decision, Decision::kReject);
}

TEST(VerdictTest, InternalErrorsRejectUnlessThePolicyAccepts) {
  VerdictRequest v = push({on(kMain, Severity::kError, "internal/error")});
  EXPECT_EQ(decide_verdict(v).report.decision, Decision::kReject);
  v.on_internal_error = FailureMode::kAccept;
  Verdict verdict = decide_verdict(std::move(v));
  EXPECT_EQ(verdict.report.decision, Decision::kAccept);
  ASSERT_EQ(verdict.report.findings.size(), 1u);
  EXPECT_EQ(verdict.report.findings[0].severity, Severity::kWarning);
}

VerdictRequest::Bypass bypass_by(const std::string& user) {
  VerdictRequest::Bypass b;
  b.config = BypassConfig{};
  b.config->users = {"alice"};
  b.config->refs = {kMain};
  b.pusher = Pusher{user, "GL_USER"};
  b.pusher_hint = "GL_USER";
  b.push_options = {"pushgate.bypass=prod is down"};
  return b;
}

// Step 2 runs before the refs are decided: a granted bypass accepts the ref it covers, and only
// that ref; the audit facts say it was granted.
TEST(VerdictTest, ABypassIsAppliedBeforeTheRefsAreDecided) {
  VerdictRequest v = push({on(kMain, Severity::kError), on(kTopic, Severity::kError)});
  v.bypass = bypass_by("alice");
  Verdict verdict = decide_verdict(std::move(v));
  EXPECT_EQ(verdict.report.refs[0].decision, Decision::kAccept);
  EXPECT_EQ(verdict.report.refs[1].decision, Decision::kReject);
  EXPECT_EQ(verdict.report.decision, Decision::kReject);
}

// Internal errors are graded before the bypass counts what it turns into warnings.
TEST(VerdictTest, TheInternalErrorPolicyRunsBeforeTheBypass) {
  VerdictRequest v = push({on(kMain, Severity::kError, "internal/error")});
  v.refs = {ref(kMain)};
  v.on_internal_error = FailureMode::kAccept;
  v.bypass = bypass_by("alice");
  Verdict verdict = decide_verdict(std::move(v));
  bool said_nothing_needed = false;
  for (const Finding& f : verdict.report.findings) {
    if (f.rule == "git/bypass") {
      said_nothing_needed = f.message.find("nothing needed bypassing") != std::string::npos;
    }
  }
  EXPECT_TRUE(said_nothing_needed);
  EXPECT_EQ(verdict.report.decision, Decision::kAccept);
}

// Step 2: a baseline drops what it records before any ref is decided, but never the gate's own
// health: an internal error stays an error even when a baseline holds its fingerprint.
TEST(VerdictTest, ABaselineDropsRecordedFindingsButNeverInternalErrors) {
  const Finding recorded = on(kMain, Severity::kError);
  const Finding internal = on(kTopic, Severity::kError, "internal/error");
  VerdictRequest v = push({recorded, internal});
  v.baseline = Baseline::from({recorded, internal});
  ASSERT_EQ(v.baseline->entries().size(), 1u);
  Verdict verdict = decide_verdict(std::move(v));
  EXPECT_EQ(verdict.report.refs[0].decision, Decision::kAccept);
  EXPECT_EQ(verdict.report.refs[1].decision, Decision::kReject);
  ASSERT_EQ(verdict.report.findings.size(), 1u);
  EXPECT_EQ(verdict.report.findings[0].rule, "internal/error");
}

// Without a scope (a push), entries not met are not called fixed; min_severity hides what is left
// below it only after the baseline ran.
TEST(VerdictTest, APushCallsNoBaselineEntryFixedAndMinSeverityComesAfter) {
  VerdictRequest v = push({on(kMain, Severity::kWarning)});
  v.baseline = Baseline::from({on(kTopic, Severity::kError, "k8s/other")});
  v.min_severity = Severity::kError;
  Verdict verdict = decide_verdict(std::move(v));
  EXPECT_TRUE(verdict.report.findings.empty());
  EXPECT_EQ(verdict.report.decision, Decision::kAccept);
}

TEST(VerdictTest, AConfiguredBaselineThatCannotBeReadRejectsThePush) {
  testing::TempDir dir;
  Config config;
  config.origin = dir.path() + "/pushgate.yaml";
  config.baseline = dir.path() + "/missing.json";
  VerdictRequest v = push({});
  use_config_baseline(config, v);
  EXPECT_FALSE(v.baseline);
  Verdict verdict = decide_verdict(std::move(v));
  EXPECT_EQ(verdict.report.decision, Decision::kReject);
  for (const RefOutcome& r : verdict.report.refs) EXPECT_EQ(r.decision, Decision::kReject);
  ASSERT_EQ(verdict.report.findings.size(), 1u);
  EXPECT_EQ(verdict.report.findings[0].rule, "config/unreadable");
}

TEST(VerdictTest, ARefusedBypassRejects) {
  VerdictRequest v = push({on(kMain, Severity::kError)});
  v.bypass = bypass_by("mallory");
  EXPECT_EQ(decide_verdict(std::move(v)).report.decision, Decision::kReject);
}

TEST(VerdictTest, AQuietAcceptShowsNothing) {
  VerdictRequest v = push({});
  v.quiet = true;
  v.bypass_hint = "in an emergency";
  Verdict verdict = decide_verdict(std::move(v));
  EXPECT_FALSE(verdict.show);
  EXPECT_EQ(verdict.report.decision, Decision::kAccept);
  EXPECT_EQ(verdict.report.bypass_hint, "");
}

// Step 5: a line that cannot be written is a finding, decided like any other (push-level).
TEST(VerdictTest, AnAuditLineThatCannotBeWrittenRejectsUnderOnErrorReject) {
  testing::TempDir dir;
  for (AuditOnError mode : {AuditOnError::kReject, AuditOnError::kWarn}) {
    VerdictRequest v = push({});
    v.quiet = true;
    v.audit = AuditConfig{};
    v.audit->file = dir.path();  // a folder: the line cannot be appended
    v.audit->on_error = mode;
    Verdict verdict = decide_verdict(std::move(v));
    EXPECT_TRUE(verdict.show);
    ASSERT_EQ(verdict.report.findings.size(), 1u);
    EXPECT_EQ(verdict.report.findings[0].rule, "internal/audit-log");
    const Decision expected = mode == AuditOnError::kReject ? Decision::kReject : Decision::kAccept;
    EXPECT_EQ(verdict.report.decision, expected);
    for (const RefOutcome& r : verdict.report.refs) EXPECT_EQ(r.decision, expected);
  }
}

TEST(VerdictTest, TheAuditLineRecordsTheDecision) {
  testing::TempDir dir;
  VerdictRequest v = push({on(kMain, Severity::kError)});
  v.audit = AuditConfig{};
  v.audit->file = dir.path() + "/audit.jsonl";
  v.facts.hook = "pre-receive";
  Verdict verdict = decide_verdict(std::move(v));
  std::ifstream in(dir.path() + "/audit.jsonl");
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_NE(line.find("\"decision\":\"reject\""), std::string::npos) << line;
  EXPECT_EQ(verdict.report.findings.size(), 1u);
}

}  // namespace
}  // namespace pushgate
