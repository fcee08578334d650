// The Kubernetes schema validator over whole runs: a real 1.35 store, CRDs pushed together with
// their custom resources, unknown kinds per config, Kustomize patches as partial objects.
#include "validators/schema/kubernetes_schema_validator.h"

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <set>

#include "core/rule_docs/rule_pages.h"
#include "core/schema_store/schema_importer.h"
#include "test_paths.h"
#include "tests/support/memory_snapshot.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::read_file;
using testing::TempDir;

std::string shared(const std::string& path) {
  return std::string(PUSHGATE_SHARED_DIR) + "/" + path;
}

// One store for the whole suite: importing costs a second, and nothing writes to it afterwards.
const std::string& store() {
  static const TempDir* dir = [] {
    auto* d = new TempDir();
    // Every document: a store with only some group/versions is incomplete (schema/store).
    Result<ImportReport> r = import_schemas(shared("kubernetes/openapi/v1.35/v3"), {d->path(), {}});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return d;
  }();
  return dir->path();
}

class ObjectRun {
 public:
  ObjectRun& file(const std::string& path, const std::string& text) {
    texts_.push_back(text);
    files_.push_back(parse_yaml(path, texts_.back(), ParseLimits{}));
    return *this;
  }
  FindingList check(const KubernetesConfig& config) {
    std::vector<FileContext> contexts;
    for (std::size_t i = 0; i < files_.size(); ++i) contexts.push_back({files_[i], texts_[i]});
    FindingList out;
    KubernetesSchemaValidator(config, "pushgate.yaml")
        .check_run(RunContext{contexts, "", "", "", ""}, out);
    return out;
  }

 private:
  std::deque<std::string> texts_;
  std::deque<ParsedFile> files_;
};

KubernetesConfig config_with_store() {
  KubernetesConfig config;
  config.version = KubernetesVersion{1, 35};
  config.schemas = {store()};
  return config;
}

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.path + ":" + std::to_string(f.position.line) + ":" +
           std::to_string(f.position.column) + " " + f.rule + " [" + f.json_path + "] " +
           f.message + "\n";
  }
  return out;
}

const char* kDeployment =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n"
    "  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n"
    "    metadata: {labels: {app: web}}\n    spec:\n      containers:\n"
    "        - name: web\n          image: web:1\n";

TEST(KubernetesSchemaValidator, ValidObjectsPassAndErrorsNameTheObjectAndPosition) {
  EXPECT_TRUE(ObjectRun().file("web.yaml", kDeployment).check(config_with_store()).empty());
  std::string broken = kDeployment;
  broken.replace(broken.find("replicas: 3"), 11, "replicas: \"3\"");
  broken += "          imagePullPolcy: Always\n";
  FindingList out = ObjectRun().file("apps/web.yaml", broken).check(config_with_store());
  ASSERT_EQ(out.size(), 2u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/type");
  EXPECT_EQ(out[0].position, (Position{5, 13}));
  EXPECT_EQ(out[0].json_path, "spec.replicas");
  EXPECT_EQ(out[0].object, "apps/v1/Deployment/shop/web");
  EXPECT_EQ(out[0].message.rfind("Deployment shop/web: ", 0), 0u) << out[0].message;
  EXPECT_EQ(out[1].rule, "schema/additional-property");
  EXPECT_EQ(out[1].position, (Position{13, 11}));
  EXPECT_NE(out[1].message.find("did you mean"), std::string::npos) << out[1].message;
}

TEST(KubernetesSchemaValidator, StrictCanBeTurnedOff) {
  std::string extra = std::string(kDeployment) + "          imagePullPolcy: Always\n";
  KubernetesConfig config = config_with_store();
  config.strict = false;
  EXPECT_TRUE(ObjectRun().file("web.yaml", extra).check(config).empty());
}

TEST(KubernetesSchemaValidator, ACrdAndItsResourcesPushedTogetherWork) {
  const std::string crd =
      read_file(shared("crds/flux-v2.9.0/helm.toolkit.fluxcd.io_helmreleases.yaml"));
  const std::string release =
      "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo}\n"
      "spec:\n  interval: 5m\n  chart:\n    spec:\n      chart: podinfo\n"
      "      sourceRef: {kind: HelmRepository, name: podinfo}\n  intervl: 1m\n";
  FindingList out = ObjectRun()
                        .file("crds/helmrelease.yaml", crd)
                        .file("apps/podinfo.yaml", release)
                        .check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/additional-property");
  EXPECT_EQ(out[0].path, "apps/podinfo.yaml");
  EXPECT_EQ(out[0].position, (Position{10, 3}));
  // Without the CRD in the run the kind is unknown: a warning by default.
  FindingList alone = ObjectRun().file("apps/podinfo.yaml", release).check(config_with_store());
  ASSERT_EQ(alone.size(), 1u) << describe(alone);
  EXPECT_EQ(alone[0].rule, "schema/unknown-kind");
  EXPECT_EQ(alone[0].severity, Severity::kWarning);
}

TEST(KubernetesSchemaValidator, ConfiguredCrdFoldersAreUsed) {
  KubernetesConfig config = config_with_store();
  config.crds = {shared("crds/flux-v2.9.0")};
  FindingList out = ObjectRun()
                        .file("a.yaml",
                              "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
                              "metadata: {name: a}\nspec: {interval: 1m, url: 42}\n")
                        .check(config);
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/type");
  EXPECT_EQ(out[0].json_path, "spec.url");
}

TEST(KubernetesSchemaValidator, UnknownKindsFollowTheConfig) {
  const std::string text = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n";
  KubernetesConfig config = config_with_store();
  config.unknown_kinds = UnknownKinds::kError;
  FindingList out = ObjectRun().file("w.yaml", text).check(config);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, Severity::kError);
  EXPECT_EQ(out[0].position, (Position{2, 7}));
  config.unknown_kinds = UnknownKinds::kIgnore;
  EXPECT_TRUE(ObjectRun().file("w.yaml", text).check(config).empty());
}

