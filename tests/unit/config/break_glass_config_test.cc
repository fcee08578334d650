// `bypass:`, `audit:` and `pusher:` sections.
#include <gtest/gtest.h>

#include "core/config/config.h"

namespace pushgate {
namespace {

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::to_string(f.position.line) + ":" + std::to_string(f.position.column) + ": " +
           f.rule + ": " + f.message + "\n";
  }
  return out;
}

ConfigLoad load(const std::string& body) {
  return load_config_text("/etc/pushgate/pushgate.yaml", "version: 1\n" + body);
}

TEST(BreakGlassConfigTest, NoSectionsMeanNoBypassNoAuditDefaultPusher) {
  ConfigLoad l = load("");
  ASSERT_TRUE(l.config) << describe(l.findings);
  EXPECT_FALSE(l.config->bypass);
  EXPECT_FALSE(l.config->audit);
  EXPECT_FALSE(l.config->pusher);
}

TEST(BreakGlassConfigTest, BypassKeysAreRead) {
  ConfigLoad l = load(
      "bypass:\n  users: [alice, bob]\n  refs: [refs/heads/main]\n  push_option: ops.override\n");
  ASSERT_TRUE(l.config) << describe(l.findings);
  ASSERT_TRUE(l.config->bypass);
  EXPECT_EQ(l.config->bypass->users, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(l.config->bypass->refs, (std::vector<std::string>{"refs/heads/main"}));
  EXPECT_EQ(l.config->bypass->push_option, "ops.override");
}

TEST(BreakGlassConfigTest, BypassDefaultsToEveryRefAndTheDesignsOption) {
  ConfigLoad l = load("bypass: {users: [alice]}\n");
  ASSERT_TRUE(l.config) << describe(l.findings);
  EXPECT_EQ(l.config->bypass->refs, (std::vector<std::string>{"refs/**"}));
  EXPECT_EQ(l.config->bypass->push_option, "pushgate.bypass");
}

TEST(BreakGlassConfigTest, AuditKeysAreReadAndRelativePathsFollowTheConfigFile) {
  ConfigLoad l = load("audit: {file: logs/audit.jsonl, syslog: true, on_error: warn}\n");
  ASSERT_TRUE(l.config) << describe(l.findings);
  ASSERT_TRUE(l.config->audit);
  EXPECT_EQ(l.config->audit->file, "/etc/pushgate/logs/audit.jsonl");
  EXPECT_TRUE(l.config->audit->syslog);
  EXPECT_EQ(l.config->audit->syslog_socket, "/dev/log");
  EXPECT_EQ(l.config->audit->on_error, AuditOnError::kWarn);
}

TEST(BreakGlassConfigTest, SyslogSocketIsReadRelativeToTheConfigFile) {
  ConfigLoad l = load("audit: {syslog: true, syslog_socket: run/log.sock}\n");
  ASSERT_TRUE(l.config) << describe(l.findings);
  EXPECT_EQ(l.config->audit->syslog_socket, "/etc/pushgate/run/log.sock");
}

TEST(BreakGlassConfigTest, AuditFailsClosedByDefault) {
  ConfigLoad l = load("audit: {file: /var/log/pushgate/audit.jsonl}\n");
  ASSERT_TRUE(l.config) << describe(l.findings);
  EXPECT_EQ(l.config->audit->file, "/var/log/pushgate/audit.jsonl");
  EXPECT_FALSE(l.config->audit->syslog);
  EXPECT_EQ(l.config->audit->on_error, AuditOnError::kReject);
}

TEST(BreakGlassConfigTest, PusherVariableIsRead) {
  ConfigLoad l = load("pusher: {variable: SSH_GATE_USER}\n");
  ASSERT_TRUE(l.config) << describe(l.findings);
  ASSERT_TRUE(l.config->pusher);
  EXPECT_EQ(l.config->pusher->variable, "SSH_GATE_USER");
}

struct Bad {
  const char* name;
  const char* yaml;
  const char* message;  // part of the message
  Position at;
};

class BreakGlassConfigBadTest : public ::testing::TestWithParam<Bad> {};

TEST_P(BreakGlassConfigBadTest, IsRejectedWithItsPosition) {
  const Bad& bad = GetParam();
  ConfigLoad l = load(bad.yaml);
  EXPECT_FALSE(l.config);
  ASSERT_FALSE(l.findings.empty());
  const std::string text = describe(l.findings);
  EXPECT_NE(text.find(bad.message), std::string::npos) << text;
  EXPECT_EQ(l.findings[0].position, bad.at) << text;
}

INSTANTIATE_TEST_SUITE_P(
    All, BreakGlassConfigBadTest,
    ::testing::Values(
        Bad{"BypassWithoutUsers",
            "bypass: {refs: [refs/heads/main]}\n",
            "missing required key `bypass.users`",
            {2, 9}},
        Bad{"BypassEmptyUsers", "bypass: {users: []}\n", "non-empty list of pusher names", {2, 17}},
        Bad{"BypassUsersNotAList", "bypass: {users: alice}\n", "non-empty list", {2, 17}},
        Bad{"BypassShortRefGlob",
            "bypass: {users: [a], refs: [main]}\n",
            "must match full ref names",
            {2, 29}},
        Bad{"BypassOptionWithEquals",
            "bypass: {users: [a], push_option: 'a=b'}\n",
            "push option name without '='",
            {2, 35}},
        Bad{"BypassTypo", "bypass: {users: [a], user: [b]}\n", "did you mean `users`", {2, 22}},
        Bad{"AuditNowhere", "audit: {syslog: false}\n", "records nowhere", {2, 8}},
        Bad{"AuditSyslogNotBool",
            "audit: {file: /x, syslog: yes please}\n",
            "true or false",
            {2, 27}},
        Bad{"AuditSyslogSocketWithoutSyslog",
            "audit: {file: /x, syslog_socket: /dev/log}\n",
            "only applies with `syslog: true`",
            {2, 34}},
        Bad{"AuditSyslogSocketEmpty",
            "audit: {syslog: true, syslog_socket: ''}\n",
            "is empty",
            {2, 38}},
        Bad{"AuditOnErrorUnknown", "audit: {file: /x, on_error: ignore}\n", "on_error", {2, 29}},
        Bad{"PusherVariableWithDollar",
            "pusher: {variable: $GL_USER}\n",
            "environment variable name",
            {2, 20}},
        Bad{"PusherWithoutVariable",
            "pusher: {}\n",
            "missing required key `pusher.variable`",
            {2, 9}}),
    [](const ::testing::TestParamInfo<Bad>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace pushgate
