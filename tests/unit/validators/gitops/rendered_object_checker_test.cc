#include "validators/gitops/rendered_object_checker.h"

#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::MemorySnapshot;

// The build's output is written by hand here, so the mapping is tested on every machine; the
// rule's tests (kustomize_build_rule_test.cc) run the same with the real kustomize.
class NoRule final : public Validator {
 public:
  std::string_view rule() const override { return "test/none"; }
};

std::string deployment(const std::string& name, const std::string& image,
                       const std::string& namespace_line = "") {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n" +
         namespace_line +
         "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n"
         "        image: " +
         image + "\n";
}

// The checker over `files`, with the default config's rules, for one built output.
FindingList check(const std::map<std::string, std::string>& files, const std::string& kustomization,
                  const std::string& output, std::vector<RenderedOrigin> origins = {}) {
  const MemorySnapshot snapshot(files);
  const TreeView tree(snapshot, ParseLimits{});
  const Config config;
  const ValidatorSet validators(config);
  const NoRule self;
  const RunContext run{.files = {}, .ref = "", .commit = {}, .repository = {}, .pusher = {}};
  RenderedObjectChecker checker(validators, self, run);
  KustomizeBuild build;
  build.outcome = KustomizeBuild::Outcome::kBuilt;
  build.output = output;
  build.origins = std::move(origins);
  return checker.check(tree, kustomization, build);
}

TEST(RenderedObjectChecker, KeepsWhatTheBuildIntroducedAndWhereItCameFrom) {
  const std::string output = deployment("p-old", "nginx:latest", "  namespace: prod\n") + "---\n" +
                             deployment("p-web", "nginx:latest", "  namespace: prod\n");
  FindingList found =
      check({{"base/web.yaml", deployment("web", "nginx:1.25")},
             {"base/old.yaml", deployment("old", "nginx:latest")},
             {"prod/kustomization.yaml", "resources: [../base]\n"}},
            "prod/kustomization.yaml", output,
            {RenderedOrigin{"base/old.yaml", ""}, RenderedOrigin{"base/web.yaml", ""}});
  std::erase_if(found, [](const Finding& f) { return f.rule != "k8s/image-latest"; });
  // old.yaml says `latest` itself: its own finding, not repeated. web.yaml's tag was changed.
  ASSERT_EQ(testing::describe_findings(found),
            std::vector<std::string>{"prod/kustomization.yaml:1:1 k8s/image-latest"});
  EXPECT_EQ(found[0].object, "apps/v1/Deployment/prod/p-web");
  EXPECT_EQ(found[0].json_path, "spec.template.spec.containers[0].image");
  EXPECT_EQ(found[0].message.substr(0, 72),
            "`kustomize build prod`: Deployment prod/p-web (from base/web.yaml:1:1): ");
}

TEST(RenderedObjectChecker, OutputThatIsNotYamlIsABuildFinding) {
  const FindingList found = check({{"k/kustomization.yaml", "resources: []\n"}},
                                  "k/kustomization.yaml", "a: [unclosed\n");
  ASSERT_EQ(testing::describe_findings(found),
            std::vector<std::string>{"k/kustomization.yaml:1:1 gitops/kustomize-build"});
}

}  // namespace
}  // namespace pushgate