// Issue 13, class 10: an unknown kind in a built-in group is a mistake (the store holds every kind
// of apps/v1), an error with the nearest kind; other groups keep kubernetes.unknown_kinds.
TEST(KubernetesSchemaValidator, UnknownKindInABuiltinGroupIsAnErrorWithDidYouMean) {
  const std::string text =
      "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\nspec: {}\n";
  FindingList out = ObjectRun().file("web.yaml", text).check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/unknown-kind");
  EXPECT_EQ(out[0].severity, Severity::kError);
  EXPECT_EQ(out[0].position, (Position{2, 7}));
  EXPECT_NE(out[0].message.find("unknown kind Deploymnet in apps/v1"), std::string::npos)
      << out[0].message;
  EXPECT_NE(out[0].message.find("did you mean `Deployment`?"), std::string::npos) << out[0].message;
  // Core v1 is built in too; a group the store does not hold stays a warning.
  out = ObjectRun()
            .file("cm.yaml", "apiVersion: v1\nkind: ConfigMapp\nmetadata: {name: c}\n")
            .check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_NE(out[0].message.find("did you mean `ConfigMap`?"), std::string::npos) << out[0].message;
  out = ObjectRun()
            .file("w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")
            .check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].severity, Severity::kWarning);
}

// Issue 13, class 10: kubectl apply and Flux refuse an object without metadata.name;
// generateName alone is for kubectl create and is not reported.
TEST(KubernetesSchemaValidator, AnObjectWithoutANameIsAnError) {
  FindingList out = ObjectRun()
                        .file("cm.yaml",
                              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                              "  namespace: shop\ndata: {a: b}\n")
                        .check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/required");
  EXPECT_EQ(out[0].position, (Position{4, 3}));
  EXPECT_EQ(out[0].json_path, "metadata.name");
  EXPECT_NE(out[0].message.find("has no metadata.name"), std::string::npos) << out[0].message;
  out = ObjectRun()
            .file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: c-}\n")
            .check(config_with_store());
  EXPECT_TRUE(out.empty()) << describe(out);
}

