#include "core/decision/bypass.h"

#include <gtest/gtest.h>

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

Finding error_on(const std::string& ref_name, const std::string& rule = "git/non-fast-forward") {
  Finding f = Finding::at(rule, Severity::kError, "", {}, "no");
  f.ref = ref_name;
  return f;
}

BypassConfig config(std::vector<std::string> refs = {"refs/**"}) {
  BypassConfig c;
  c.users = {"alice"};
  c.refs = std::move(refs);
  return c;
}

const Finding* bypass_finding(const FindingList& findings) {
  for (const Finding& f : findings) {
    if (f.rule == "git/bypass") return &f;
  }
  return nullptr;
}

std::size_t errors(const FindingList& findings) {
  return count_by_severity(findings).errors;
}

TEST(FindPushOptionTest, ValueBareAndAbsent) {
  std::vector<std::string> options = {"ci.skip", "pushgate.bypass=prod is down"};
  EXPECT_EQ(find_push_option(options, "pushgate.bypass"), "prod is down");
  EXPECT_EQ(find_push_option(std::vector<std::string>{"pushgate.bypass"}, "pushgate.bypass"), "");
  EXPECT_FALSE(find_push_option(options, "pushgate"));
  EXPECT_FALSE(
      find_push_option(std::vector<std::string>{"pushgate.bypassed=x"}, "pushgate.bypass"));
}

TEST(BypassTest, NoOptionChangesNothing) {
  FindingList findings = {error_on(kMain)};
  BypassOutcome out =
      apply_bypass(config(), Pusher{"alice", "GL_USER"}, "GL_USER", {}, {ref(kMain)}, findings);
  EXPECT_FALSE(out.requested);
  EXPECT_EQ(findings.size(), 1u);
  EXPECT_EQ(errors(findings), 1u);
}

TEST(BypassTest, ListedUserTurnsErrorsIntoWarningsAndSaysSo) {
  FindingList findings = {error_on(kMain), error_on(kMain, "yaml/syntax")};
  std::vector<std::string> options = {"pushgate.bypass=hotfix for INC-42"};
  BypassOutcome out = apply_bypass(config(), Pusher{"alice", "GL_USER"}, "GL_USER", options,
                                   {ref(kMain)}, findings);
  EXPECT_TRUE(out.requested);
  EXPECT_TRUE(out.granted);
  EXPECT_EQ(out.reason, "hotfix for INC-42");
  EXPECT_EQ(out.errors_bypassed, 2u);
  EXPECT_EQ(errors(findings), 0u);
  EXPECT_EQ(count_by_severity(findings).warnings, 3u);
  const Finding* note = bypass_finding(findings);
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, Severity::kWarning);
  EXPECT_EQ(note->ref, kMain);
  EXPECT_NE(note->message.find("accepted under bypass by alice"), std::string::npos);
  EXPECT_NE(note->message.find("hotfix for INC-42"), std::string::npos);
}

TEST(BypassTest, UnlistedUserIsRefusedAndErrorsStay) {
  FindingList findings = {error_on(kMain)};
  std::vector<std::string> options = {"pushgate.bypass=trust me"};
  BypassOutcome out = apply_bypass(config(), Pusher{"mallory", "GL_USER"}, "GL_USER", options,
                                   {ref(kMain)}, findings);
  EXPECT_TRUE(out.requested);
  EXPECT_FALSE(out.granted);
  EXPECT_EQ(errors(findings), 2u);
  const Finding* refusal = bypass_finding(findings);
  ASSERT_NE(refusal, nullptr);
  EXPECT_EQ(refusal->severity, Severity::kError);
  EXPECT_TRUE(refusal->ref.empty());  // push-level: rejects every ref
  EXPECT_NE(refusal->message.find("mallory (from GL_USER) is not listed in `bypass.users`"),
            std::string::npos)
      << refusal->message;
}

TEST(BypassTest, EmptyReasonIsRefused) {
  for (const char* option : {"pushgate.bypass", "pushgate.bypass=", "pushgate.bypass=  "}) {
    FindingList findings = {error_on(kMain)};
    std::vector<std::string> options = {option};
    BypassOutcome out = apply_bypass(config(), Pusher{"alice", "GL_USER"}, "GL_USER", options,
                                     {ref(kMain)}, findings);
    EXPECT_FALSE(out.granted) << option;
    ASSERT_NE(bypass_finding(findings), nullptr) << option;
    EXPECT_NE(bypass_finding(findings)->message.find("needs a reason"), std::string::npos);
  }
}

TEST(BypassTest, NobodyNamedIsRefusedNamingTheVariables) {
  FindingList findings = {error_on(kMain)};
  std::vector<std::string> options = {"pushgate.bypass=why"};
  BypassOutcome out = apply_bypass(config(), std::nullopt, "GL_USER or REMOTE_USER", options,
                                   {ref(kMain)}, findings);
  EXPECT_FALSE(out.granted);
  ASSERT_NE(bypass_finding(findings), nullptr);
  EXPECT_NE(bypass_finding(findings)->message.find("GL_USER or REMOTE_USER"), std::string::npos);
}

TEST(BypassTest, WithoutASectionNobodyMayBypass) {
  FindingList findings = {error_on(kMain)};
  std::vector<std::string> options = {"pushgate.bypass=why"};
  BypassOutcome out = apply_bypass(std::nullopt, Pusher{"alice", "GL_USER"}, "GL_USER", options,
                                   {ref(kMain)}, findings);
  EXPECT_TRUE(out.requested);
  EXPECT_FALSE(out.granted);
  EXPECT_EQ(bypass_finding(findings)->severity, Severity::kError);
}

TEST(BypassTest, OnlyListedRefsAreBypassed) {
  FindingList findings = {error_on(kMain), error_on(kTopic)};
  std::vector<std::string> options = {"pushgate.bypass=why"};
  BypassOutcome out = apply_bypass(config({"refs/heads/main"}), Pusher{"alice", "GL_USER"},
                                   "GL_USER", options, {ref(kMain), ref(kTopic)}, findings);
  EXPECT_TRUE(out.granted);
  EXPECT_EQ(out.errors_bypassed, 1u);
  std::size_t topic_errors = 0;
  for (const Finding& f : findings) {
    if (f.ref == kTopic && f.severity == Severity::kError) ++topic_errors;
    if (f.ref == kMain) {
      EXPECT_NE(f.severity, Severity::kError) << f.rule;
    }
  }
  EXPECT_EQ(topic_errors, 2u);  // the finding and "not listed in bypass.refs"
}

TEST(BypassTest, PushLevelErrorsAreNeverBypassed) {
  FindingList findings = {Finding::at("internal/error", Severity::kError, "", {}, "broken")};
  std::vector<std::string> options = {"pushgate.bypass=why"};
  apply_bypass(config(), Pusher{"alice", "GL_USER"}, "GL_USER", options, {ref(kMain)}, findings);
  EXPECT_EQ(findings[0].severity, Severity::kError);
}

TEST(BypassTest, HintOnlyWhenConfigured) {
  EXPECT_EQ(bypass_hint(std::nullopt), "");
  EXPECT_NE(bypass_hint(config()).find("-o pushgate.bypass=\"reason\""), std::string::npos);
}

}  // namespace
}  // namespace pushgate
