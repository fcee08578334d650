// The schema store with the real Kubernetes 1.35 OpenAPI documents and Flux CRDs: import writes
// one small file per kind, the cache loads only what is asked for, and names from pushed
// documents can never leave the store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/schema_store/kind_schema_cache.h"
#include "core/schema_store/schema_importer.h"
#include "core/schema_store/schema_store.h"
#include "tests/support/temp_repo.h"
#include "test_paths.h"

namespace pushgate {
namespace {

using testing::TempDir;

std::string shared(const std::string& path) {
  return std::string(PUSHGATE_SHARED_DIR) + "/" + path;
}

const std::string kOpenApi = "kubernetes/openapi/v1.35/v3/";

ImportReport import_or_fail(const std::string& source, const ImportOptions& options) {
  Result<ImportReport> report = import_schemas(source, options);
  EXPECT_TRUE(report) << (report ? "" : report.error().message);
  return report ? std::move(report).value() : ImportReport{};
}

TEST(SchemaStore, ImportsV3DocumentsOneFilePerKindWithTheVersionFromThePath) {
  TempDir store;
  ImportReport report =
      import_or_fail(shared(kOpenApi + "apis__apps__v1_openapi.json"), {store.path(), {}});
  EXPECT_EQ(report.sources, 1u);
  EXPECT_GE(report.kinds,
            5u);  // Deployment, StatefulSet, DaemonSet, ReplicaSet, ControllerRevision
  const std::string deployment = store / "kubernetes/v1.35/apps/v1/Deployment.json";
  ASSERT_TRUE(std::filesystem::exists(deployment));
  // Descriptions stripped, only reachable definitions kept: far below the 870 KB document.
  EXPECT_LT(std::filesystem::file_size(deployment), 120'000u);
  StoreListing listing = list_store(store.path());
  bool found = false;
  for (const auto& [version, kind] : listing.kinds) {
    found |=
        version.text() == "1.35" && kind.api_version() == "apps/v1" && kind.kind == "Deployment";
  }
  EXPECT_TRUE(found);
}

TEST(SchemaStore, CacheValidatesAgainstAnImportedKind) {
  TempDir store;
  import_or_fail(shared(kOpenApi + "apis__apps__v1_openapi.json"), {store.path(), {}});
  KindSchemaCache cache({store.path()}, std::nullopt, {});
  ASSERT_TRUE(cache.version());
  EXPECT_EQ(cache.version()->text(), "1.35");
  KindSchemaCache::Lookup found = cache.find({"apps", "v1", "Deployment"});
  ASSERT_NE(found.schema, nullptr) << found.error;
  const std::string text =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: three\n"
      "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
      "    spec:\n      containers: [{name: web, image: web:1, imagePullPolcy: Always}]\n";
  ParsedFile file = parse_yaml("web.yaml", text, ParseLimits{});
  ViolationList violations = found.schema->validate(file.documents[0].root());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].rule, "schema/type");
  EXPECT_EQ(violations[0].json_path, "spec.replicas");
  EXPECT_EQ(violations[1].rule, "schema/additional-property");
  EXPECT_NE(violations[1].message.find("imagePullPolicy"), std::string::npos)
      << violations[1].message;
  // Not imported: no schema, and no error.
  KindSchemaCache::Lookup missing = cache.find({"batch", "v1", "Job"});
  EXPECT_EQ(missing.schema, nullptr);
  EXPECT_TRUE(missing.error.empty());
}

TEST(SchemaStore, ImportsSwaggerV2WithAnExplicitVersion) {
  TempDir store;
  TempDir source;
  std::filesystem::copy_file(shared("kubernetes/openapi/v1.35/swagger.json"),
                             source / "swagger.json");
  Result<ImportReport> unversioned = import_schemas(source / "swagger.json", {store.path(), {}});
  ASSERT_FALSE(unversioned);
  EXPECT_NE(unversioned.error().message.find("--kubernetes-version"), std::string::npos);
  ImportReport report =
      import_or_fail(source / "swagger.json", {store.path(), KubernetesVersion{1, 34}});
  EXPECT_GE(report.kinds, 100u);
  KindSchemaCache cache({store.path()}, KubernetesVersion{1, 34}, {});
  KindSchemaCache::Lookup cron = cache.find({"batch", "v1", "CronJob"});
  ASSERT_NE(cron.schema, nullptr) << cron.error;
  // The v2 form spells Quantity as a string; the loader's repair accepts `cpu: 1` too.
  KindSchemaCache::Lookup pod = cache.find({"", "v1", "Pod"});
  ASSERT_NE(pod.schema, nullptr) << pod.error;
  ParsedFile file =
      parse_yaml("pod.yaml",
                 "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                 "  containers: [{name: a, image: a, resources: {limits: {cpu: 1}}}]\n",
                 ParseLimits{});
  EXPECT_TRUE(pod.schema->validate(file.documents[0].root()).empty());
}

TEST(SchemaStore, ImportsCrdsAndServesEveryVersion) {
  TempDir store;
  ImportReport report = import_or_fail(shared("crds/flux-v2.9.0"), {store.path(), {}});
  EXPECT_GE(report.crds, 10u);
  EXPECT_TRUE(report.findings.empty());
  KindSchemaCache cache({store.path()}, std::nullopt, {});
  EXPECT_NE(cache.find({"helm.toolkit.fluxcd.io", "v2", "HelmRelease"}).schema, nullptr);
  EXPECT_NE(cache.find({"source.toolkit.fluxcd.io", "v1", "GitRepository"}).schema, nullptr);
  EXPECT_EQ(cache.find({"source.toolkit.fluxcd.io", "v9", "GitRepository"}).schema, nullptr);
}

TEST(SchemaStore, NamesThatCouldLeaveTheStoreAreNoKinds) {
  EXPECT_FALSE(kind_file_path("/s", {1, 35}, {"..", "v1", "Pod"}));
  EXPECT_FALSE(kind_file_path("/s", {1, 35}, {"apps", "v1", "../../etc/passwd"}));
  EXPECT_FALSE(crd_file_path("/s", "example.com", "a/b"));
  EXPECT_EQ(*kind_file_path("/s", {1, 35}, {"", "v1", "Pod"}),
            "/s/kubernetes/v1.35/core/v1/Pod.json");
  KindSchemaCache cache({"/nonexistent"}, KubernetesVersion{1, 35}, {});
  EXPECT_EQ(cache.find({"..", "v1", "Pod"}).schema, nullptr);
}

TEST(SchemaStore, ACorruptKindFileIsAnErrorNotASilentPass) {
  TempDir store;
  std::filesystem::create_directories(store / "kubernetes/v1.35/core/v1");
  { std::ofstream(store / "kubernetes/v1.35/core/v1/Pod.json") << "{not json"; }
  KindSchemaCache cache({store.path()}, std::nullopt, {});
  KindSchemaCache::Lookup pod = cache.find({"", "v1", "Pod"});
  EXPECT_EQ(pod.schema, nullptr);
  EXPECT_NE(pod.error.find("not valid JSON"), std::string::npos) << pod.error;
}

TEST(SchemaStore, CacheIsSharedAcrossThreads) {
  TempDir store;
  import_or_fail(shared(kOpenApi + "apis__apps__v1_openapi.json"), {store.path(), {}});
  KindSchemaCache cache({store.path()}, std::nullopt, {});
  std::vector<const CompiledSchema*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] { seen[i] = cache.find({"apps", "v1", "StatefulSet"}).schema; });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_NE(seen[0], nullptr);
  for (const CompiledSchema* s : seen) EXPECT_EQ(s, seen[0]);  // compiled once
}

TEST(SchemaStore, DefaultStoreFollowsTheEnvironment) {
  setenv("PUSHGATE_SCHEMAS", "/custom/store", 1);
  EXPECT_EQ(default_schema_store(false), "/custom/store");
  unsetenv("PUSHGATE_SCHEMAS");
  EXPECT_EQ(default_schema_store(true), "/var/lib/pushgate/schemas");
  setenv("XDG_DATA_HOME", "/xdg", 1);
  EXPECT_EQ(default_schema_store(false), "/xdg/pushgate/schemas");
  unsetenv("XDG_DATA_HOME");
}

}  // namespace
}  // namespace pushgate