// Issue 13, class 5: a SOPS-encrypted Secret: its `sops` metadata is not a field of the object,
// and ENC[...] values stand for whatever they decrypt to. Without the MAC it is no SOPS file.
TEST(KubernetesSchemaValidator, SopsDocumentsAreJudgedAsDecrypted) {
  const std::string secret =
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n"
      "immutable: ENC[AES256_GCM,data:dHJ1ZQ==,iv:x,tag:y,type:bool]\n"
      "stringData:\n  password: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]\n"
      "sops:\n  age: []\n  lastmodified: \"2024-01-01T00:00:00Z\"\n"
      "  mac: ENC[AES256_GCM,data:m,iv:x,tag:y,type:str]\n  version: 3.8.1\n";
  FindingList out = ObjectRun().file("secret.sops.yaml", secret).check(config_with_store());
  EXPECT_TRUE(out.empty()) << describe(out);
  std::string plain = secret;
  plain.replace(plain.find("  mac:"), plain.find("  version:") - plain.find("  mac:"), "");
  out = ObjectRun().file("secret.yaml", plain).check(config_with_store());
  ASSERT_EQ(out.size(), 2u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/type");
  EXPECT_EQ(out[0].position, (Position{6, 12}));
  EXPECT_EQ(out[1].rule, "schema/additional-property");
  EXPECT_EQ(out[1].position, (Position{9, 1}));
}

// Issue 13, class 4: Flux substitutes ${VAR} placeholders before applying; their value is not
// known here, so they pass type/enum/format checks. Unknown fields stay errors.
TEST(KubernetesSchemaValidator, FluxPlaceholdersPassTypeChecks) {
  std::string deployment = kDeployment;
  deployment.replace(deployment.find("replicas: 3"), 11, "replicas: ${REPLICAS:=2}");
  FindingList out = ObjectRun().file("web.yaml", deployment).check(config_with_store());
  EXPECT_TRUE(out.empty()) << describe(out);
  deployment.replace(deployment.find("replicas: ${REPLICAS:=2}"), 24, "replicas: $${REPLICAS}");
  out = ObjectRun().file("web.yaml", deployment).check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);  // escaped: a literal string
  EXPECT_EQ(out[0].rule, "schema/type");
}

TEST(KubernetesSchemaValidator, KustomizePatchesArePartialObjects) {
  const std::string patch =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 5\n"
      "  $retainKeys: [replicas]\n";
  const std::string kustomization =
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base]\n"
      "patches:\n  - path: replicas.yaml\npatchesStrategicMerge: [../other/patch.yaml]\n";
  KubernetesConfig config = config_with_store();
  config.unknown_kinds = UnknownKinds::kError;  // kustomize's own kinds are no API objects
  EXPECT_TRUE(ObjectRun()
                  .file("overlays/prod/kustomization.yaml", kustomization)
                  .file("overlays/prod/replicas.yaml", patch)
                  .file("overlays/other/patch.yaml", patch)
                  .check(config)
                  .empty());
  // A patch still gets its types checked, and the same object outside a patch is whole.
  std::string bad = patch;
  bad.replace(bad.find("5"), 1, "five");
  FindingList out = ObjectRun()
                        .file("overlays/prod/kustomization.yaml", kustomization)
                        .file("overlays/prod/replicas.yaml", bad)
                        .file("base/web.yaml", patch)
                        .check(config);
  ASSERT_GE(out.size(), 2u) << describe(out);
  EXPECT_EQ(out[0].path, "overlays/prod/replicas.yaml");
  EXPECT_EQ(out[0].rule, "schema/type");
  bool directive_reported = false;
  for (std::size_t k = 1; k < out.size(); ++k) {
    EXPECT_EQ(out[k].path, "base/web.yaml");
    directive_reported |= out[k].rule == "schema/additional-property";
  }
  EXPECT_TRUE(directive_reported) << "$retainKeys outside a patch is an unknown field";
}

// A push that changes only the patch: its kustomization is in the tree, not in the run.
TEST(KubernetesSchemaValidator, PatchPushedAloneIsStillAPartialObject) {
  const std::string patch =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 5\n";
  const pushgate::testing::MemorySnapshot tree(
      {{"overlays/prod/kustomization.yaml", "resources: [../base]\npatches: [{path: r.yaml}]\n"},
       {"overlays/prod/r.yaml", patch},
       {"other/r.yaml", patch}});
  KubernetesConfig config = config_with_store();
  std::deque<std::string> texts = {patch, patch};
  const ParsedFile in_overlay = parse_yaml("overlays/prod/r.yaml", texts[0], ParseLimits{});
  const ParsedFile elsewhere = parse_yaml("other/r.yaml", texts[1], ParseLimits{});
  const std::vector<FileContext> files = {{in_overlay, texts[0]}, {elsewhere, texts[1]}};
  const TreeView view(tree, ParseLimits{});
  RunContext run{files, "", "", "", ""};
  run.tree = &view;
  FindingList out;
  KubernetesSchemaValidator(config, "pushgate.yaml").check_run(run, out);
  // Only the file no kustomization patches with is a whole object missing selector and template.
  ASSERT_FALSE(out.empty());
  for (const Finding& f : out) EXPECT_EQ(f.path, "other/r.yaml") << describe(out);
}

