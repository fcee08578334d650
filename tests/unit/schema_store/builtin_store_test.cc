// The built-in schema store: where it is found ($PUSHGATE_BUILTIN_SCHEMAS, then beside the
// running binary as installed, then as in the build tree) and how `builtin` and the default store
// combine into the stores a run reads. The lookup beside the binary is proven with a copy of the
// real pushgate in a temporary prefix: /proc/self/exe is the only input, so only a binary that
// lives there can show it.
#include "core/schema_store/builtin_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/schema_store/schema_store.h"
#include "test_paths.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::TempDir;

// Sets (or, with nullopt, unsets) one environment variable for a test; puts it back afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(BuiltinStore, TheEnvironmentVariableWinsAndEmptyMeansNone) {
  TempDir store;
  {
    ScopedEnv env("PUSHGATE_BUILTIN_SCHEMAS", store.path());
    EXPECT_EQ(builtin_schema_store(), store.path());
  }
  {
    // Set but empty: no built-in store, even where one lies beside the binary.
    ScopedEnv env("PUSHGATE_BUILTIN_SCHEMAS", std::string());
    EXPECT_EQ(builtin_schema_store(), "");
  }
}

TEST(BuiltinStore, WithoutConfiguredStoresTheDefaultComesFirstThenTheBuiltIn) {
  TempDir builtin;
  ScopedEnv store_env("PUSHGATE_SCHEMAS", std::nullopt);
  ScopedEnv env("PUSHGATE_BUILTIN_SCHEMAS", builtin.path());
  EXPECT_EQ(resolve_schema_stores({}, false),
            (std::vector<std::string>{default_schema_store(false), builtin.path()}));
  EXPECT_EQ(resolve_schema_stores({}, true),
            (std::vector<std::string>{default_schema_store(true), builtin.path()}));
  EXPECT_NE(default_schema_store(true), default_schema_store(false));
}

TEST(BuiltinStore, WithoutABuiltInStoreOnlyTheDefaultIsRead) {
  ScopedEnv env("PUSHGATE_BUILTIN_SCHEMAS", std::string());
  EXPECT_EQ(resolve_schema_stores({}, true),
            (std::vector<std::string>{default_schema_store(true)}));
}

TEST(BuiltinStore, ConfiguredStoresAreReadInOrderWithBuiltinReplaced) {
  TempDir builtin;
  ScopedEnv env("PUSHGATE_BUILTIN_SCHEMAS", builtin.path());
  EXPECT_EQ(resolve_schema_stores({"/srv/schemas", "builtin", "/opt/crds"}, false),
            (std::vector<std::string>{"/srv/schemas", builtin.path(), "/opt/crds"}));
  // Configured: the default store is not added.
  EXPECT_EQ(resolve_schema_stores({"/srv/schemas"}, true),
            (std::vector<std::string>{"/srv/schemas"}));
}

TEST(BuiltinStore, AMissingBuiltinStaysAsAFolderThatDoesNotExist) {
  ScopedEnv env("PUSHGATE_BUILTIN_SCHEMAS", std::string());
  const std::vector<std::string> stores = resolve_schema_stores({"builtin", "/srv/schemas"}, false);
  ASSERT_EQ(stores.size(), 2u);
  EXPECT_NE(stores[0], "builtin");
  EXPECT_FALSE(stores[0].empty());
  EXPECT_FALSE(fs::exists(stores[0])) << stores[0];
  EXPECT_EQ(stores[1], "/srv/schemas");
}

// A copy of the real binary at <prefix>/bin/pushgate; `schemas list --store builtin` names the
// store it found (an empty store: "the store <path> is empty") or says there is none.
class BuiltinStoreBesideBinary : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(prefix / "bin");
    fs::copy_file(PUSHGATE_BINARY, binary);
  }

  // stderr of `schemas list --store builtin` run as `program`, PUSHGATE_BUILTIN_SCHEMAS unset.
  std::string list_builtin(const std::string& program) {
    ScopedEnv env("PUSHGATE_BUILTIN_SCHEMAS", std::nullopt);
    testing::CommandResult run =
        run_command({program, "schemas", "list", "--store", "builtin"}, prefix.path());
    EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
    return run.err;
  }

  static std::string empty_store_at(const std::string& path) {
    return "the store " + path + " is empty";
  }

  TempDir prefix;
  const std::string binary = prefix / "bin/pushgate";
};

TEST_F(BuiltinStoreBesideBinary, InstalledUnderThePrefixShare) {
  fs::create_directories(prefix / "share/pushgate/schema-store/kubernetes");
  EXPECT_NE(list_builtin(binary).find(empty_store_at(prefix / "share/pushgate/schema-store")),
            std::string::npos);
}

TEST_F(BuiltinStoreBesideBinary, InTheBuildTreeBesideTheBinary) {
  fs::create_directories(prefix / "bin/schema-store/kubernetes");
  EXPECT_NE(list_builtin(binary).find(empty_store_at(prefix / "bin/schema-store")),
            std::string::npos);
}

TEST_F(BuiltinStoreBesideBinary, TheInstalledLayoutWinsOverTheBuildTree) {
  fs::create_directories(prefix / "share/pushgate/schema-store/kubernetes");
  fs::create_directories(prefix / "bin/schema-store/kubernetes");
  EXPECT_NE(list_builtin(binary).find(empty_store_at(prefix / "share/pushgate/schema-store")),
            std::string::npos);
}

TEST_F(BuiltinStoreBesideBinary, AFolderWithoutKubernetesIsNoStore) {
  fs::create_directories(prefix / "share/pushgate/schema-store/crds");
  EXPECT_NE(list_builtin(binary).find("no built-in schema store next to this pushgate"),
            std::string::npos);
}

TEST_F(BuiltinStoreBesideBinary, ASymlinkToTheBinaryFindsTheStoreOfTheBinary) {
  fs::create_directories(prefix / "share/pushgate/schema-store/kubernetes");
  TempDir elsewhere;
  fs::create_symlink(binary, elsewhere / "pushgate");
  EXPECT_NE(list_builtin(elsewhere / "pushgate")
                .find(empty_store_at(prefix / "share/pushgate/schema-store")),
            std::string::npos);
}

}  // namespace
}  // namespace pushgate
