#include "core/decision/audit_record.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace pushgate {
namespace {

std::chrono::system_clock::time_point at_millis(std::int64_t millis) {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(millis));
}

Report rejected_push() {
  Report report;
  report.decision = Decision::kReject;
  Finding f = Finding::at("git/non-fast-forward", Severity::kError, "", {}, "force push");
  f.ref = "refs/heads/main";
  report.findings = {f, Finding::at("yaml/syntax", Severity::kWarning, "a.yaml", {1, 1}, "x"), f};
  RefOutcome ref;
  ref.ref = "refs/heads/main";
  ref.old_id = std::string(40, 'a');
  ref.new_id = std::string(40, 'b');
  ref.decision = Decision::kReject;
  ref.counts.errors = 2;
  report.refs = {ref};
  report.summary.duration_ms = 17;
  return report;
}

TEST(AuditRecordTest, Rfc3339InUtcWithMilliseconds) {
  EXPECT_EQ(rfc3339_utc(at_millis(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_utc(at_millis(1795718400123)), "2026-11-26T18:40:00.123Z");
}

TEST(AuditRecordTest, EveryFieldOfARejectedPush) {
  AuditFacts facts;
  facts.hook = "pre-receive";
  facts.repository = "/srv/git/app.git";
  facts.pusher = Pusher{"alice", "GL_USER"};
  const std::string text = audit_line(rejected_push(), facts, at_millis(0));
  EXPECT_EQ(text.find('\n'), std::string::npos);
  const nlohmann::json line = nlohmann::json::parse(text);
  EXPECT_EQ(line["time"], "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(line["hook"], "pre-receive");
  EXPECT_EQ(line["repository"], "/srv/git/app.git");
  EXPECT_EQ(line["pusher"], "alice");
  EXPECT_EQ(line["pusher_source"], "GL_USER");
  EXPECT_EQ(line["decision"], "reject");
  ASSERT_EQ(line["refs"].size(), 1u);
  EXPECT_EQ(line["refs"][0]["ref"], "refs/heads/main");
  EXPECT_EQ(line["refs"][0]["old"], std::string(40, 'a'));
  EXPECT_EQ(line["refs"][0]["new"], std::string(40, 'b'));
  EXPECT_EQ(line["refs"][0]["decision"], "reject");
  EXPECT_EQ(line["refs"][0]["errors"], 2);
  EXPECT_EQ(line["counts"], nlohmann::json({{"errors", 2}, {"warnings", 1}, {"infos", 0}}));
  EXPECT_EQ(line["rules"], nlohmann::json({"git/non-fast-forward", "yaml/syntax"}));
  EXPECT_TRUE(line["bypass"].is_null());
  EXPECT_EQ(line["duration_ms"], 17);
}

TEST(AuditRecordTest, NobodyAndABypassWithHostileText) {
  AuditFacts facts;
  facts.hook = "update";
  facts.repository = "/srv/git/app.git";
  facts.bypass.requested = true;
  facts.bypass.granted = true;
  facts.bypass.reason = "quote \" newline\n and \xff byte";
  facts.bypass.errors_bypassed = 2;
  const std::string text = audit_line(rejected_push(), facts, at_millis(0));
  EXPECT_EQ(text.find('\n'), std::string::npos);
  const nlohmann::json line = nlohmann::json::parse(text);
  EXPECT_TRUE(line["pusher"].is_null());
  EXPECT_TRUE(line["pusher_source"].is_null());
  EXPECT_EQ(line["bypass"]["granted"], true);
  EXPECT_EQ(line["bypass"]["errors_bypassed"], 2);
  EXPECT_EQ(line["bypass"]["reason"], "quote \" newline\n and \xEF\xBF\xBD byte");
}

TEST(AuditRecordTest, ALongBypassReasonIsCutAt1KiBWithItsLength) {
  AuditFacts facts;
  facts.hook = "pre-receive";
  facts.repository = "/srv/git/app.git";
  facts.bypass.requested = true;
  facts.bypass.reason = std::string(60 * 1024, 'r');
  const std::string text = audit_line(rejected_push(), facts, at_millis(0));
  EXPECT_LT(text.size(), 2048u);
  const nlohmann::json line = nlohmann::json::parse(text);
  const std::string reason = line["bypass"]["reason"];
  EXPECT_EQ(reason.size(), 1024u);
  EXPECT_TRUE(reason.ends_with("\xE2\x80\xA6"));
  EXPECT_EQ(line["bypass"]["reason_bytes"], 60 * 1024);
  // A short one is whole, without reason_bytes.
  facts.bypass.reason = "INC-42";
  const nlohmann::json short_line = nlohmann::json::parse(audit_line(rejected_push(), facts, at_millis(0)));
  EXPECT_EQ(short_line["bypass"]["reason"], "INC-42");
  EXPECT_FALSE(short_line["bypass"].contains("reason_bytes"));
}

TEST(AuditRecordTest, TransportAndPushCertificateAreRecorded) {
  AuditFacts facts;
  facts.hook = "pre-receive";
  facts.repository = "/srv/git/app.git";
  nlohmann::json line = nlohmann::json::parse(audit_line(rejected_push(), facts, at_millis(0)));
  EXPECT_EQ(line["transport"], "local");
  EXPECT_TRUE(line["push_certificate"].is_null());
  facts.transport = "gitolite";
  facts.push_certificate = "untrusted";
  line = nlohmann::json::parse(audit_line(rejected_push(), facts, at_millis(0)));
  EXPECT_EQ(line["transport"], "gitolite");
  EXPECT_EQ(line["push_certificate"], "untrusted");
}

}  // namespace
}  // namespace pushgate
