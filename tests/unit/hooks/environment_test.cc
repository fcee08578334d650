#include "hooks/environment.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

Environment env_of(std::map<std::string, std::string> variables) {
  return Environment(std::move(variables));
}

TEST(Environment, GitVariables) {
  Environment env({{"GIT_DIR", "."},
                   {"GIT_OBJECT_DIRECTORY", "/srv/app.git/objects/tmp_objdir-incoming-x"},
                   {"GIT_ALTERNATE_OBJECT_DIRECTORIES", "/srv/app.git/objects"},
                   {"GIT_QUARANTINE_PATH", "/srv/app.git/objects/tmp_objdir-incoming-x"},
                   {"GIT_INDEX_FILE", ".git/index.lock"}});
  GitEnvironment git = env.git();
  EXPECT_EQ(git.git_dir, ".");
  EXPECT_EQ(git.object_directory, "/srv/app.git/objects/tmp_objdir-incoming-x");
  EXPECT_EQ(git.alternate_object_directories, "/srv/app.git/objects");
  EXPECT_EQ(git.quarantine_path, "/srv/app.git/objects/tmp_objdir-incoming-x");
  EXPECT_EQ(git.index_file, ".git/index.lock");
  EXPECT_EQ(Environment().git().git_dir, "");
}

TEST(Environment, PushOptions) {
  EXPECT_TRUE(Environment().push_options().value().empty());
  EXPECT_TRUE(env_of({{"GIT_PUSH_OPTION_COUNT", "0"}}).push_options().value().empty());
  Result<std::vector<std::string>> two = env_of({{"GIT_PUSH_OPTION_COUNT", "2"},
                                                 {"GIT_PUSH_OPTION_0", "pushgate.bypass=hotfix"},
                                                 {"GIT_PUSH_OPTION_1", "ci.skip"}})
                                             .push_options();
  ASSERT_TRUE(two);
  EXPECT_EQ(two.value(), (std::vector<std::string>{"pushgate.bypass=hotfix", "ci.skip"}));
}

TEST(Environment, BrokenPushOptionsAreErrors) {
  for (const char* count : {"two", "-1", "", "99999999999999999999"}) {
    Result<std::vector<std::string>> options =
        env_of({{"GIT_PUSH_OPTION_COUNT", count}}).push_options();
    ASSERT_FALSE(options) << count;
    EXPECT_EQ(options.error().code, ErrorCode::kInvalid);
  }
  Result<std::vector<std::string>> missing =
      env_of({{"GIT_PUSH_OPTION_COUNT", "2"}, {"GIT_PUSH_OPTION_0", "a"}}).push_options();
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("GIT_PUSH_OPTION_1"), std::string::npos);
}

TEST(Environment, FromProcessSeesTheRealEnvironment) {
  Environment env = Environment::from_process();
  EXPECT_TRUE(env.get("PATH").has_value());
  EXPECT_FALSE(env.get("PUSHGATE_SURELY_NOT_SET_ANYWHERE").has_value());
}

}  // namespace
}  // namespace pushgate
