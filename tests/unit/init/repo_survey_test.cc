#include "core/init/repo_survey.h"

#include <gtest/gtest.h>

#include "core/config/config.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::MemorySnapshot;

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) out += f.rule + ": " + f.message + "\n";
  return out;
}

TEST(RepoSurveyTest, RecognisesGitopsToolsAndOddFiles) {
  std::string crds;
  while (crds.size() < 16 * 1024 * 1024 + 512 * 1024) {  // over the 16 MiB default
    crds +=
        "---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        "metadata:\n  name: things.example.com\n";
  }
  const MemorySnapshot tree({
      {"clusters/prod/flux.yaml",
       "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n---\n"
       "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n"},
      {"argo/app.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\n"},
      {"apps/kustomization.yaml", "resources: [deploy.yaml]\n"},
      {"charts/web/Chart.yaml", "apiVersion: v2\nname: web\n"},
      {"charts/web/templates/svc.yaml", "name: {{ .Release.Name }}\n"},
      {"secrets/db.sops.yaml", "data:\n  pw: ENC[AES256_GCM,data:abc]\nsops:\n  version: 3.8.1\n"},
      {".vscode/settings.json", "{\n  // editor settings\n  \"a\": 1\n}\n"},
      {"renovate.json", "{ /* comment */ \"extends\": [] }\n"},
      {"broken.json", "{\"a\": [1,\n"},  // not JSONC: genuinely broken
      {"crds/bundle.yaml", crds},
      {"README.md", "apiVersion: argoproj.io/v1alpha1\n"},  // not a data file
  });
  const RepoSurvey s = survey_repository(tree);
  EXPECT_EQ(s.data_files, 10u);
  EXPECT_EQ(s.flux_objects, 2u);
  EXPECT_EQ(s.argo_objects, 1u);
  EXPECT_EQ(s.kustomizations, 1u);
  EXPECT_EQ(s.helm_charts, std::vector<std::string>{"charts/web"});
  EXPECT_EQ(s.sops_files, 1u);
  EXPECT_EQ(s.jsonc_files, (std::vector<std::string>{".vscode/settings.json", "renovate.json"}));
  ASSERT_EQ(s.large_files.size(), 1u);
  EXPECT_EQ(s.large_files[0].path, "crds/bundle.yaml");
  EXPECT_TRUE(s.large_files[0].crd_bundle);
  EXPECT_EQ(jsonc_excludes(s), (std::vector<std::string>{".vscode/**", "/renovate.json"}));

  // The config written loads, excludes the editor files and raises the size limit.
  const std::string text = init_config_text(s);
  const ConfigLoad load = load_config_text("/repo/.pushgate.yaml", text);
  ASSERT_TRUE(load.config) << describe(load.findings) << text;
  EXPECT_EQ(load.config->files.exclude, (std::vector<std::string>{".vscode/**", "/renovate.json"}));
  EXPECT_EQ(load.config->files.max_size, 18ull * 1024 * 1024);
  EXPECT_NE(text.find("above the default limit of 16MiB"), std::string::npos) << text;
  EXPECT_NE(text.find("Flux: 2 objects"), std::string::npos) << text;
  EXPECT_NE(text.find("CustomResourceDefinitions"), std::string::npos) << text;
}

TEST(RepoSurveyTest, PlainRepositoryGetsTheDefaults) {
  const MemorySnapshot tree(
      std::map<std::string, std::string>{{"a.yaml", "apiVersion: v1\nkind: ConfigMap\n"}});
  const ConfigLoad load =
      load_config_text("/r/.pushgate.yaml", init_config_text(survey_repository(tree)));
  ASSERT_TRUE(load.config) << describe(load.findings);
  EXPECT_TRUE(load.config->files.exclude.empty());
  EXPECT_EQ(load.config->files.max_size, FilesConfig{}.max_size);
}

TEST(RepoSurveyTest, OddPathsAreEscapedInGlobs) {
  RepoSurvey s;
  s.jsonc_files = {"cfg/a[1]*.json"};
  EXPECT_EQ(jsonc_excludes(s), std::vector<std::string>{"/cfg/a\\[1\\]\\*.json"});
  const ConfigLoad load = load_config_text("/r/.pushgate.yaml", init_config_text(s));
  ASSERT_TRUE(load.config) << describe(load.findings);
}

TEST(RepoSurveyTest, ServerConfigLoadsWithProtectionAndAudit) {
  const ConfigLoad load = load_config_text("/etc/pushgate/pushgate.yaml", server_config_text());
  ASSERT_TRUE(load.config) << describe(load.findings);
  const Config& c = *load.config;
  ASSERT_TRUE(c.audit);
  EXPECT_EQ(c.audit->file, "/var/log/pushgate/audit.jsonl");
  ASSERT_EQ(c.refs.size(), 2u);
  EXPECT_EQ(c.validate, ValidateMode::kEveryCommit);
}

}  // namespace
}  // namespace pushgate
