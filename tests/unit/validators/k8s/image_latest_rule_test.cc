#include "validators/k8s/image_latest_rule.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/support/memory_snapshot.h"
#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::check_change;
using testing::check_tree;
using testing::expect_fixture;
using testing::MemorySnapshot;

TEST(ImageLatestRule, Fixture) {
  expect_fixture(ImageLatestRule(), "k8s/image-latest.yaml");
}

// Issue 13, class 2: the image kustomize applies is judged (`images:` of every kustomization on
// the way, init containers too), and a wrong value an `images` entry sets is reported at it.
const char kDeploy[] =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
    "    spec:\n      initContainers: [{name: init, image: busybox}]\n"
    "      containers: [{name: web, image: nginx}]\n";

std::map<std::string, std::string> overlays(const std::string& dev_tag) {
  return {{"base/deploy.yaml", kDeploy},
          {"base/kustomization.yaml",
           "resources: [deploy.yaml]\nimages:\n- {name: nginx, newTag: '1.25'}\n"
           "- {name: busybox, digest: 'sha256:0123'}\n"},
          {"dev/kustomization.yaml",
           "resources: [../base]\nimages:\n- {name: nginx, newTag: " + dev_tag + "}\n"},
          {"prod/kustomization.yaml", "resources: [../base]\n"}};
}

TEST(ImageLatestRule, JudgesTheImageKustomizeApplies) {
  EXPECT_TRUE(check_tree(MemorySnapshot(overlays("'1.26'")), {}, {}, "k8s/image-latest").empty());
  const std::vector<std::string> latest{"dev/kustomization.yaml:3:3 k8s/image-latest"};
  EXPECT_EQ(check_tree(MemorySnapshot(overlays("latest")), {}, {}, "k8s/image-latest"), latest);
  // A push that changes only the overlay is judged on the files the overlay renders.
  EXPECT_EQ(check_change(MemorySnapshot(overlays("'1.26'")), MemorySnapshot(overlays("latest")),
                         "k8s/image-latest"),
            latest);
  // Without the kustomizations, both images are reported where they are written.
  EXPECT_EQ(
      check_tree(MemorySnapshot(std::map<std::string, std::string>{{"base/deploy.yaml", kDeploy}}),
                 {}, {}, "k8s/image-latest"),
      (std::vector<std::string>{"base/deploy.yaml:8:39 k8s/image-latest",
                                "base/deploy.yaml:7:44 k8s/image-latest"}));
  // An image some way of applying leaves alone keeps its finding at the manifest: busybox in
  // both overlays, nginx through prod (only dev pins it).
  std::map<std::string, std::string> files = overlays("'1.26'");
  files["base/kustomization.yaml"] =
      "resources: [deploy.yaml]\nimages: [{name: redis, newTag: '7'}]\n";
  EXPECT_EQ(check_tree(MemorySnapshot(files), {}, {}, "k8s/image-latest"),
            (std::vector<std::string>{"base/deploy.yaml:8:39 k8s/image-latest",
                                      "base/deploy.yaml:7:44 k8s/image-latest"}));
}

TEST(ImageLatestRule, TheFindingAtAnImagesEntryNamesTheObjectAndItsFile) {
  const FindingList out =
      testing::check_tree_findings(MemorySnapshot(overlays("latest")), {}, {}, "k8s/image-latest");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].message,
            "container \"web\" uses image `nginx:latest`, which may change under it; pin a version "
            "tag or a digest (this `images` entry sets it for Deployment web in base/deploy.yaml)");
  EXPECT_EQ(out[0].json_path, "spec.template.spec.containers[0].image");
  EXPECT_EQ(out[0].object, "apps/v1/Deployment//web");
}

// Argo CD's spec.source.kustomize.images set the image of what its path renders, and a wrong
// one is reported at the Application's list item.
TEST(ImageLatestRule, JudgesTheImagesOfAnArgoApplicationsKustomizeOptions) {
  auto tree = [](const std::string& image) {
    return MemorySnapshot(
        {{"apps/web/deploy.yaml", kDeploy},
         {"apps/web/kustomization.yaml", "resources: [deploy.yaml]\n"},
         {"argo/web.yaml",
          "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
          "  project: default\n  source:\n    repoURL: https://git.example.com/apps.git\n"
          "    path: apps/web\n    kustomize:\n      images:\n        - busybox:1.36\n"
          "        - " +
              image + "\n"}});
  };
  EXPECT_TRUE(check_tree(tree("nginx:1.27"), {}, {}, "k8s/image-latest").empty());
  EXPECT_EQ(check_tree(tree("nginx:latest"), {}, {}, "k8s/image-latest"),
            std::vector<std::string>{"argo/web.yaml:12:11 k8s/image-latest"});
}

