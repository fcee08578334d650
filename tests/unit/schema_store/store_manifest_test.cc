// The schema store's manifest: import writes it, a push's load checks it, and a store that lost,
// changed or never had a built-in kind fails closed instead of passing objects as unknown kinds.
#include "core/schema_store/store_manifest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/schema_store/kind_schema_cache.h"
#include "core/schema_store/schema_importer.h"
#include "tests/support/temp_repo.h"
#include "test_paths.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string shared(const std::string& path) {
  return std::string(PUSHGATE_SHARED_DIR) + "/" + path;
}

// The full 1.35 import, done once; each test works on its own copy.
const std::string& imported_store() {
  static const TempDir* dir = [] {
    auto* d = new TempDir();
    Result<ImportReport> r =
        import_schemas(shared("kubernetes/openapi/v1.35/v3"), {d->path() + "/store", {}});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return d;
  }();
  static const std::string path = dir->path() + "/store";
  return path;
}

std::string copy_of_store(const TempDir& into) {
  const std::string copy = into / "store";
  fs::copy(imported_store(), copy, fs::copy_options::recursive);
  return copy;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const std::string& line : lines) all += line + "\n";
  return all;
}

const KubernetesVersion k135{1, 35};

TEST(StoreManifest, ChecksumIsGitsBlobId) {
  // `printf 'hello\n' | git hash-object --stdin`
  EXPECT_EQ(store_file_checksum("hello\n"), "ce013625030ba8dba906f756967f9e9ca394464a");
  EXPECT_EQ(store_file_checksum(""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
}

TEST(StoreManifest, ImportWritesAManifestThatChecksClean) {
  const std::string& store = imported_store();
  ASSERT_TRUE(fs::exists(store_manifest_path(store, k135)));
  StoreManifestCheck check = check_store_manifest(store, k135);
  EXPECT_TRUE(check.problems.empty()) << joined(check.problems);
  ASSERT_TRUE(check.manifest);
  auto deployment = check.manifest->files.find("apps/v1/Deployment.json");
  ASSERT_NE(deployment, check.manifest->files.end());
  EXPECT_EQ(deployment->second,
            store_file_checksum(testing::read_file(store + "/kubernetes/v1.35/apps/v1/Deployment.json")));
  KindSchemaCache cache({store}, k135, {});
  EXPECT_TRUE(cache.store_damage().empty());
  EXPECT_NE(cache.find({"apps", "v1", "Deployment"}).schema, nullptr);
}

TEST(StoreManifest, ADeletedKindFileIsAnErrorNotAnUnknownKind) {
  TempDir dir;
  const std::string store = copy_of_store(dir);
  fs::remove(store + "/kubernetes/v1.35/apps/v1/Deployment.json");
  KindSchemaCache cache({store}, k135, {});
  const std::vector<std::string> damage = cache.store_damage();
  ASSERT_EQ(damage.size(), 1u);
  EXPECT_NE(damage[0].find("apps/v1/Deployment.json is missing"), std::string::npos) << damage[0];
  EXPECT_NE(damage[0].find("pushgate schemas import"), std::string::npos) << damage[0];
  KindSchemaCache::Lookup found = cache.find({"apps", "v1", "Deployment"});
  EXPECT_EQ(found.schema, nullptr);
  EXPECT_NE(found.error.find("missing from the store"), std::string::npos) << found.error;
  // Other kinds are still served.
  EXPECT_NE(cache.find({"apps", "v1", "StatefulSet"}).schema, nullptr);
}

TEST(StoreManifest, AnAlteredOrUnlistedKindFileIsAnError) {
  TempDir dir;
  const std::string store = copy_of_store(dir);
  const std::string pod = store + "/kubernetes/v1.35/core/v1/Pod.json";
  std::string text = testing::read_file(pod);
  text.insert(text.size() - 1, " ");  // still valid JSON, different bytes
  testing::write_file(pod, text);
  testing::write_file(store + "/kubernetes/v1.35/example.com/v1/Widget.json", "{}");
  KindSchemaCache cache({store}, k135, {});
  EXPECT_TRUE(cache.store_damage().empty());  // presence only: checksums are checked on load
  KindSchemaCache::Lookup altered = cache.find({"", "v1", "Pod"});
  EXPECT_EQ(altered.schema, nullptr);
  EXPECT_NE(altered.error.find("differs from what was imported"), std::string::npos)
      << altered.error;
  KindSchemaCache::Lookup unlisted = cache.find({"example.com", "v1", "Widget"});
  EXPECT_NE(unlisted.error.find("not in the store's manifest"), std::string::npos)
      << unlisted.error;
}

TEST(StoreManifest, AStoreWithoutAManifestIsDamaged) {
  TempDir dir;
  const std::string store = copy_of_store(dir);
  fs::remove(store_manifest_path(store, k135));
  KindSchemaCache cache({store}, k135, {});
  const std::vector<std::string> damage = cache.store_damage();
  ASSERT_EQ(damage.size(), 1u);
  EXPECT_NE(damage[0].find("no manifest.json"), std::string::npos) << damage[0];
  testing::write_file(store_manifest_path(store, k135), "{\"format\": 1, \"kinds\": 3}");
  KindSchemaCache corrupt({store}, k135, {});
  ASSERT_EQ(corrupt.store_damage().size(), 1u);
  EXPECT_NE(corrupt.store_damage()[0].find("corrupt"), std::string::npos);
}

TEST(StoreManifest, APartialImportLacksBuiltInKinds) {
  TempDir store;
  Result<ImportReport> r = import_schemas(
      shared("kubernetes/openapi/v1.35/v3/apis__apps__v1_openapi.json"), {store.path(), {}});
  ASSERT_TRUE(r) << r.error().message;
  KindSchemaCache cache({store.path()}, k135, {});
  const std::vector<std::string> damage = cache.store_damage();
  ASSERT_EQ(damage.size(), 1u);
  EXPECT_NE(damage[0].find("built-in v1 Pod is not in it (core/v1/Pod.json)"), std::string::npos)
      << damage[0];
  EXPECT_NE(damage[0].find("more"), std::string::npos) << damage[0];  // capped, counted
  // Importing the rest into the same store completes it: the manifest lists the whole folder.
  r = import_schemas(shared("kubernetes/openapi/v1.35/v3"), {store.path(), {}});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(KindSchemaCache({store.path()}, k135, {}).store_damage().empty());
}

TEST(StoreManifest, RequiredKindsFollowTheVersion) {
  auto has = [](const KubernetesVersion& v, const std::string& kind) {
    for (const GroupVersionKind& k : required_builtin_kinds(v)) {
      if (k.kind == kind) return true;
    }
    return false;
  };
  EXPECT_TRUE(has({1, 35}, "CronJob"));
  EXPECT_FALSE(has({1, 20}, "CronJob"));  // batch/v1 CronJob is GA since 1.21
  EXPECT_TRUE(has({1, 20}, "Deployment"));
  EXPECT_FALSE(has({1, 22}, "HorizontalPodAutoscaler"));
}

TEST(StoreManifest, AManifestNeverNamesFilesOutsideItsFolder) {
  TempDir dir;
  const std::string store = copy_of_store(dir);
  testing::write_file(store_manifest_path(store, k135),
                      R"({"format": 1, "kubernetes_version": "1.35", "kinds": [)"
                      R"({"file": "../../../etc/passwd", "git_blob_sha1": "0"}]})");
  StoreManifestCheck check = check_store_manifest(store, k135);
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_NE(check.problems[0].find("outside"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
