#include "hooks/install.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/document/document.h"
#include "tests/support/temp_repo.h"
#include "test_paths.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempRepo;
using testing::write_file;

const std::string kGood = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n";
const std::string kDuplicateKey =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: again\n";

// A hook somebody else wrote: it records its stdin and exits with the code in a file.
const std::string kForeignHook =
    "#!/bin/sh\n"
    "cat > \"$(dirname \"$0\")/../foreign-saw\"\n"
    "exit \"$(cat \"$(dirname \"$0\")/../foreign-exit\" 2>/dev/null || echo 0)\"\n";

void make_executable(const std::string& path) {
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
}

class InstallTest : public ::testing::Test {
 protected:
  InstallOptions server_options() const {
    InstallOptions options;
    options.repo = server.path();
    options.binary = PUSHGATE_BINARY;
    return options;
  }
  std::string hook() const { return server.path() + "/hooks/pre-receive"; }
  void foreign_hook() const {
    write_file(hook(), kForeignHook);
    make_executable(hook());
  }
  // A real push into the server, through whatever hooks it has.
  testing::CommandResult push(const std::string& file_content) {
    work.write("apps/app.yaml", file_content);
    work.commit_all("change " + std::to_string(++changes));
    return work.try_git({"push", server.path(), "HEAD:refs/heads/main"});
  }

  TempRepo server = TempRepo::init_bare();
  TempRepo work = TempRepo::init();
  int changes = 0;
};

TEST_F(InstallTest, WritesAMarkedHookAndEnablesPushOptions) {
  InstallOptions options = server_options();
  const std::string config = server.path() + "/it's.yaml";
  write_file(config, "version: 1\n");
  options.config = config;
  Result<InstalledHook> installed = install_hooks(options);
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(installed.value().path, hook());
  EXPECT_EQ(installed.value().chained_path, "");
  const std::string script = read_file(hook());
  EXPECT_NE(script.find(kManagedHookMarker), std::string::npos);
  EXPECT_NE(script.find(std::string("exec '") + PUSHGATE_BINARY + "' hook pre-receive"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("--config '" + server.path() + "/it'\\''s.yaml'"), std::string::npos)
      << script;
  EXPECT_NE(fs::status(hook()).permissions() & fs::perms::owner_exec, fs::perms::none);
  EXPECT_EQ(server.git({"config", "--bool", "receive.advertisePushOptions"}), "true");
  // Installing again updates our own hook in place.
  EXPECT_TRUE(install_hooks(server_options()));
}

TEST_F(InstallTest, InstalledHookGatesRealPushes) {
  ASSERT_TRUE(install_hooks(server_options()));
  testing::CommandResult good = push(kGood);
  EXPECT_EQ(good.exit_code, 0) << good.err;
  testing::CommandResult bad = push(kDuplicateKey);
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("remote: apps/app.yaml:5:3"), std::string::npos) << bad.err;
  // Push options reach the hook (and are accepted by the server at all).
  work.write("apps/app.yaml", kGood);
  work.commit_all("fixed");
  testing::CommandResult with_option =
      work.try_git({"push", "-o", "note=hello", server.path(), "HEAD:refs/heads/main"});
  EXPECT_EQ(with_option.exit_code, 0) << with_option.err;
}

TEST_F(InstallTest, RefusesAForeignHookUnlessForced) {
  foreign_hook();
  Result<InstalledHook> refused = install_hooks(server_options());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_NE(refused.error().message.find("--chain"), std::string::npos);
  EXPECT_EQ(read_file(hook()), kForeignHook);

  InstallOptions forced = server_options();
  forced.force = true;
  Result<InstalledHook> replaced = install_hooks(forced);
  ASSERT_TRUE(replaced);
  EXPECT_TRUE(replaced.value().replaced_foreign);
  EXPECT_NE(read_file(hook()).find(kManagedHookMarker), std::string::npos);
}

TEST_F(InstallTest, ChainRunsTheEarlierHookFirstOnTheSameInput) {
  foreign_hook();
  InstallOptions options = server_options();
  options.chain = true;
  Result<InstalledHook> installed = install_hooks(options);
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(installed.value().chained_path, hook() + ".chained");
  EXPECT_EQ(read_file(hook() + ".chained"), kForeignHook);

  testing::CommandResult good = push(kGood);
  EXPECT_EQ(good.exit_code, 0) << good.err;
  const std::string saw = read_file(server.path() + "/foreign-saw");
  EXPECT_NE(saw.find(" refs/heads/main\n"), std::string::npos) << saw;

  testing::CommandResult bad = push(kDuplicateKey);  // the earlier hook accepts, pushgate not
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("yaml/duplicate-key"), std::string::npos) << bad.err;

  write_file(server.path() + "/foreign-exit", "1\n");  // now the earlier hook rejects
  testing::CommandResult vetoed = push(kGood);
  EXPECT_NE(vetoed.exit_code, 0);
  EXPECT_EQ(vetoed.err.find("pushgate: accepted"), std::string::npos) << vetoed.err;

  // A later plain install keeps the chain rather than orphaning the earlier hook.
  ASSERT_TRUE(install_hooks(server_options()));
  EXPECT_NE(read_file(hook()).find("pre-receive.chained"), std::string::npos);
}