// An ApplicationSet's template (spec.template.spec.source) applies like an Application's where
// its path and kustomize options are literal: every Application it generates gets the same. A
// templated path or option is not applied: the files are judged as written.
TEST(ImageLatestRule, JudgesTheImagesOfAnApplicationSetTemplateWithALiteralPath) {
  auto tree = [](const std::string& path, const std::string& image) {
    return MemorySnapshot(
        {{"apps/web/deploy.yaml", kDeploy},
         {"apps/web/kustomization.yaml", "resources: [deploy.yaml]\n"},
         {"argo/web.yaml",
          "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: web}\n"
          "spec:\n  generators: [{list: {elements: [{cluster: a}]}}]\n  template:\n"
          "    metadata: {name: 'web-{{cluster}}'}\n    spec:\n      project: default\n"
          "      source:\n        repoURL: https://git.example.com/apps.git\n"
          "        path: " +
              path +
              "\n        kustomize:\n          images:\n            - busybox:1.36\n"
              "            - " +
              image + "\n"}});
  };
  const MemorySnapshot clean = tree("apps/web", "nginx:1.27");
  EXPECT_TRUE(check_tree(clean, {}, {}, "k8s/image-latest").empty());
  const MemorySnapshot latest = tree("apps/web", "nginx:latest");
  EXPECT_EQ(check_tree(latest, {}, {}, "k8s/image-latest"),
            std::vector<std::string>{"argo/web.yaml:16:15 k8s/image-latest"});
  // A push that changes only the ApplicationSet re-judges what its path renders.
  EXPECT_EQ(check_change(clean, latest, "k8s/image-latest"),
            std::vector<std::string>{"argo/web.yaml:16:15 k8s/image-latest"});
  EXPECT_TRUE(check_change(latest, clean, "k8s/image-latest").empty());
  // Templated: as written (nginx and busybox without a tag), as with no ApplicationSet at all.
  const std::vector<std::string> as_written =
      check_tree(MemorySnapshot({{"apps/web/deploy.yaml", kDeploy},
                                 {"apps/web/kustomization.yaml", "resources: [deploy.yaml]\n"}}),
                 {}, {}, "k8s/image-latest");
  ASSERT_EQ(as_written.size(), 2u);
  EXPECT_EQ(check_tree(tree("'{{path.path}}'", "nginx:1.27"), {}, {}, "k8s/image-latest"),
            as_written);
  EXPECT_EQ(check_tree(tree("apps/web", "'nginx:{{values.tag}}'"), {}, {}, "k8s/image-latest"),
            as_written);
}

// Incremental equals full (issue 13): a push that changes only an Argo CD Application's
// spec.source.kustomize, or only a Flux Kustomization's spec.images, re-judges the unchanged
// files its path renders, and reports what a full check of the new tree reports.
TEST(ImageLatestRule, APushThatChangesOnlyTheApplierIsJudgedOnWhatItRenders) {
  const std::string argo =
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
      "  project: default\n  source:\n    repoURL: https://git.example.com/apps.git\n"
      "    path: apps/web\n    kustomize:\n      images: [busybox:1.36, ";
  const std::string flux =
      "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
      "metadata: {name: web, namespace: flux-system}\nspec:\n  interval: 10m\n"
      "  path: ./clusters/web\n  prune: true\n"
      "  sourceRef: {kind: GitRepository, name: flux-system}\n  images:\n"
      "  - {name: busybox, newTag: '1.36'}\n  - {name: nginx, newTag: '";
  auto tree = [&](const std::string& argo_image, const std::string& flux_tag) {
    return MemorySnapshot({{"apps/web/deploy.yaml", kDeploy},
                           {"apps/web/kustomization.yaml", "resources: [deploy.yaml]\n"},
                           {"argo/web.yaml", argo + argo_image + "]\n"},
                           {"clusters/web/deploy.yaml", kDeploy},
                           {"flux/web.yaml", flux + flux_tag + "'}\n"}});
  };
  const MemorySnapshot clean = tree("nginx:1.27", "1.27");
  ASSERT_TRUE(check_tree(clean, {}, {}, "k8s/image-latest").empty());
  for (const auto& [after, expected] :
       {std::pair{tree("nginx:latest", "1.27"),
                  std::string("argo/web.yaml:10:30 k8s/image-latest")},
        std::pair{tree("nginx:1.27", "latest"),
                  std::string("flux/web.yaml:11:5 k8s/image-latest")}}) {
    const std::vector<std::string> full = check_tree(after, {}, {}, "k8s/image-latest");
    EXPECT_EQ(full, std::vector<std::string>{expected});
    EXPECT_EQ(check_change(clean, after, "k8s/image-latest"), full);
    // And back: fixing it is a clean push.
    EXPECT_TRUE(check_change(after, clean, "k8s/image-latest").empty());
  }
}

// A component an Application adds (spec.source.kustomize.components, relative to its path)
// transforms what the kustomization there renders: its `images` entry is judged there.
TEST(ImageLatestRule, JudgesTheImagesOfAComponentAnArgoApplicationAdds) {
  auto tree = [](const std::string& tag) {
    return MemorySnapshot(
        {{"apps/web/deploy.yaml", kDeploy},
         {"apps/web/kustomization.yaml", "resources: [deploy.yaml]\n"},
         {"components/pin/kustomization.yaml",
          "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n"
          "- {name: busybox, newTag: '1.36'}\n- {name: nginx, newTag: '" +
              tag + "'}\n"},
         {"argo/web.yaml",
          "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
          "  project: default\n  source:\n    repoURL: https://git.example.com/apps.git\n"
          "    path: apps/web\n    kustomize:\n      components: [../../components/pin]\n"}});
  };
  EXPECT_TRUE(check_tree(tree("1.27"), {}, {}, "k8s/image-latest").empty());
  EXPECT_EQ(check_tree(tree("latest"), {}, {}, "k8s/image-latest"),
            std::vector<std::string>{"components/pin/kustomization.yaml:5:3 k8s/image-latest"});
}

}  // namespace
}  // namespace pushgate
