#include "core/schema_store/schema_location.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/schema_store/kind_schema_cache.h"
#include "core/schema_store/schema_fetcher.h"

namespace pushgate {
namespace {

const char* kKubeconformDefault =
    "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/"
    "{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/"
    "{{ .ResourceKind }}{{ .KindSuffix }}.json";

TEST(SchemaLocation, ExpandsLikeKubeconform) {
  const SchemaLocation location = SchemaLocation::parse(kKubeconformDefault).value();
  EXPECT_TRUE(location.remote());
  const std::string base = "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/";
  EXPECT_EQ(location.expand({"apps", "v1", "Deployment"}, {1, 30}, true),
            base + "v1.30.0-standalone-strict/deployment-apps-v1.json");
  EXPECT_EQ(location.expand({"", "v1", "ConfigMap"}, {1, 30}, false),
            base + "v1.30.0-standalone/configmap-v1.json");
  EXPECT_EQ(location.expand({"networking.k8s.io", "v1", "Ingress"}, {1, 35}, true),
            base + "v1.35.0-standalone-strict/ingress-networking-v1.json");
}

TEST(SchemaLocation, GroupAndVersionVariables) {
  const SchemaLocation location =
      SchemaLocation::parse(
          "/schemas/{{.Group}}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json")
          .value();
  EXPECT_FALSE(location.remote());
  EXPECT_EQ(location.expand({"kustomize.toolkit.fluxcd.io", "v1", "Kustomization"}, {1, 30}, true),
            "/schemas/kustomize.toolkit.fluxcd.io/kustomization_v1.json");
  EXPECT_EQ(location.expand({"", "v1", "Service"}, {1, 30}, true), "/schemas/v1/service_v1.json");
}

TEST(SchemaLocation, MistakesAreClear) {
  EXPECT_NE(SchemaLocation::parse("https://x/{{ .Kind }}.json")
                .error()
                .message.find("unknown variable `{{ .Kind }}`"),
            std::string::npos);
  EXPECT_NE(SchemaLocation::parse("https://x/{{ .ResourceKind .json")
                .error()
                .message.find("never closed"),
            std::string::npos);
  EXPECT_NE(SchemaLocation::parse("https://x/schema.json").error().message.find(".ResourceKind"),
            std::string::npos);
  EXPECT_TRUE(SchemaLocation::looks_like_location("https://x/{{ .ResourceKind }}"));
  EXPECT_FALSE(SchemaLocation::looks_like_location("/var/lib/pushgate/schemas"));
}

TEST(SchemaFetcher, CachePathsStayInsideTheCache) {
  const SchemaFetcher fetcher({.cache_dir = "/cache"});
  EXPECT_EQ(fetcher.cache_path("https://mirror.example:8443/v1.30.0/deployment-apps-v1.json"),
            "/cache/mirror.example_8443/v1.30.0/deployment-apps-v1.json");
  EXPECT_EQ(fetcher.cache_path("http://h/../../etc/passwd"), "/cache/h/_../_../etc/passwd");
  EXPECT_EQ(fetcher.cache_path("http://h/a?b=c"), "/cache/h/a_b_c");
}

TEST(SchemaFetcher, WithoutNetworkACacheMissIsAnErrorNotAPass) {
  const SchemaFetcher fetcher(
      {.cache_dir = ::testing::TempDir() + "/empty-cache", .network = false});
  Result<std::optional<std::string>> got = fetcher.read("http://127.0.0.1:9/x.json");
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("not in the schema cache"), std::string::npos);
}

TEST(SchemaFetcher, ConnectionRefusedIsAnError) {
  const SchemaFetcher fetcher({.cache_dir = "", .timeout = std::chrono::milliseconds(2000)});
  // Port 9 (discard) on loopback: nothing listens in the test environment.
  Result<std::optional<std::string>> got = fetcher.read("http://127.0.0.1:9/x.json");
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("cannot fetch http://127.0.0.1:9/x.json"), std::string::npos);
}

TEST(KindSchemaCache, LocalTemplateLocations) {
  const std::string dir = ::testing::TempDir() + "/pushgate-location-test";
  std::filesystem::create_directories(dir + "/v1.30.0-standalone-strict");
  std::ofstream(dir + "/v1.30.0-standalone-strict/configmap-v1.json")
      << R"({"type": "object", "properties": {"data": {"type": "object"}},
            "additionalProperties": false})";
  std::ofstream(dir + "/v1.30.0-standalone-strict/broken-v1.json") << "{not json";
  const KindSchemaCache cache(
      {dir + "/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/"
             "{{ .ResourceKind }}{{ .KindSuffix }}.json"},
      KubernetesVersion{1, 30}, {.strict = true});
  EXPECT_NE(cache.find({"", "v1", "ConfigMap"}).schema, nullptr);
  const KindSchemaCache::Lookup missing = cache.find({"", "v1", "Secret"});
  EXPECT_EQ(missing.schema, nullptr);
  EXPECT_EQ(missing.error, "");
  const KindSchemaCache::Lookup broken = cache.find({"", "v1", "Broken"});
  EXPECT_EQ(broken.schema, nullptr);
  EXPECT_NE(broken.error.find("is not a JSON Schema"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
