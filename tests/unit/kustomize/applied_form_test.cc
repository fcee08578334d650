#include "core/kustomize/applied_form.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <vector>

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

// kustomize's image transformer (api/filters/imagetag, api/image): the name matches without its
// tag and digest; newTag or digest replaces both as written; newName keeps what it does not set.
TEST(AppliedForm, ImagesSetNameTagAndDigestAsKustomizeDoes) {
  Files files;
  files.add("app/kustomization.yaml",
            "resources: [d.yaml]\nimages:\n"
            "- {name: nginx, newTag: '1.25'}\n"
            "- {name: ghcr.io/acme/web, digest: 'sha256:abc'}\n"
            "- {name: postgres, newName: my.registry:5000/pg}\n"
            "- {name: redis, newTag: '7', digest: 'sha256:def'}\n");
  const AppliedForms forms = files.forms();
  const std::vector<std::vector<const Transformation*>> chains = forms.chains("app/d.yaml");
  ASSERT_EQ(chains.size(), 1u);
  auto image = [&](std::string_view written) { return apply_images(chains[0], written).image; };
  EXPECT_EQ(image("nginx"), "nginx:1.25");
  EXPECT_EQ(image("nginx:latest"), "nginx:1.25");
  EXPECT_EQ(image("nginx@sha256:0123"), "nginx:1.25");  // the tag replaces the digest too
  EXPECT_EQ(image("ghcr.io/acme/web:2.0"), "ghcr.io/acme/web@sha256:abc");
  EXPECT_EQ(image("postgres:16"), "my.registry:5000/pg:16");
  EXPECT_EQ(image("redis:6@sha256:111"), "redis:7@sha256:def");
  // Other names, and names that only start alike, are left alone.
  EXPECT_EQ(image("nginx-proxy:1"), "nginx-proxy:1");
  EXPECT_EQ(image("docker.io/library/nginx"), "docker.io/library/nginx");
  const AppliedImage set = apply_images(chains[0], "nginx");
  ASSERT_NE(set.setting, nullptr);
  EXPECT_EQ(set.by->origin, "app/kustomization.yaml");
  EXPECT_EQ(set.setting->position, (Position{3, 3}));
  EXPECT_EQ(apply_images(chains[0], "busybox").by, nullptr);
}

// Each overlay is a chain of its own; an outer kustomization sees what the inner one made.
TEST(AppliedForm, ChainsRunFromTheBaseToEachTopLevelKustomization) {
  Files files;
  files.add("base/kustomization.yaml",
            "resources: [d.yaml]\nimages: [{name: web, newName: ghcr.io/acme/web}]\n"
            "replicas: [{name: web, count: 1}]\n");
  files.add("prod/kustomization.yaml",
            "resources: [../base]\nnamePrefix: prod-\n"
            "images: [{name: ghcr.io/acme/web, newTag: '2.0'}]\n"
            "replicas: [{name: prod-web, count: 3}]\n");
  files.add("dev/kustomization.yaml", "resources: [../base]\n");
  const AppliedForms forms = files.forms();
  std::vector<std::vector<const Transformation*>> chains = forms.chains("base/d.yaml");
  ASSERT_EQ(chains.size(), 2u);
  std::sort(chains.begin(), chains.end(),
            [](const auto& a, const auto& b) { return a.back()->origin < b.back()->origin; });
  EXPECT_EQ(apply_images(chains[0], "web").image, "ghcr.io/acme/web");        // dev
  EXPECT_EQ(apply_images(chains[1], "web:1").image, "ghcr.io/acme/web:2.0");  // prod
  EXPECT_EQ(apply_replicas(chains[0], "Deployment", "web")->count, 1);
  // The prefixed name matches the outer entry.
  const std::optional<AppliedReplicas> prod = apply_replicas(chains[1], "Deployment", "web");
  ASSERT_TRUE(prod);
  EXPECT_EQ(prod->count, 3);
  EXPECT_EQ(prod->by->origin, "prod/kustomization.yaml");
  // Only kustomize's replica kinds.
  EXPECT_FALSE(apply_replicas(chains[0], "DaemonSet", "web"));
  EXPECT_FALSE(apply_replicas(chains[0], "Deployment", "api"));
  EXPECT_TRUE(forms.chains("elsewhere.yaml").empty());
}

