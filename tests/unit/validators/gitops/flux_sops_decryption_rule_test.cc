#include "validators/gitops/flux_sops_decryption_rule.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "tests/support/memory_snapshot.h"
#include "tests/support/push_agreement.h"

namespace pushgate {
namespace {

using testing::check_change;
using testing::check_tree;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/flux-sops-decryption";

Config with_sources() {
  Config config;
  config.policies.rules[kRule].options.values["sources"] = std::vector<std::string>{"flux-system"};
  return config;
}

// spec.path at 7:9; spec.decryption (when given) at 10:5.
std::string kustomization(const std::string& path, const std::string& decryption = "",
                          const std::string& source = "flux-system") {
  return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
         "  name: apps\n  namespace: flux-system\nspec:\n  path: " +
         path + "\n  sourceRef: {kind: GitRepository, name: " + source + "}\n" +
         (decryption.empty() ? "" : "  decryption:\n    " + decryption + "\n");
}

const std::string kEncrypted =
    "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: "
    "ENC[AES256_GCM,data:abc]\nsops:\n  lastmodified: \"2026-01-01T00:00:00Z\"\n  mac: "
    "ENC[AES256_GCM,data:def]\n";

TEST(FluxSopsDecryptionRule, ReportsPathsWithEncryptedFilesAndNoSopsDecryption) {
  const MemorySnapshot tree({
      {"apps/secret.sops.yaml", kEncrypted},
      {"apps/deploy.yaml", "kind: ConfigMap\n"},
      {"plain/cm.yaml", "kind: ConfigMap\n"},
      {"k/missing.yaml", kustomization("./apps")},
      {"k/root.yaml", kustomization("./")},
      {"k/ok.yaml", kustomization("./apps", "provider: sops")},
      {"k/wrong.yaml", kustomization("./apps", "provider: vault")},
      {"k/plain.yaml", kustomization("./plain")},
      {"k/other-repo.yaml", kustomization("./apps", "", "platform")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, with_sources()),
            (Strings{"k/missing.yaml:7:9 gitops/flux-sops-decryption",
                     "k/root.yaml:7:9 gitops/flux-sops-decryption",
                     "k/wrong.yaml:10:5 gitops/flux-sops-decryption"}));
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});  // opt-in
  const FindingList findings = testing::check_tree_findings(tree, {}, {}, kRule, with_sources());
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].message,
            "path `./apps` of Kustomization flux-system/apps holds the SOPS-encrypted file "
            "apps/secret.sops.yaml but the Kustomization sets no `spec.decryption` with "
            "`provider: sops`, so Flux would apply it still encrypted; add `decryption: "
            "{provider: sops, secretRef: {name: sops-age}}` (your key's Secret)");
}

TEST(FluxSopsDecryptionRule, WithAKustomizationOnlyRenderedFilesCount) {
  const MemorySnapshot tree({
      {"apps/kustomization.yaml", "resources: [deploy.yaml]\n"},
      {"apps/deploy.yaml", "kind: ConfigMap\n"},
      {"apps/unused.sops.yaml", kEncrypted},  // not rendered
      {"k/apps.yaml", kustomization("./apps")},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule, with_sources()), Strings{});
  const MemorySnapshot listed({
      {"apps/kustomization.yaml", "resources: [deploy.yaml, secrets]\n"},
      {"apps/deploy.yaml", "kind: ConfigMap\n"},
      {"apps/secrets/kustomization.yaml", "resources: [db.sops.yaml]\n"},
      {"apps/secrets/db.sops.yaml", kEncrypted},
      {"k/apps.yaml", kustomization("./apps")},
  });
  EXPECT_EQ(check_tree(listed, {}, {}, kRule, with_sources()),
            Strings{"k/apps.yaml:7:9 gitops/flux-sops-decryption"});
}

TEST(FluxSopsDecryptionRule, APushAddingAnEncryptedFileReportsTheUnchangedKustomization) {
  const std::map<std::string, std::string> files = {
      {"apps/deploy.yaml", "kind: ConfigMap\n"},
      {"k/apps.yaml", kustomization("./apps")},
      {"old/secret.yaml", kEncrypted},
      {"k/old.yaml",
       kustomization("./old").replace(kustomization("./old").find("name: apps"), 10, "name: old")},
  };
  const MemorySnapshot base(files);
  auto edited = files;
  edited["apps/deploy.yaml"] = "kind: ConfigMap\nmetadata: {name: x}\n";
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule, with_sources()), Strings{});
  edited["apps/secret.yaml"] = kEncrypted;
  EXPECT_EQ(check_change(base, MemorySnapshot(edited), kRule, with_sources()),
            Strings{"k/apps.yaml:7:9 gitops/flux-sops-decryption"});
}

TEST(FluxSopsDecryptionRule, PushFindingsAgreeWithFullChecksOnRandomPushes) {
  std::mt19937 random(5);
  const Strings paths = {"apps/a.yaml",
                         "apps/b.yaml",
                         "apps/kustomization.yaml",
                         "infra/c.yaml",
                         "infra/kustomization.yaml",
                         "k/apps.yaml",
                         "k/infra.yaml",
                         "k/root.yaml"};
  auto random_file = [&](const std::string& path) -> std::string {
    if (path.starts_with("k/")) {
      const std::string target = random() % 3 == 0 ? "./" : random() % 2 ? "./apps" : "./infra";
      return kustomization(target, random() % 3 == 0 ? "provider: sops" : "");
    }
    if (path.ends_with("kustomization.yaml")) {
      return random() % 2 ? "resources: [a.yaml, c.yaml]\n" : "resources: [b.yaml]\n";
    }
    return random() % 2 ? kEncrypted : "kind: ConfigMap\n";
  };
  int reported = 0;
  for (int round = 0; round < 150; ++round) {
    const testing::RandomPush change = testing::random_push(random, paths, random_file, 3, 2);
    const MemorySnapshot old_tree(change.before), new_tree(change.after);
    const std::set<std::string> push = testing::expect_push_agrees_with_full_checks(
        old_tree, new_tree, kRule, with_sources(), round, testing::FindingKey::kPositionAndMessage);
    reported += static_cast<int>(push.size());
  }
  EXPECT_GT(reported, 15);  // the rounds exercise the rule
}

}  // namespace
}  // namespace pushgate