// Argo CD's spec.source.kustomize.patches by `path` (relative to the source's path) fill fields,
// and the patch file is a partial object, not judged for required fields.
TEST(KubernetesSchemaValidator, ArgoPatchesByPathFillFieldsAndArePartial) {
  const std::string application =
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n"
      "  project: default\n  destination: {server: https://kubernetes.default.svc}\n"
      "  source:\n    repoURL: https://git.example.com/apps.git\n    path: apps/web\n"
      "    kustomize:\n      patches:\n      - path: selector.yaml\n";
  const std::string deployment =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
      "    spec:\n      containers: [{name: web, image: web:1}]\n";
  const std::string patch =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
      "  selector: {matchLabels: {app: web}}\n";
  FindingList out = ObjectRun()
                        .file("argo/web.yaml", application)
                        .file("apps/web/kustomization.yaml", "resources: [deploy.yaml]\n")
                        .file("apps/web/deploy.yaml", deployment)
                        .file("apps/web/selector.yaml", patch)
                        .check(config_with_store());
  for (const Finding& f : out) {
    EXPECT_NE(f.path, "apps/web/deploy.yaml") << describe(out);
    EXPECT_NE(f.path, "apps/web/selector.yaml") << describe(out);
  }
  // Without the Application both are whole objects missing fields.
  out = ObjectRun()
            .file("apps/web/kustomization.yaml", "resources: [deploy.yaml]\n")
            .file("apps/web/deploy.yaml", deployment)
            .file("apps/web/selector.yaml", patch)
            .check(config_with_store());
  std::set<std::string> paths;
  for (const Finding& f : out) paths.insert(f.path);
  EXPECT_EQ(paths, (std::set<std::string>{"apps/web/deploy.yaml", "apps/web/selector.yaml"}))
      << describe(out);
}

// Issue 13, class 2: a base Deployment without spec.selector, whose kustomization has
// commonLabels, is valid once built; without them the finding stays at the source line.
TEST(KubernetesSchemaValidator, FieldsTransformersFillAreNotMissing) {
  const std::string deployment =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
      "    spec:\n      containers: [{name: web, image: web:1}]\n";
  FindingList out =
      ObjectRun()
          .file("base/kustomization.yaml", "resources: [deploy.yaml]\ncommonLabels: {app: web}\n")
          .file("base/deploy.yaml", deployment)
          .check(config_with_store());
  EXPECT_TRUE(out.empty()) << describe(out);
  // Through an overlay's `labels` with includeSelectors, two folders up.
  out = ObjectRun()
            .file("base/kustomization.yaml", "resources: [deploy.yaml]\n")
            .file("overlays/prod/kustomization.yaml",
                  "resources: [../../base]\nlabels:\n- pairs: {app: web}\n"
                  "  includeSelectors: true\n")
            .file("base/deploy.yaml", deployment)
            .check(config_with_store());
  EXPECT_TRUE(out.empty()) << describe(out);
  // `labels` without includeSelectors make no selector: still missing, at the source line.
  out = ObjectRun()
            .file("base/kustomization.yaml",
                  "resources: [deploy.yaml]\nlabels:\n- pairs: {app: web}\n")
            .file("base/deploy.yaml", deployment)
            .check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/required");
  EXPECT_EQ(out[0].path, "base/deploy.yaml");
  EXPECT_EQ(out[0].position, (Position{5, 3}));  // the spec mapping, as written
  // A webhook's Service namespace comes from the kustomization's namespace.
  const std::string webhook =
      "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\n"
      "metadata: {name: w}\nwebhooks:\n- name: w.example.com\n  admissionReviewVersions: [v1]\n"
      "  sideEffects: None\n  clientConfig:\n    service: {name: hook}\n";
  out = ObjectRun()
            .file("hook/kustomization.yaml", "namespace: hooks\nresources: [hook.yaml]\n")
            .file("hook/hook.yaml", webhook)
            .check(config_with_store());
  EXPECT_TRUE(out.empty()) << describe(out);
  out = ObjectRun().file("hook/hook.yaml", webhook).check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/required");
  EXPECT_EQ(out[0].position, (Position{9, 14}));
}

