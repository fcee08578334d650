#include "hooks/pusher.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

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

TEST(PusherTest, OnlyAVerifiedPushCertificateNamesItsKey) {
  std::optional<Pusher> good = pusher_of({{"GIT_PUSH_CERT_STATUS", "G"},
                                          {"GIT_PUSH_CERT_NONCE_STATUS", "OK"},
                                          {"GIT_PUSH_CERT_KEY", "ABCD1234"},
                                          {"REMOTE_USER", "bob"}});
  ASSERT_TRUE(good);
  EXPECT_EQ(good->name, "ABCD1234");
  EXPECT_EQ(good->source, "GIT_PUSH_CERT_KEY");
  // A bad or unknown signature must not name anybody by its key.
  for (const char* status : {"B", "U", "X", "Y", "R", "E", "N"}) {
    std::optional<Pusher> other = pusher_of({{"GIT_PUSH_CERT_STATUS", status},
                                             {"GIT_PUSH_CERT_NONCE_STATUS", "OK"},
                                             {"GIT_PUSH_CERT_KEY", "ABCD1234"}});
    EXPECT_FALSE(other) << status;
  }
  // A good signature on a stale or foreign nonce may be a replayed certificate.
  for (const char* nonce : {"", "UNSOLICITED", "MISSING", "BAD", "SLOP"}) {
    std::optional<Pusher> replayed = pusher_of({{"GIT_PUSH_CERT_STATUS", "G"},
                                                {"GIT_PUSH_CERT_NONCE_STATUS", nonce},
                                                {"GIT_PUSH_CERT_KEY", "ABCD1234"}});
    EXPECT_FALSE(replayed) << nonce;
  }
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
