#include "hooks/server_install.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hooks/hook_files.h"
#include "hooks/install.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

// A temporary folder, removed at the end.
struct TempDir {
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "pushgate-server-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string path;
};

TEST(ServerStateMatches, PatternsAreShCasePatternsOverTheWholePath) {
  ServerState state;
  EXPECT_TRUE(server_state_matches(state, "/srv/git/anything.git"));  // no --repos: all
  state.repos = {"/srv/git/team-a/*", "*/infra.git"};
  struct Case {
    const char* repository;
    bool matches;
  } cases[] = {
      {"/srv/git/team-a/app.git", true},
      {"/srv/git/team-a/sub/deep.git", true},  // * crosses / as in sh case
      {"/srv/git/team-b/app.git", false},
      {"/srv/git/ops/infra.git", true},
      {"/srv/git/team-a", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(server_state_matches(state, c.repository), c.matches) << c.repository;
  }
}

TEST(ServerScripts, GateScriptQuotesEverythingItNames) {
  const std::string script =
      server_gate_script("pre-receive", "/opt/push gate/bin/pushgate", "/etc/it's.yaml",
                         {"/srv/$(reboot)/*"}, std::string("/old/hooks"));
  EXPECT_NE(script.find(kManagedHookMarker), std::string::npos);
  EXPECT_NE(script.find("'/opt/push gate/bin/pushgate' hook pre-receive --config "
                        "'/etc/it'\\''s.yaml'"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("repos0='/srv/$(reboot)/*'"), std::string::npos) << script;
  EXPECT_NE(script.find("previous='/old/hooks'"), std::string::npos) << script;
}

TEST(ServerScripts, UpdateGatePassesGitsArguments) {
  const std::string script = server_gate_script("update", "/usr/bin/pushgate", "", {}, {});
  EXPECT_NE(script.find("exec '/usr/bin/pushgate' hook update -- \"$@\""), std::string::npos)
      << script;
  EXPECT_EQ(script.find("updates=$(cat)"), std::string::npos) << "update has no stdin";
}

TEST(ServerScripts, NoPassThroughForHooksWhosePresenceChangesGit) {
  for (const std::string& name : passthrough_hook_names()) {
    EXPECT_NE(name, "push-to-checkout");
    EXPECT_NE(name, "proc-receive");
  }
}

TEST(ServerState, ReadsWhatInstallWroteAndRefusesUnknownKeys) {
  TempDir dir;
  std::ofstream(dir.path + "/" + kServerStateFile)
      << "# comment\nprevious_hooks_path=/old\nhook=update\nconfig=/etc/p.yaml\n"
         "repos=/a/*\nrepos=/b/*\n";
  Result<ServerState> state = read_server_state(dir.path);
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(state.value().previous_hooks_path, std::optional<std::string>("/old"));
  EXPECT_EQ(state.value().hook, "update");
  EXPECT_EQ(state.value().config, "/etc/p.yaml");
  EXPECT_EQ(state.value().repos, (std::vector<std::string>{"/a/*", "/b/*"}));

  std::ofstream(dir.path + "/" + kServerStateFile) << "prevous_hooks_path=/old\n";
  Result<ServerState> typo = read_server_state(dir.path);
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().code, ErrorCode::kInvalid);

  TempDir empty;
  Result<ServerState> none = read_server_state(empty.path);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
}

TEST(HookFiles, ManagedHookConfigReadsBackWhatTheScriptQuotes) {
  TempDir dir;
  const std::string path = dir.path + "/pre-receive";
  ASSERT_TRUE(write_executable(
      path, hook_script("pre-receive", "/usr/bin/pushgate", "/etc/it's here.yaml", false)));
  EXPECT_EQ(managed_hook_config(path), "/etc/it's here.yaml");
  ASSERT_TRUE(write_executable(path, hook_script("pre-receive", "/usr/bin/pushgate", "", false)));
  EXPECT_EQ(managed_hook_config(path), "");
}

}  // namespace
}  // namespace pushgate