// Issue 13, class 3: a parent Flux Kustomization's spec.patches fill interval, prune and
// sourceRef of every child in its spec.path; a child elsewhere is judged as written.
TEST(KubernetesSchemaValidator, FluxParentPatchesCompleteTheirChildren) {
  KubernetesConfig config = config_with_store();
  config.crds = {shared("crds/flux-v2.9.0")};
  const std::string parent =
      "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
      "metadata: {name: apps, namespace: flux-system}\nspec:\n  interval: 10m\n"
      "  path: ./kubernetes/apps\n  prune: true\n"
      "  sourceRef: {kind: GitRepository, name: flux-system}\n  patches:\n"
      "  - patch: |-\n      apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
      "      kind: Kustomization\n      metadata:\n        name: not-used\n      spec:\n"
      "        interval: 1h\n        prune: true\n        sourceRef:\n"
      "          kind: GitRepository\n          name: flux-system\n"
      "    target:\n      group: kustomize.toolkit.fluxcd.io\n      kind: Kustomization\n";
  const std::string child =
      "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
      "metadata: {name: media, namespace: flux-system}\nspec:\n  path: ./kubernetes/media\n";
  FindingList out = ObjectRun()
                        .file("kubernetes/flux/apps.yaml", parent)
                        .file("kubernetes/apps/media/ks.yaml", child)
                        .check(config);
  EXPECT_TRUE(out.empty()) << describe(out);
  out = ObjectRun()
            .file("kubernetes/flux/apps.yaml", parent)
            .file("kubernetes/other/ks.yaml", child)
            .check(config);
  ASSERT_EQ(out.size(), 3u) << describe(out);  // interval, prune, sourceRef
  for (const Finding& f : out) {
    EXPECT_EQ(f.rule, "schema/required");
    EXPECT_EQ(f.path, "kubernetes/other/ks.yaml");
  }
}

// Issue 13, class 4: values Flux substitutes are validated with the value the tree knows
// (postBuild.substitute, a substituteFrom ConfigMap in the tree) or the default, at the
// placeholder; an unknown one is excused as before.
TEST(KubernetesSchemaValidator, KnownSubstitutionsAreValidatedInPlace) {
  KubernetesConfig config = config_with_store();
  config.crds = {shared("crds/flux-v2.9.0")};
  const std::string parent =
      "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
      "metadata: {name: apps, namespace: flux-system}\nspec:\n  interval: 10m\n"
      "  path: ./apps\n  prune: true\n"
      "  sourceRef: {kind: GitRepository, name: flux-system}\n  postBuild:\n"
      "    substitute: {REPLICAS: three}\n"
      "    substituteFrom: [{kind: ConfigMap, name: vars}]\n";
  const std::string vars =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: vars, namespace: flux-system}\n"
      "data: {PORT: '8080', NAME: web}\n";
  auto deploy = [](const std::string& replicas) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${NAME}\nspec:\n"
           "  replicas: " +
           replicas +
           "\n  selector: {matchLabels: {app: web}}\n  template:\n"
           "    metadata: {labels: {app: web}}\n    spec:\n      containers:\n"
           "      - name: web\n        image: web\n        ports:\n"
           "        - containerPort: ${PORT}\n";
  };
  // REPLICAS is `three` for the Deployment under ./apps: a type error at the placeholder.
  FindingList out = ObjectRun()
                        .file("flux/apps.yaml", parent)
                        .file("flux/vars.yaml", vars)
                        .file("apps/deploy.yaml", deploy("${REPLICAS}"))
                        .check(config);
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/type");
  EXPECT_EQ(out[0].path, "apps/deploy.yaml");
  EXPECT_EQ(out[0].position, (Position{6, 13}));
  // A default is validated where no value is known; a good one passes.
  out = ObjectRun().file("apps/deploy.yaml", deploy("${R:=two}")).check(config);
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/type");
  EXPECT_EQ(out[0].position, (Position{6, 13}));
  out = ObjectRun().file("apps/deploy.yaml", deploy("${R:=2}")).check(config);
  EXPECT_TRUE(out.empty()) << describe(out);
  // Outside the Kustomization's path nothing is known: the placeholder is excused.
  out = ObjectRun()
            .file("flux/apps.yaml", parent)
            .file("flux/vars.yaml", vars)
            .file("other/deploy.yaml", deploy("${REPLICAS}"))
            .check(config);
  EXPECT_TRUE(out.empty()) << describe(out);
}