// The namespace an object is applied in: the outermost `namespace` (or targetNamespace) of each
// chain, else as written; unknown when chains disagree. Reach::kBuilt follows a Flux path only
// into what its build renders: not a file beside (or below) a kustomization that does not list
// it, nor a kustomization another one in the folders between would hide.
TEST(AppliedForm, NamespacesAsAppliedAndWhatAFluxBuildReaches) {
  Files files;
  files.add("base/kustomization.yaml", "resources: [d.yaml]\nnamespace: base\n");
  files.add("prod/kustomization.yaml", "resources: [../base]\nnamespace: prod\n");
  files.add("dev/kustomization.yaml", "resources: [../base]\n");
  files.add("apps/x/kustomization.yaml", "resources: [listed.yaml]\n");
  AppliedForms forms = files.forms();
  auto ns = [&](std::string_view file, std::string_view written,
                AppliedForms::Reach reach = AppliedForms::Reach::kUnder) {
    return applied_namespace(forms.chains(file, 64, reach), written);
  };
  EXPECT_EQ(ns("base/d.yaml", "mine"), "");  // prod and base (dev) disagree
  EXPECT_EQ(ns("elsewhere.yaml", "mine"), "mine");
  EXPECT_EQ(applied_namespace({}, "mine", /*truncated=*/true), "");

  Files agree;
  agree.add("base/kustomization.yaml", "resources: [d.yaml]\nnamespace: base\n");
  agree.add("prod/kustomization.yaml", "resources: [../base]\nnamespace: prod\n");
  agree.add("dev/kustomization.yaml", "resources: [../base]\nnamespace: prod\n");
  EXPECT_EQ(applied_namespace(agree.forms().chains("base/d.yaml"), "mine"), "prod");

  // A Flux Kustomization of ./apps with targetNamespace apps (no kustomization at ./apps).
  Transformation flux = flux_transformation("clusters/apps.yaml",
                                            nlohmann::json::parse(R"({"targetNamespace":"apps"})"));
  forms.add_flux("./apps", std::move(flux));
  forms.finish();
  EXPECT_EQ(ns("apps/plain.yaml", ""), "apps");
  EXPECT_EQ(ns("apps/x/listed.yaml", "mine"), "apps");  // x is a folder Flux's build lists
  EXPECT_EQ(ns("apps/x/beside.yaml", "mine"), "apps");  // lenient: under the path
  EXPECT_EQ(ns("apps/x/beside.yaml", "mine", AppliedForms::Reach::kBuilt), "mine");
  EXPECT_EQ(ns("apps/x/y/below.yaml", "", AppliedForms::Reach::kBuilt), "");
  EXPECT_EQ(ns("apps/x/listed.yaml", "mine", AppliedForms::Reach::kBuilt), "apps");
  EXPECT_EQ(ns("apps/plain.yaml", "", AppliedForms::Reach::kBuilt), "apps");
}

// kustomize matches a `replicas` entry against every name the object had on the way (its
// original, previous and current ids), as kubectl kustomize shows (applied_form_oracle_test).
TEST(AppliedForm, ReplicasMatchAnyNameTheObjectHadOnTheWay) {
  Files files;
  files.add("base/kustomization.yaml", "resources: [d.yaml]\n");
  files.add("prod/kustomization.yaml", "resources: [../base]\nnamePrefix: prod-\n");
  files.add("edge/kustomization.yaml",
            "resources: [../prod]\nnameSuffix: -edge\nreplicas: [{name: prod-web, count: 5}]\n");
  const AppliedForms forms = files.forms();
  const std::vector<std::vector<const Transformation*>> chains = forms.chains("base/d.yaml");
  ASSERT_EQ(chains.size(), 1u);
  const std::optional<AppliedReplicas> edge = apply_replicas(chains[0], "Deployment", "web");
  ASSERT_TRUE(edge);  // neither `web` nor `prod-web-edge`: the name between the two overlays
  EXPECT_EQ(edge->count, 5);
  EXPECT_FALSE(apply_replicas(chains[0], "Deployment", "api"));
}

