#include "hooks/platform_install.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hooks/install.h"
#include "test_paths.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "pushgate-platform-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string path;
};

// A folder that looks like a bare repository to the installers.
std::string fake_bare(const std::string& parent, const std::string& name) {
  const std::string repo = parent + "/" + name;
  fs::create_directories(repo + "/objects");
  fs::create_directories(repo + "/refs");
  std::ofstream(repo + "/HEAD") << "ref: refs/heads/main\n";
  return repo;
}

PlatformInstallOptions options_for(Platform platform) {
  PlatformInstallOptions o;
  o.platform = platform;
  o.binary = PUSHGATE_BINARY;
  return o;
}

TEST(ParsePlatform, KnownNamesAndADidYouMean) {
  EXPECT_EQ(parse_platform("gitlab").value(), Platform::kGitlab);
  EXPECT_EQ(parse_platform("forgejo").value(), Platform::kForgejo);
  Result<Platform> typo = parse_platform("gitee");
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("did you mean gitea?"), std::string::npos)
      << typo.error().message;
}

TEST(PlatformInstall, GiteaNeedsItsDispatchFolderAndKeepsItsOwnScript) {
  TempDir dir;
  PlatformInstallOptions o = options_for(Platform::kGitea);
  o.repo = fake_bare(dir.path, "app.git");
  Result<PlatformInstalled> refused = install_platform_hooks(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("hooks/pre-receive.d/"), std::string::npos);

  fs::create_directories(o.repo + "/hooks/pre-receive.d");
  std::ofstream(o.repo + "/hooks/pre-receive.d/gitea") << "#!/bin/sh\n";
  Result<PlatformInstalled> done = install_platform_hooks(o);
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_EQ(done.value().paths.size(), 1u);
  EXPECT_EQ(done.value().paths[0], o.repo + "/hooks/pre-receive.d/pushgate");
  std::ifstream script(done.value().paths[0]);
  std::string text((std::istreambuf_iterator<char>(script)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find(kManagedHookMarker), std::string::npos);
  EXPECT_NE(text.find(" hook pre-receive"), std::string::npos);

  Result<PlatformInstalled> removed = uninstall_platform_hooks(o);
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_FALSE(fs::exists(o.repo + "/hooks/pre-receive.d/pushgate"));
  EXPECT_TRUE(fs::exists(o.repo + "/hooks/pre-receive.d/gitea"));
}

TEST(PlatformInstall, GitlabPerProjectOrGlobalAndNeverOverAForeignFile) {
  TempDir dir;
  PlatformInstallOptions o = options_for(Platform::kGitlab);
  o.hook = "update";
  o.hooks_dir = dir.path + "/custom_hooks";
  fs::create_directories(o.hooks_dir + "/update.d");
  std::ofstream(o.hooks_dir + "/update.d/pushgate") << "#!/bin/sh\n# someone's\n";
  Result<PlatformInstalled> refused = install_platform_hooks(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  o.force = true;
  Result<PlatformInstalled> done = install_platform_hooks(o);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done.value().paths[0], o.hooks_dir + "/update.d/pushgate");

  PlatformInstallOptions project = options_for(Platform::kGitlab);
  project.repo = fake_bare(dir.path, "project.git");
  done = install_platform_hooks(project);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done.value().paths[0], project.repo + "/custom_hooks/pre-receive.d/pushgate");
}

TEST(PlatformInstall, GitoliteReadsLocalCodeAndRefusesWithoutIt) {
  TempDir home;
  PlatformInstallOptions o = options_for(Platform::kGitolite);
  o.gitolite_home = home.path;
  std::ofstream(home.path + "/.gitolite.rc")
      << "%RC = (\n    # LOCAL_CODE                =>  \"$ENV{HOME}/local\",\n);\n";
  Result<PlatformInstalled> refused = install_platform_hooks(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("LOCAL_CODE is not enabled"), std::string::npos);

  std::ofstream(home.path + "/.gitolite.rc")
      << "%RC = (\n    LOCAL_CODE                =>  \"$ENV{HOME}/local\",\n"
         "    ENABLE => [\n        # 'repo-specific-hooks',\n    ],\n);\n";
  o.repo_specific = true;
  refused = install_platform_hooks(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("repo-specific-hooks"), std::string::npos);

  o.repo_specific = false;
  o.hook = "update";
  refused = install_platform_hooks(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("own update hook"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