TEST(KubernetesSchemaValidator, ListsAreValidatedItemByItem) {
  const std::string list =
      "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n"
      "    metadata: {name: a}\n    data: {k: 1}\n";
  FindingList out = ObjectRun().file("l.yaml", list).check(config_with_store());
  ASSERT_EQ(out.size(), 1u) << describe(out);
  EXPECT_EQ(out[0].json_path, "items[0].data.k");
}

TEST(KubernetesSchemaValidator, AMissingStoreFailsClosed) {
  KubernetesConfig config;
  config.version = KubernetesVersion{1, 35};
  config.schemas = {"/nonexistent/store"};
  FindingList out = ObjectRun().file("web.yaml", kDeployment).check(config);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].rule, "schema/store");
  EXPECT_EQ(out[0].severity, Severity::kError);
  EXPECT_EQ(out[0].path, "pushgate.yaml");
  // The store holds 1.35, not 1.20.
  KubernetesConfig old = config_with_store();
  old.version = KubernetesVersion{1, 20};
  FindingList wrong = ObjectRun().file("web.yaml", kDeployment).check(old);
  ASSERT_FALSE(wrong.empty());
  EXPECT_EQ(wrong[0].rule, "schema/store");
}

// A store that lost apps/v1/Deployment.json after import: the Deployment is not an unknown kind
// (a warning that accepts) but a schema/store error, at the config and at the object.
TEST(KubernetesSchemaValidator, AStoreMissingABuiltInKindFailsClosed) {
  TempDir dir;
  const std::string copy = dir / "store";
  std::filesystem::copy(store(), copy, std::filesystem::copy_options::recursive);
  std::filesystem::remove(copy + "/kubernetes/v1.35/apps/v1/Deployment.json");
  KubernetesConfig config = config_with_store();
  config.schemas = {copy};
  std::string three = kDeployment;
  three.replace(three.find("replicas: 3"), 11, "replicas: three");
  FindingList out = ObjectRun().file("web.yaml", three).check(config);
  ASSERT_EQ(out.size(), 2u) << describe(out);
  EXPECT_EQ(out[0].rule, "schema/store");
  EXPECT_EQ(out[0].severity, Severity::kError);
  EXPECT_EQ(out[0].path, "pushgate.yaml");
  EXPECT_NE(out[0].message.find("apps/v1/Deployment.json is missing"), std::string::npos)
      << out[0].message;
  EXPECT_EQ(out[1].rule, "schema/store");
  EXPECT_EQ(out[1].path, "web.yaml");
}

// Rule ids this validator emits: its own, the CRD loader's, and every keyword core/schema
// names (core/schema/schema_validator.cc).
TEST(KubernetesSchemaValidator, EveryRuleItEmitsHasADocsPage) {
  for (std::string_view id : {"schema/store",
                              "schema/unknown-kind",
                              "schema/invalid-crd",
                              "schema/removed-api",
                              "schema/deprecated-api",
                              "schema/additional-property",
                              "schema/const",
                              "schema/contains",
                              "schema/dependencies",
                              "schema/embedded-resource",
                              "schema/enum",
                              "schema/false",
                              "schema/format",
                              "schema/invalid-schema",
                              "schema/list-type",
                              "schema/max-items",
                              "schema/max-length",
                              "schema/max-properties",
                              "schema/maximum",
                              "schema/min-items",
                              "schema/min-length",
                              "schema/min-properties",
                              "schema/minimum",
                              "schema/multiple-of",
                              "schema/not",
                              "schema/one-of",
                              "schema/pattern",
                              "schema/required",
                              "schema/too-complex",
                              "schema/type",
                              "schema/unique-items"}) {
    EXPECT_NE(find_rule_page(id), nullptr) << id;
  }
}

}  // namespace
}  // namespace pushgate