// Argo CD appends a source's `kustomize.patches` (by `path` too) and `components` to the
// kustomization at its path, relative to it, and adds `commonAnnotations`; a path that leaves
// the tree is never read.
TEST(AppliedForm, ArgoPatchesByPathComponentsAndCommonAnnotations) {
  Files files;
  files.add("apps/web/kustomization.yaml", "resources: [deploy.yaml]\n");
  files.add("apps/web/deploy.yaml", "kind: Deployment\n");
  files.add("apps/web/selector.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
            "  selector: {matchLabels: {app: web}}\n");
  files.add("components/ha/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
            "resources: [pdb.yaml]\nreplicas: [{name: web, count: 3}]\n");
  files.add("components/ha/pdb.yaml", "kind: PodDisruptionBudget\n");
  const nlohmann::json kustomize = nlohmann::json::parse(R"({
      "commonAnnotations": {"team": "a"},
      "components": ["../../components/ha", "../../../../../etc", "https://example.com/c"],
      "patches": [{"path": "selector.yaml"},
                  {"path": "../../../../x.yaml", "target": {"kind": "Deployment"}},
                  {"patch": "- {op: add, path: /spec/paused, value: true}",
                   "target": {"kind": "Deployment"}}]})");
  std::vector<std::string> read;
  Transformation t = argo_transformation("argo/web.yaml", kustomize);
  const std::vector<std::string> components =
      add_argo_files(t, "apps/web", kustomize, [&](std::string_view path) {
        read.emplace_back(path);
        return files.read(path);
      });
  EXPECT_EQ(read, std::vector<std::string>{"apps/web/selector.yaml"});  // nothing outside
  EXPECT_EQ(components, std::vector<std::string>{"components/ha"});
  EXPECT_EQ(argo_patch_paths("apps/web", kustomize),
            std::vector<std::string>{"apps/web/selector.yaml"});
  EXPECT_EQ(t.annotations, (std::map<std::string, std::string>{{"team", "a"}}));
  ASSERT_EQ(t.patches.size(), 2u);  // the inline one and the one read by path

  AppliedForms forms;
  for (const char* path : {"apps/web/kustomization.yaml", "components/ha/kustomization.yaml"}) {
    forms.add_kustomization(path, *files.read(path),
                            [&](std::string_view p) { return files.read(p); });
  }
  forms.add_components("apps/web", components);
  forms.add_flux("apps/web", std::move(t));
  forms.finish();
  const std::vector<const Transformation*> reach = forms.reaching("apps/web/deploy.yaml");
  const AppliedObject deploy = object("apps/v1", "Deployment", "web");
  EXPECT_TRUE(fills(reach, deploy, "spec.selector"));  // the patch file's
  EXPECT_TRUE(fills(reach, deploy, "spec.paused"));    // the inline patch's
  EXPECT_TRUE(fills(reach, deploy, "metadata.annotations"));
  EXPECT_TRUE(fills(reach, deploy, "spec.template.metadata.annotations"));
  EXPECT_FALSE(fills(reach, deploy, "spec.template.spec"));
  // The component transforms what the kustomization renders, and renders its own resources.
  const std::vector<std::vector<const Transformation*>> chains =
      forms.chains("apps/web/deploy.yaml");
  ASSERT_EQ(chains.size(), 1u);
  ASSERT_TRUE(apply_replicas(chains[0], "Deployment", "web"));
  EXPECT_EQ(apply_replicas(chains[0], "Deployment", "web")->count, 3);
  EXPECT_EQ(chains[0].back()->origin, "argo/web.yaml");
  const std::vector<std::vector<const Transformation*>> pdb =
      forms.chains("components/ha/pdb.yaml");
  ASSERT_EQ(pdb.size(), 1u);
  EXPECT_EQ(pdb[0].back()->origin, "argo/web.yaml");
  std::vector<std::string> rendered;
  for (const AppliedForms::Rendered& r : forms.render("apps/web")) rendered.push_back(r.file);
  EXPECT_EQ(rendered, (std::vector<std::string>{"apps/web/deploy.yaml", "components/ha/pdb.yaml"}));
}