TEST_F(InstallTest, ChainRefusesToOverwriteAnExistingChainedHook) {
  foreign_hook();
  write_file(hook() + ".chained", "#!/bin/sh\nexit 0\n");
  InstallOptions options = server_options();
  options.chain = true;
  Result<InstalledHook> refused = install_hooks(options);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("already exists"), std::string::npos);
  EXPECT_EQ(read_file(hook()), kForeignHook);
}

TEST_F(InstallTest, UninstallRemovesOnlyOurHookAndRestoresAChainedOne) {
  Result<UninstalledHook> none = uninstall_hooks({server.path(), false});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);

  foreign_hook();
  Result<UninstalledHook> foreign = uninstall_hooks({server.path(), false});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(read_file(hook()), kForeignHook);

  InstallOptions options = server_options();
  options.chain = true;
  ASSERT_TRUE(install_hooks(options));
  Result<UninstalledHook> removed = uninstall_hooks({server.path(), false});
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_TRUE(removed.value().restored_chained);
  EXPECT_EQ(read_file(hook()), kForeignHook);
  EXPECT_FALSE(fs::exists(hook() + ".chained"));

  fs::remove(hook());
  ASSERT_TRUE(install_hooks(server_options()));
  Result<UninstalledHook> plain = uninstall_hooks({server.path(), false});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain.value().restored_chained);
  EXPECT_FALSE(fs::exists(hook()));
}

TEST_F(InstallTest, HonoursCoreHooksPath) {
  server.git({"config", "core.hooksPath", server.path() + "/shared-hooks"});
  Result<InstalledHook> installed = install_hooks(server_options());
  ASSERT_TRUE(installed);
  EXPECT_EQ(installed.value().path, server.path() + "/shared-hooks/pre-receive");
  EXPECT_FALSE(fs::exists(hook()));
}

TEST_F(InstallTest, PreCommitGoesIntoAWorkingClone) {
  InstallOptions options = server_options();
  options.repo = work.path() + "/";
  options.pre_commit = true;
  Result<InstalledHook> installed = install_hooks(options);
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(installed.value().path, work.path() + "/.git/hooks/pre-commit");
  EXPECT_NE(read_file(installed.value().path).find("hook pre-commit"), std::string::npos);

  work.write("apps/app.yaml", kDuplicateKey);
  work.git({"add", "-A"});
  testing::CommandResult refused = work.try_git({"commit", "-m", "broken"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("yaml/duplicate-key"), std::string::npos) << refused.err;

  options.repo = server.path();
  Result<InstalledHook> bare = install_hooks(options);
  ASSERT_FALSE(bare);
  EXPECT_NE(bare.error().message.find("bare"), std::string::npos);
  ASSERT_TRUE(uninstall_hooks({work.path(), true}));
  EXPECT_FALSE(fs::exists(work.path() + "/.git/hooks/pre-commit"));
}

TEST_F(InstallTest, ConfigMustExistAndIsMadeAbsolute) {
  InstallOptions options = server_options();
  options.config = "missing/pushgate.yaml";
  Result<InstalledHook> refused = install_hooks(options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(hook()));

  write_file(work.path() + "/policy/pushgate.yaml", "version: 1\n");
  const fs::path cwd = fs::current_path();
  fs::current_path(work.path());
  options.config = "policy/../policy/pushgate.yaml";
  Result<InstalledHook> installed = install_hooks(options);
  fs::current_path(cwd);
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_NE(read_file(hook()).find("--config '" + work.path() + "/policy/pushgate.yaml'"),
            std::string::npos)
      << read_file(hook());
}

TEST_F(InstallTest, BinaryMustBeAnAbsoluteExecutable) {
  InstallOptions options = server_options();
  options.binary = "pushgate";
  EXPECT_FALSE(install_hooks(options));
  options.binary = server.path() + "/config";  // exists, not executable
  EXPECT_FALSE(install_hooks(options));
  EXPECT_FALSE(fs::exists(hook()));
}

// The pre-commit framework's manifest at the repository root runs our pre-commit hook.
TEST(PreCommitFramework, ManifestRunsThePreCommitHook) {
  const std::string path = std::string(PUSHGATE_SOURCE_DIR) + "/.pre-commit-hooks.yaml";
  const std::string text = read_file(path);
  ParsedFile file = parse_yaml(path, text, ParseLimits{});
  ASSERT_TRUE(file.findings.empty());
  ASSERT_EQ(file.documents.size(), 1u);
  NodeRef hook = file.documents[0].root().item(0);
  EXPECT_EQ(hook.get_string("id"), "pushgate");
  EXPECT_EQ(hook.get_string("entry"), "pushgate hook pre-commit");
  EXPECT_EQ(hook.get_string("language"), "system");
  ASSERT_TRUE(hook.get("pass_filenames"));
  EXPECT_FALSE(hook.get("pass_filenames").as_bool());
}

}  // namespace
}  // namespace pushgate
