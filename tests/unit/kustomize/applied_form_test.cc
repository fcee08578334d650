#include "core/kustomize/applied_form.h"

#include <gtest/gtest.h>

#include <deque>
#include <map>

namespace pushgate {
namespace {

// A tree of parsed files by path, for AppliedForms.
class Files {
 public:
  void add(const std::string& path, const std::string& text) {
    texts_.push_back(text);
    files_.emplace(path, parse_yaml(path, texts_.back(), ParseLimits{}));
  }
  const ParsedFile* read(std::string_view path) const {
    auto it = files_.find(std::string(path));
    return it == files_.end() ? nullptr : &it->second;
  }
  AppliedForms forms() const {
    AppliedForms forms;
    for (const auto& [path, file] : files_) {
      if (path.ends_with("kustomization.yaml")) {
        forms.add_kustomization(path, file, [this](std::string_view p) { return read(p); });
      }
    }
    forms.finish();
    return forms;
  }

 private:
  std::deque<std::string> texts_;
  std::map<std::string, ParsedFile> files_;
};

AppliedObject object(std::string_view api_version, std::string_view kind, std::string_view name,
                     std::string_view ns = "") {
  return AppliedObject{api_version, kind, ns, name, NodeRef()};
}

TEST(AppliedForm, CommonLabelsMakeTheSelectorOfAWorkload) {
  Files files;
  files.add("base/kustomization.yaml", "resources: [deploy.yaml]\ncommonLabels: {app: web}\n");
  files.add("base/deploy.yaml", "kind: Deployment\n");
  const AppliedForms forms = files.forms();
  const auto reach = forms.reaching("base/deploy.yaml");
  ASSERT_EQ(reach.size(), 1u);
  const AppliedObject deploy = object("apps/v1", "Deployment", "web");
  EXPECT_TRUE(fills(reach, deploy, "spec.selector"));
  EXPECT_TRUE(fills(reach, deploy, "spec.selector.matchLabels"));
  EXPECT_TRUE(fills(reach, deploy, "spec.template.metadata.labels"));
  EXPECT_FALSE(fills(reach, deploy, "spec.template.spec.containers"));
  EXPECT_FALSE(fills(reach, deploy, "metadata.namespace"));
  // A ConfigMap has no selector to fill.
  EXPECT_FALSE(fills(reach, object("v1", "ConfigMap", "x"), "spec.selector"));
  EXPECT_EQ(added_template_labels(reach, deploy),
            (std::map<std::string, std::string>{{"app", "web"}}));
  // A file no kustomization lists is applied as written.
  EXPECT_TRUE(forms.reaching("base/other.yaml").empty());
}

TEST(AppliedForm, LabelsOnlyWithIncludeSelectorsTouchSelectors) {
  Files files;
  files.add("a/kustomization.yaml",
            "resources: [d.yaml]\nlabels:\n- pairs: {team: a}\n- pairs: {tier: web}\n"
            "  includeTemplates: true\n");
  files.add("b/kustomization.yaml",
            "resources: [d.yaml]\nlabels:\n- pairs: {app: b}\n  includeSelectors: true\n");
  const AppliedForms forms = files.forms();
  const AppliedObject deploy = object("apps/v1", "Deployment", "web");
  const auto a = forms.reaching("a/d.yaml");
  EXPECT_FALSE(fills(a, deploy, "spec.selector"));
  EXPECT_TRUE(fills(a, deploy, "spec.template.metadata.labels"));
  EXPECT_TRUE(fills(a, deploy, "metadata.labels"));
  EXPECT_EQ(added_template_labels(a, deploy),
            (std::map<std::string, std::string>{{"tier", "web"}}));
  const auto b = forms.reaching("b/d.yaml");
  EXPECT_TRUE(fills(b, deploy, "spec.selector"));
  EXPECT_TRUE(fills(b, object("v1", "Service", "web"), "spec.selector"));
}

TEST(AppliedForm, OverlaysReachTheFilesOfTheirBasesAndComponents) {
  Files files;
  files.add("base/kustomization.yaml", "resources: [deploy.yaml, webhook.yaml]\n");
  files.add("overlays/prod/kustomization.yaml",
            "resources: [../../base]\ncomponents: [../../components/labels]\nnamespace: prod\n");
  files.add("components/labels/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
            "commonLabels: {app: web}\n");
  const AppliedForms forms = files.forms();
  const auto reach = forms.reaching("base/deploy.yaml");
  ASSERT_EQ(reach.size(), 3u);  // base, the overlay, its component
  EXPECT_EQ(reach[0]->origin, "base/kustomization.yaml");
  EXPECT_EQ(reach[1]->origin, "overlays/prod/kustomization.yaml");
  EXPECT_EQ(reach[2]->origin, "components/labels/kustomization.yaml");
  EXPECT_TRUE(fills(reach, object("apps/v1", "Deployment", "web"), "spec.selector"));
  // kustomize's namespace fieldspecs and hacks.
  EXPECT_TRUE(
      fills(reach, object("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "w"),
            "webhooks[].clientConfig.service.namespace"));
  EXPECT_TRUE(fills(reach, object("v1", "Namespace", ""), "metadata.name"));
  EXPECT_FALSE(fills(reach, object("v1", "ConfigMap", ""), "metadata.name"));
  EXPECT_TRUE(fills(reach, object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "c"),
                    "spec.conversion.webhook.clientConfig.service.namespace"));
  EXPECT_TRUE(fills(reach, object("rbac.authorization.k8s.io/v1", "RoleBinding", "r"),
                    "subjects[].namespace"));
}

TEST(AppliedForm, PatchesFillTheFieldsTheySetOnTheirTargetsOnly) {
  Files files;
  files.add("app/kustomization.yaml",
            "resources: [deploy.yaml]\n"
            "patches:\n"
            "- path: selector.yaml\n"
            "- target: {kind: Deployment, name: 'web-.*'}\n"
            "  patch: |-\n"
            "    - op: add\n"
            "      path: /spec/template/spec/containers/0/image\n"
            "      value: nginx\n"
            "    - op: remove\n"
            "      path: /spec/paused\n"
            "patchesStrategicMerge:\n"
            "- |-\n"
            "  kind: Deployment\n"
            "  metadata: {name: api}\n"
            "  spec: {replicas: 2, $patch: merge}\n");
  files.add("app/selector.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
            "spec:\n  selector:\n    matchLabels: {app: web}\n");
  const AppliedForms forms = files.forms();
  const auto reach = forms.reaching("app/deploy.yaml");
  const AppliedObject web = object("apps/v1", "Deployment", "web");
  EXPECT_TRUE(fills(reach, web, "spec.selector"));  // selector.yaml targets web by name
  EXPECT_FALSE(fills(reach, object("apps/v1", "Deployment", "api"), "spec.selector"));
  EXPECT_FALSE(fills(reach, web, "spec.template.spec.containers[].image"));  // web-.* anchored
  EXPECT_TRUE(fills(reach, object("apps/v1", "Deployment", "web-2"),
                    "spec.template.spec.containers[].image"));
  EXPECT_FALSE(fills(reach, object("apps/v1", "Deployment", "web-2"), "spec.paused"));  // removed
  EXPECT_TRUE(fills(reach, object("apps/v1", "Deployment", "api"), "spec.replicas"));
}

TEST(AppliedForm, FluxKustomizationPatchesReachWhatItsPathRenders) {
  const nlohmann::json spec = nlohmann::json::parse(R"({
    "path": "./kubernetes/apps",
    "targetNamespace": "apps",
    "patches": [{
      "patch": "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: _\nspec:\n  interval: 1h\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n",
      "target": {"group": "kustomize.toolkit.fluxcd.io", "kind": "Kustomization"}
    }]
  })");
  Files files;
  files.add("kubernetes/shared/kustomization.yaml", "resources: [ks.yaml]\n");
  files.add("kubernetes/apps/media/kustomization.yaml", "resources: [../../shared]\n");
  AppliedForms forms = files.forms();
  forms.add_flux("./kubernetes/apps", flux_transformation("kubernetes/flux/apps.yaml", spec));
  forms.finish();
  const AppliedObject child = object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "media");
  const auto inside = forms.reaching("kubernetes/apps/media/ks.yaml");
  ASSERT_EQ(inside.size(), 1u);
  EXPECT_TRUE(fills(inside, child, "spec.interval"));
  EXPECT_TRUE(fills(inside, child, "spec.sourceRef.name"));
  EXPECT_TRUE(fills(inside, child, "metadata.namespace"));
  EXPECT_FALSE(fills(inside, child, "spec.path"));
  // The patch targets Flux Kustomizations only.
  EXPECT_FALSE(fills(inside, object("apps/v1", "Deployment", "x"), "spec.interval"));
  // A file outside spec.path, rendered by a kustomization inside it, is reached too.
  EXPECT_TRUE(fills(forms.reaching("kubernetes/shared/ks.yaml"), child, "spec.prune"));
  EXPECT_TRUE(forms.reaching("kubernetes/other/ks.yaml").empty());
}

TEST(AppliedForm, PatchPathsAndGenericPaths) {
  const ParsedFile smp =
      parse_yaml("p.yaml", "spec:\n  containers:\n  - name: a\n    image: b\n", ParseLimits{});
  EXPECT_EQ(patch_paths(smp.documents[0].root()),
            (std::vector<std::string>{"spec", "spec.containers", "spec.containers[].name",
                                      "spec.containers[].image"}));
  const ParsedFile json = parse_yaml(
      "p.yaml", "- {op: replace, path: /metadata/labels/a~1b, value: x}\n- {op: test, path: /a}\n",
      ParseLimits{});
  EXPECT_EQ(patch_paths(json.documents[0].root()),
            (std::vector<std::string>{"metadata.labels.a/b"}));
  EXPECT_EQ(generic_field_path("webhooks[12].clientConfig.service"),
            "webhooks[].clientConfig.service");
  EXPECT_EQ(generic_field_path("metadata.labels[app]"), "metadata.labels[app]");
}

}  // namespace
}  // namespace pushgate