// Argo CD's `spec.source.kustomize` as `kustomize edit set ...` reads it.
TEST(AppliedForm, ArgoKustomizeOptionsAsKustomizeEditReadsThem) {
  const Transformation t = argo_transformation("apps/web.yaml", nlohmann::json::parse(R"({
        "namePrefix": "prod-", "namespace": "web", "commonLabels": {"team": "a"},
        "images": ["nginx:1.25", "web=ghcr.io/acme/web:2.0", "redis@sha256:abc",
                   "db=registry.local:5000/db"],
        "replicas": [{"name": "web", "count": 3}, {"name": "api", "count": "2"},
                     {"name": "bad", "count": "x"}],
        "patches": [{"target": {"kind": "Deployment"},
                     "patch": "- op: add\n  path: /spec/paused\n  value: true\n"}]})"));
  EXPECT_EQ(t.name_prefix, "prod-");
  EXPECT_EQ(t.namespace_, "web");
  EXPECT_EQ(t.selector_labels, (std::map<std::string, std::string>{{"team", "a"}}));
  ASSERT_EQ(t.images.size(), 4u);
  EXPECT_EQ(t.images[0].name, "nginx");
  EXPECT_EQ(t.images[0].new_tag, "1.25");
  EXPECT_EQ(t.images[1].name, "web");
  EXPECT_EQ(t.images[1].new_name, "ghcr.io/acme/web");
  EXPECT_EQ(t.images[1].new_tag, "2.0");
  EXPECT_EQ(t.images[2].digest, "sha256:abc");
  EXPECT_EQ(t.images[3].new_name, "registry.local:5000/db");
  EXPECT_EQ(t.images[3].new_tag, "");
  ASSERT_EQ(t.replicas.size(), 2u);
  EXPECT_EQ(t.replicas[1].count, 2);
  ASSERT_EQ(t.patches.size(), 1u);
  EXPECT_EQ(t.patches[0].paths, std::vector<std::string>{"spec.paused"});
  const Transformation plain =
      argo_transformation("a.yaml", nlohmann::json::parse(R"({"commonLabels": {"a": "b"},
                                          "labelWithoutSelector": true})"));
  EXPECT_TRUE(plain.selector_labels.empty());
  EXPECT_EQ(plain.labels.size(), 1u);
}

// An Argo CD source (or a Flux Kustomization) applies after the top-level kustomization at its
// path: one chain per such applier.
TEST(AppliedForm, ChainsEndWithTheAppliersOfTheirPath) {
  Files files;
  files.add("apps/web/kustomization.yaml", "resources: [d.yaml]\n");
  AppliedForms forms;
  forms.add_kustomization("apps/web/kustomization.yaml", *files.read("apps/web/kustomization.yaml"),
                          [&](std::string_view p) { return files.read(p); });
  forms.add_flux(
      "apps/web",
      argo_transformation("argo/prod.yaml", nlohmann::json::parse(R"({"images": ["nginx:1"]})")));
  forms.add_flux(
      "./apps",
      argo_transformation("argo/dev.yaml", nlohmann::json::parse(R"({"images": ["nginx:2"]})")));
  forms.finish();
  const auto chains = forms.chains("apps/web/d.yaml");
  ASSERT_EQ(chains.size(), 2u);
  EXPECT_EQ(apply_images(chains[0], "nginx").image, "nginx:1");
  EXPECT_EQ(apply_images(chains[1], "nginx").image, "nginx:2");
  EXPECT_EQ(apply_images(chains[1], "nginx").by->origin, "argo/dev.yaml");
  // A loose file under an applier's path gets that applier alone.
  EXPECT_EQ(forms.chains("apps/loose.yaml").size(), 1u);
  EXPECT_TRUE(forms.chains("other/x.yaml").empty());
}

}  // namespace
}  // namespace pushgate

namespace pushgate {
namespace {

// patch_applies compares plain-name targets as strings rather than compiling them: for every
// pattern, the answer must be RE2's full match (or, for a pattern RE2 rejects, equality).
TEST(PatchTargetMatch, PlainNamesAnswerAsTheRegularExpressionWould) {
  const std::vector<std::string> names = {"web", "my-app", "a.b", "ns/x", "a b",
                                          "x_y", "café",   "",    "a+b",  "web2"};
  std::vector<std::string> patterns = {"web",   "web.*", "we.",   "my-app", "my\\-app", "a\\.b",
                                       "a.b",   "x\\_y", "x_y",   "\\d",    "web\\d",   "a\\ b",
                                       "(web)", "[w]eb", "web|x", "a\\+b",  "a+b",      "café",
                                       "\\",    "web\\", "^web$", "a{1}",   "ns/x",     "ns\\/x"};
  for (const std::string& name : names) patterns.push_back(RE2::QuoteMeta(name));
  for (const std::string& pattern : patterns) {
    if (pattern.empty()) continue;  // "" targets any object
    const RE2 re(pattern, RE2::Quiet);
    for (const std::string& value : names) {
      FieldPatch patch;
      patch.name = pattern;
      AppliedObject object;
      object.kind = "Deployment";
      object.name = value;
      const bool expected = re.ok() ? RE2::FullMatch(value, re) : pattern == value;
      EXPECT_EQ(patch_applies(patch, object), expected)
          << "pattern " << pattern << ", name " << value;
    }
  }
}

}  // namespace
}  // namespace pushgate
