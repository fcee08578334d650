#include "hooks/pusher.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

Environment env(std::map<std::string, std::string> variables) {
  return Environment(std::move(variables));
}

std::optional<Pusher> pusher_of(std::map<std::string, std::string> variables) {
  return find_pusher(Environment(std::move(variables)));
}

TEST(PusherTest, EachPlatformsVariable) {
  for (const char* variable :
       {"GITEA_PUSHER_NAME", "GL_USERNAME", "GL_ID", "GL_USER", "REMOTE_USER"}) {
    std::optional<Pusher> pusher = pusher_of({{variable, "alice"}});
    ASSERT_TRUE(pusher) << variable;
    EXPECT_EQ(pusher->name, "alice");
    EXPECT_EQ(pusher->source, variable);
  }
}

TEST(PusherTest, NobodyWhenNothingOrEmptyIsSet) {
  EXPECT_FALSE(pusher_of({}));
  EXPECT_FALSE(pusher_of({{"GL_USER", ""}}));
}

TEST(PusherTest, GitLabUsernameWinsOverItsNumericId) {
  std::optional<Pusher> pusher = pusher_of({{"GL_ID", "user-7"}, {"GL_USERNAME", "alice"}});
  ASSERT_TRUE(pusher);
  EXPECT_EQ(pusher->name, "alice");
}

TEST(PusherTest, OnlyAPushCertificatePushgateVerifiedNamesItsKey) {
  const Environment forged({{"GIT_PUSH_CERT_STATUS", "G"},
                            {"GIT_PUSH_CERT_NONCE_STATUS", "OK"},
                            {"GIT_PUSH_CERT_KEY", "ABCD1234"},
                            {"REMOTE_USER", "bob"}});
  // git's variables alone (what a file:// or ssh pusher can export) name nobody by a key.
  std::optional<Pusher> unverified = find_pusher(forged);
  ASSERT_TRUE(unverified);
  EXPECT_EQ(unverified->name, "bob");
  EXPECT_FALSE(find_pusher(Environment({{"GIT_PUSH_CERT_STATUS", "G"},
                                        {"GIT_PUSH_CERT_NONCE_STATUS", "OK"},
                                        {"GIT_PUSH_CERT_KEY", "ABCD1234"}})));
  PushCertVerdict untrusted;
  untrusted.present = true;
  untrusted.key = "ABCD1234";
  EXPECT_EQ(find_pusher(forged, std::nullopt, untrusted)->name, "bob");
  PushCertVerdict verified;
  verified.present = verified.trusted = true;
  verified.key = "ABCD1234";
  std::optional<Pusher> good = find_pusher(forged, std::nullopt, verified);
  ASSERT_TRUE(good);
  EXPECT_EQ(good->name, "ABCD1234");
  EXPECT_EQ(good->source, "GIT_PUSH_CERT_KEY");
}

TEST(PusherTest, TransportIsWhatTheEnvironmentClaims) {
  EXPECT_EQ(hook_transport(env({{"GL_ID", "user-1"}, {"GL_PROTOCOL", "ssh"}})), "gitlab");
  EXPECT_EQ(hook_transport(env({{"GITEA_PUSHER_NAME", "a"}})), "gitea");
  EXPECT_EQ(hook_transport(env({{"GL_USER", "a"}, {"SSH_CONNECTION", "1 2 3 4"}})),
            "gitolite");
  EXPECT_EQ(hook_transport(env({{"REMOTE_USER", "a"}})), "http");
  EXPECT_EQ(hook_transport(env({{"SSH_CONNECTION", "1 2 3 4"}})), "ssh");
  EXPECT_EQ(hook_transport(env({{"GIT_PUSH_CERT_KEY", "A"}})), "local");
}

TEST(PusherTest, ABypassNeedsAnIdentitySomethingVouchesFor) {
  const Pusher platform{"alice", "GL_USER"};
  EXPECT_TRUE(identity_is_vouched_for(platform, std::nullopt, "gitolite"));
  // The same name where nothing but the pusher's own environment says so.
  EXPECT_FALSE(identity_is_vouched_for(platform, std::nullopt, "local"));
  EXPECT_FALSE(identity_is_vouched_for(platform, std::nullopt, "ssh"));
  // A verified certificate, or the variable the administrator named, on any transport.
  EXPECT_TRUE(identity_is_vouched_for({"ABCD", "GIT_PUSH_CERT_KEY"}, std::nullopt, "local"));
  const std::optional<PusherConfig> config = PusherConfig{"SSH_GATE_USER"};
  EXPECT_TRUE(identity_is_vouched_for({"carol", "SSH_GATE_USER"}, config, "ssh"));
  EXPECT_FALSE(identity_is_vouched_for(platform, config, "gitolite"));
}

TEST(PusherTest, AConfiguredVariableIsTheOnlyOneRead) {
  const std::optional<PusherConfig> config = PusherConfig{"SSH_GATE_USER"};
  std::optional<Pusher> pusher =
      find_pusher(Environment({{"SSH_GATE_USER", "carol"}, {"GL_USER", "mallory"}}), config);
  ASSERT_TRUE(pusher);
  EXPECT_EQ(pusher->name, "carol");
  EXPECT_EQ(pusher->source, "SSH_GATE_USER");
  // Unset or empty: nobody, even when a platform variable or a verified certificate is there.
  EXPECT_FALSE(find_pusher(
      Environment(
          {{"GL_USER", "mallory"}, {"GIT_PUSH_CERT_STATUS", "G"}, {"GIT_PUSH_CERT_KEY", "ABCD"}}),
      config));
  EXPECT_FALSE(
      find_pusher(Environment(std::map<std::string, std::string>{{"SSH_GATE_USER", ""}}), config));
}

TEST(PusherTest, HintNamesWhatWasRead) {
  EXPECT_EQ(pusher_variables_hint(std::nullopt), std::string(kPusherVariablesHint));
  EXPECT_EQ(pusher_variables_hint(PusherConfig{"X_USER"}),
            "X_USER (pusher.variable in the config)");
}

}  // namespace
}  // namespace pushgate
