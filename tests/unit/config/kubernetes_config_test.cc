#include "core/config/kubernetes_config.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/config/config.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::to_string(f.position.line) + ":" + std::to_string(f.position.column) + " " +
           f.rule + " " + f.message + "\n";
  }
  return out;
}

TEST(KubernetesConfig, ReadsEveryKeyAndResolvesFoldersAgainstTheConfigFile) {
  TempDir dir;
  std::filesystem::create_directories(dir / "store");
  std::filesystem::create_directories(dir / "crds");
  ConfigLoad load = load_config_text(dir / "pushgate.yaml",
                                     "version: 1\n"
                                     "kubernetes:\n"
                                     "  version: \"1.35\"\n"
                                     "  schemas: [store]\n"
                                     "  crds: [crds]\n"
                                     "  strict: false\n"
                                     "  unknown_kinds: error\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  ASSERT_TRUE(load.config->kubernetes);
  const KubernetesConfig& k = *load.config->kubernetes;
  ASSERT_TRUE(k.version);
  EXPECT_EQ(k.version->text(), "1.35");
  EXPECT_EQ(k.schemas, std::vector<std::string>({dir / "store"}));
  EXPECT_EQ(k.crds, std::vector<std::string>({dir / "crds"}));
  EXPECT_FALSE(k.strict);
  EXPECT_EQ(k.unknown_kinds, UnknownKinds::kError);
}

TEST(KubernetesConfig, DefaultsAreStrictAndWarnOnUnknownKinds) {
  ConfigLoad load = load_config_text("pushgate.yaml", "version: 1\nkubernetes: {}\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  ASSERT_TRUE(load.config->kubernetes);
  EXPECT_TRUE(load.config->kubernetes->strict);
  EXPECT_FALSE(load.config->kubernetes->version);
  EXPECT_EQ(load.config->kubernetes->unknown_kinds, UnknownKinds::kWarn);
  EXPECT_FALSE(ConfigLoad(load_config_text("pushgate.yaml", "version: 1\n")).config->kubernetes);
}

TEST(KubernetesConfig, UnquotedVersionSaysQuoteIt) {
  ConfigLoad load = load_config_text("pushgate.yaml", "version: 1\nkubernetes:\n  version: 1.30\n");
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  EXPECT_EQ(load.findings[0].position, (Position{3, 12}));
  EXPECT_NE(load.findings[0].message.find("quote it: \"1.30\""), std::string::npos)
      << load.findings[0].message;
}

TEST(KubernetesConfig, EveryProblemIsPositioned) {
  ConfigLoad load = load_config_text("pushgate.yaml",
                                     "version: 1\n"
                                     "kubernetes:\n"
                                     "  version: \"2.0\"\n"
                                     "  schemas: https://example.com/{{ .ResourceKind }}.json\n"
                                     "  crds: [/does/not/exist]\n"
                                     "  strict: \"yes\"\n"
                                     "  unknown_kind: warn\n"
                                     "  unknown_kinds: maybe\n");
  EXPECT_FALSE(load.config);
  const std::string all = describe(load.findings);
  EXPECT_NE(all.find("3:12 config/invalid `kubernetes.version` must be a Kubernetes version"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("4:12 config/invalid `kubernetes.schemas` must be a list"), std::string::npos)
      << all;
  EXPECT_NE(all.find("5:10 config/invalid `kubernetes.crds[0]` /does/not/exist does not exist"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("6:11 config/invalid `kubernetes.strict` must be true or false"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("did you mean `unknown_kinds`"), std::string::npos) << all;
  EXPECT_NE(all.find("8:18 config/invalid `kubernetes.unknown_kinds` must be one of error, warn, "
                     "ignore"),
            std::string::npos)
      << all;
}

TEST(KubernetesConfig, LocationTemplatesNeedAVersion) {
  ConfigLoad load = load_config_text(
      "pushgate.yaml", "version: 1\nkubernetes:\n  schemas: [\"https://x/{{ .ResourceKind }}\"]\n");
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  EXPECT_EQ(load.findings[0].rule, "config/invalid");
  EXPECT_EQ(load.findings[0].position, (Position{3, 12}));
  EXPECT_NE(load.findings[0].message.find("needs the target version"), std::string::npos);
}

TEST(KubernetesConfig, LocationTemplatesFetchAndCache) {
  ConfigLoad load =
      load_config_text("/etc/pushgate/pushgate.yaml",
                       "version: 1\nkubernetes:\n  version: \"1.30\"\n"
                       "  schemas: [\"https://x/{{ .ResourceKind }}{{ .KindSuffix }}.json\"]\n"
                       "  fetch: always\n  cache: cache\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  const KubernetesConfig& k = *load.config->kubernetes;
  EXPECT_EQ(k.schemas,
            std::vector<std::string>{"https://x/{{ .ResourceKind }}{{ .KindSuffix }}.json"});
  EXPECT_EQ(k.fetch, SchemaFetch::kAlways);
  EXPECT_EQ(k.cache, "/etc/pushgate/cache");
}

TEST(KubernetesConfig, BadLocationTemplatesArePositioned) {
  ConfigLoad load = load_config_text(
      "pushgate.yaml",
      "version: 1\nkubernetes:\n  version: \"1.30\"\n  schemas: [\"https://x/{{ .Kind }}.json\"]\n"
      "  fetch: sometimes\n");
  EXPECT_FALSE(load.config);
  const std::string all = describe(load.findings);
  EXPECT_NE(all.find("4:13 config/invalid `kubernetes.schemas[0]` is not a usable schema location: "
                     "unknown variable `{{ .Kind }}`"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("5:10 config/invalid `kubernetes.fetch` must be one of auto, always, never"),
            std::string::npos)
      << all;
}

TEST(KubernetesConfig, ParsesVersions) {
  EXPECT_EQ(parse_kubernetes_version("1.35")->text(), "1.35");
  EXPECT_EQ(parse_kubernetes_version("v1.30.2")->text(), "1.30");
  EXPECT_FALSE(parse_kubernetes_version("1.3x"));
  EXPECT_FALSE(parse_kubernetes_version("2.1"));
  EXPECT_FALSE(parse_kubernetes_version("1."));
  EXPECT_FALSE(parse_kubernetes_version(""));
}

}  // namespace
}  // namespace pushgate
