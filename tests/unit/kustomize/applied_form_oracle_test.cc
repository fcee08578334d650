// kubectl kustomize as the oracle of core/kustomize/applied_form.h (issue 13): every
// kustomization of every corpus repository that `kubectl kustomize` builds is built, and the
// objects pushgate's model says it renders must be the ones kubectl renders — kind, namespace
// and name, after namespace, namePrefix and nameSuffix — every label the model says a
// transformer adds (metadata, selector, pod template) must be on the rendered object, and every
// container image and replica count the model computes (apply_images, apply_replicas: what the
// image and replica rules judge) must be the rendered one. Skipped, with a note, where kubectl is
// not installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <thread>

#include "core/kustomize/applied_form.h"
#include "core/tree/kustomization_file.h"
#include "test_paths.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::read_file;
using testing::run_command;
using testing::TempDir;
using testing::write_file;

bool have_kubectl() {
  return run_command({"sh", "-c", "command -v kubectl"}, "/").exit_code == 0;
}

// Every YAML file of a repository, parsed on demand and kept.
class Repository {
 public:
  explicit Repository(std::string root) : root_(std::move(root)) {}
  const ParsedFile* read(std::string_view path) {
    auto it = files_.find(std::string(path));
    if (it != files_.end()) return it->second;
    const std::string full = root_ + "/" + std::string(path);
    const ParsedFile* parsed = nullptr;
    if (std::filesystem::is_regular_file(full) &&
        (path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with("Kustomization"))) {
      texts_.push_back(read_file(full));
      parsed_.push_back(parse_yaml(std::string(path), texts_.back(), ParseLimits{}));
      parsed = &parsed_.back();
    }
    files_.emplace(std::string(path), parsed);
    return parsed;
  }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
  std::deque<std::string> texts_;
  std::deque<ParsedFile> parsed_;
  std::map<std::string, const ParsedFile*> files_;
};

struct Labels {
  std::map<std::string, std::string> metadata, selector, templates;
  std::map<std::string, std::string> images;  // container name → image (init containers too)
  std::optional<std::int64_t> replicas;
};

// "Deployment shop/web".
std::string id(std::string_view kind, std::string_view ns, std::string_view name) {
  return std::string(kind) + " " + std::string(ns) + "/" + std::string(name);
}

bool cluster_scoped(std::string_view kind) {
  // kustomize knows the built-in kinds only: it gives every custom kind a namespace.
  static const std::set<std::string_view> kKinds = {"Namespace",
                                                    "ClusterRole",
                                                    "ClusterRoleBinding",
                                                    "CustomResourceDefinition",
                                                    "PriorityClass",
                                                    "StorageClass",
                                                    "PersistentVolume",
                                                    "IngressClass",
                                                    "APIService",
                                                    "ValidatingWebhookConfiguration",
                                                    "MutatingWebhookConfiguration"};
  return kKinds.contains(kind);
}

// Generated and data objects (hash suffixes, generator merges) and kinds patches commonly
// rename or remove are left out of the identity comparison.
bool compared_kind(std::string_view kind) {
  return kind != "ConfigMap" && kind != "Secret";
}

void read_map(NodeRef map, std::map<std::string, std::string>& out) {
  for (std::size_t i = 0; map.is_mapping() && i < map.size(); ++i) {
    out[std::string(map.key(i).text())] = std::string(map.value(i).text());
  }
}

struct Outcome {
  int built = 0;
  int compared_objects = 0;
  int compared_images = 0;
  int compared_replicas = 0;
  std::vector<std::string> problems;
};

// The objects of a file as pushgate and kustomize see them: the items of a `kind: List` (or a
// typed list such as RoleList) are objects of their own.
std::vector<NodeRef> objects_of(const ParsedFile& parsed) {
  std::vector<NodeRef> objects;
  for (const Document& doc : parsed.documents) {
    const NodeRef root = doc.root();
    const NodeRef items = root.get("items");
    if (root.get_string("kind").ends_with("List") && items.is_sequence()) {
      for (std::size_t i = 0; i < items.size(); ++i) objects.push_back(items.item(i));
    } else {
      objects.push_back(root);
    }
  }
  return objects;
}

// `kubectl kustomize` of each folder of `root`, four at a time (a build is mostly the binary's
// start-up), in the folders' order.
std::vector<testing::CommandResult> kubectl_builds(const std::string& root,
                                                   const std::vector<std::string>& folders) {
  std::vector<testing::CommandResult> built(folders.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < folders.size(); i = next++) {
      built[i] =
          run_command({"timeout", "20", "kubectl", "kustomize", root + "/" + folders[i]}, "/");
    }
  };
  std::vector<std::thread> workers;
  for (int n = 0; n < 4; ++n) workers.emplace_back(work);
  for (std::thread& worker : workers) worker.join();
  return built;
}

bool is_workload(std::string_view kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
         kind == "ReplicaSet";
}

// Container name → image of a workload's pod template (containers and init containers).
void read_images(NodeRef object, std::map<std::string, std::string>& out) {
  const NodeRef pod = object.get("spec").get("template").get("spec");
  for (const char* list : {"initContainers", "containers"}) {
    const NodeRef containers = pod.get(list);
    for (std::size_t i = 0; containers.is_sequence() && i < containers.size(); ++i) {
      const NodeRef c = containers.item(i);
      if (c.get("image").is_string()) {
        out[std::string(c.get_string("name"))] = std::string(c.get_string("image"));
      }
    }
  }
}

// True when a patch of `chain` that may apply to `object` sets a field at or under `prefix`
// (or a parent of it): then the rendered value is the patch's, which the model does not compute.
bool patched(std::span<const Transformation* const> chain, const AppliedObject& object,
             std::string_view prefix) {
  for (const Transformation* t : chain) {
    for (const FieldPatch& patch : t->patches) {
      if (!patch_applies(patch, object)) continue;
      for (const std::string& path : patch.paths) {
        if (path.starts_with(prefix) || std::string_view(prefix).starts_with(path)) return true;
      }
    }
  }
  return false;
}

// The images and replica count the model says `chain` gives the workload `root` are the ones
// kubectl rendered (`have`).
void compare_values(const std::string& folder, const std::string& key, NodeRef root,
                    std::span<const Transformation* const> chain, const Labels& have,
                    Outcome& outcome) {
  const std::string_view kind = root.get_string("kind");
  const AppliedObject object{
      root.get_string("apiVersion"), kind, root.get("metadata").get_string("namespace"),
      root.get("metadata").get_string("name"), root.get("metadata").get("labels")};
  if (!patched(chain, object, "spec.template.spec")) {
    std::map<std::string, std::string> written;
    read_images(root, written);
    for (const auto& [container, image] : written) {
      const std::string want = apply_images(chain, image).image;
      auto found = have.images.find(container);
      ++outcome.compared_images;
      if (found == have.images.end() || found->second != want) {
        outcome.problems.push_back(folder + ": " + key + " container " + container + ": kubectl " +
                                   (found == have.images.end() ? "has none" : found->second) +
                                   ", pushgate predicts " + want);
      }
    }
  }
  if (patched(chain, object, "spec.replicas")) return;
  const std::optional<AppliedReplicas> set = apply_replicas(chain, kind, object.name);
  const NodeRef written = root.get("spec").get("replicas");
  std::optional<std::int64_t> want;
  if (set) {
    want = set->count;
  } else if (written.kind() == NodeKind::kInt) {
    want = written.as_int();
  }
  ++outcome.compared_replicas;
  if (want != have.replicas) {
    auto text = [](const std::optional<std::int64_t>& n) {
      return n ? std::to_string(*n) : std::string("none");
    };
    outcome.problems.push_back(folder + ": " + key + " spec.replicas: kubectl " +
                               text(have.replicas) + ", pushgate predicts " + text(want));
  }
}

void compare_folder(Repository& repo, const AppliedForms& forms, const std::string& folder,
                    const testing::CommandResult& built, Outcome& outcome) {
  if (built.exit_code != 0) return;  // kubectl does not build it (plugins, missing files)
  ++outcome.built;
  const ParsedFile rendered =
      parse_yaml(folder + " (kubectl)", built.out, ParseLimits{.max_bytes = 64 << 20});
  std::map<std::string, Labels> actual;
  for (const Document& doc : rendered.documents) {
    const NodeRef root = doc.root();
    const std::string_view kind = root.get_string("kind");
    if (!compared_kind(kind)) continue;
    Labels& labels = actual[id(kind, root.get("metadata").get_string("namespace"),
                               root.get("metadata").get_string("name"))];
    read_map(root.get("metadata").get("labels"), labels.metadata);
    read_map(root.get("spec").get("selector").get("matchLabels"), labels.selector);
    read_map(root.get("spec").get("template").get("metadata").get("labels"), labels.templates);
    read_images(root, labels.images);
    if (const NodeRef replicas = root.get("spec").get("replicas");
        replicas.kind() == NodeKind::kInt) {
      labels.replicas = replicas.as_int();
    }
  }
  std::set<std::string> predicted;
  for (const AppliedForms::Rendered& file : forms.render(folder)) {
    const ParsedFile* parsed = repo.read(file.file);
    if (parsed == nullptr) continue;
    for (const NodeRef root : objects_of(*parsed)) {
      const std::string_view kind = root.get_string("kind");
      if (!root.is_mapping() || kind.empty() || !compared_kind(kind)) continue;
      std::string ns(root.get("metadata").get_string("namespace"));
      std::string name(root.get("metadata").get_string("name"));
      std::string prefix, suffix;
      Labels added;
      for (const Transformation* t : file.chain) {  // innermost first
        if (!t->namespace_.empty() && !cluster_scoped(kind)) ns = t->namespace_;
        if (!t->namespace_.empty() && kind == "Namespace") name = t->namespace_;
        prefix = t->name_prefix + prefix;
        suffix += t->name_suffix;
        for (const auto& [k, v] : t->labels) added.metadata[k] = v;
        for (const auto& [k, v] : t->selector_labels) added.selector[k] = added.templates[k] = v;
        for (const auto& [k, v] : t->template_labels) added.templates[k] = v;
      }
      if (kind != "Namespace" && kind != "CustomResourceDefinition") name = prefix + name + suffix;
      const std::string key = id(kind, ns, name);
      predicted.insert(key);
      auto it = actual.find(key);
      if (it == actual.end()) {
        outcome.problems.push_back(folder + ": pushgate predicts " + key + " (from " + file.file +
                                   "), kubectl does not render it");
        continue;
      }
      ++outcome.compared_objects;
      const bool workload = is_workload(kind);
      auto check = [&](const std::map<std::string, std::string>& want,
                       const std::map<std::string, std::string>& have, const char* where) {
        for (const auto& [k, v] : want) {
          auto found = have.find(k);
          if (found == have.end() || found->second != v) {
            outcome.problems.push_back(folder + ": " + key + " " + where + " lacks `" + k + ": " +
                                       v + "` that pushgate predicts");
          }
        }
      };
      check(added.metadata, it->second.metadata, "metadata.labels");
      if (workload) {
        check(added.selector, it->second.selector, "spec.selector.matchLabels");
        check(added.templates, it->second.templates, "spec.template.metadata.labels");
        compare_values(folder, key, root, file.chain, it->second, outcome);
      }
    }
  }
  for (const auto& [key, labels] : actual) {
    if (!predicted.contains(key)) {
      outcome.problems.push_back(folder + ": kubectl renders " + key +
                                 ", pushgate does not predict it");
    }
  }
}

// What a repository's kustomizations use that the model leaves out of identity on purpose.
bool modelled(Repository& repo, const std::string& path) {
  const ParsedFile* file = repo.read(path);
  if (file == nullptr) return false;
  const std::string text = read_file(repo.root() + "/" + path);
  // Remote bases (never fetched), plugins and generators/transformers configs, Helm charts, and
  // patches or replacements that may rename or delete objects: outside this comparison.
  for (const char* word :
       {"://", "github.com", "helmCharts",
        "generators:", "transformers:", "replacements:", "$patch: delete",
        "configurations:", "openapi:", "path: /metadata/name", "path: /metadata/namespace"}) {
    if (text.find(word) != std::string::npos) return false;
  }
  // A delete patch in a file beside the kustomization removes an object.
  const std::filesystem::path folder =
      std::filesystem::path(repo.root() + "/" + path).parent_path();
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file() &&
        read_file(entry.path().string()).find("$patch: delete") != std::string::npos) {
      return false;
    }
  }
  return true;
}

// Every repository of ../shared/corpus, so that a repository added there is compared too.
std::vector<std::string> corpus_repositories(const std::string& corpus) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AppliedFormOracle, KubectlKustomizeRendersWhatTheModelPredicts) {
  if (!have_kubectl()) GTEST_SKIP() << "kubectl is not installed: the kustomize oracle is skipped";
  const std::string corpus = std::string(PUSHGATE_SHARED_DIR) + "/corpus/";
  Outcome outcome;
  for (const std::string& name : corpus_repositories(corpus)) {
    Repository repo(corpus + name);
    AppliedForms forms;
    std::vector<std::string> folders;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(repo.root())) {
      const std::string path = entry.path().string().substr(repo.root().size() + 1);
      if (!entry.is_regular_file() || !is_kustomization_path(path)) continue;
      if (const ParsedFile* parsed = repo.read(path)) {
        forms.add_kustomization(path, *parsed,
                                [&repo](std::string_view p) { return repo.read(p); });
        if (modelled(repo, path)) {
          const std::size_t slash = path.rfind('/');
          folders.push_back(slash == std::string::npos ? "" : path.substr(0, slash));
        }
      }
    }
    forms.finish();
    std::sort(folders.begin(), folders.end());
    const bool large = folders.size() > 200;
    std::vector<std::string> compared;
    for (const std::string& folder : folders) {
      // Large repositories (the gitops catalog has 500 kustomizations) through their top-level
      // ones only, for time: they reach the others.
      if (large && !forms.is_top_level(folder)) continue;
      // A kustomization is compared only when every kustomization it reaches is modelled.
      bool all = true;
      for (const AppliedForms::Rendered& file : forms.render(folder)) {
        for (const Transformation* t : file.chain) {
          all = all && modelled(repo, t->origin);
          // A targeted patch that sets the name or namespace moves the object (JSON patches).
          for (const FieldPatch& patch : t->patches) {
            for (const std::string& path : patch.paths) {
              all = all && !(patch.explicit_target &&
                             (path == "metadata.name" || path == "metadata.namespace"));
            }
          }
        }
      }
      if (all) compared.push_back(folder);
    }
    const std::vector<testing::CommandResult> built = kubectl_builds(repo.root(), compared);
    for (std::size_t i = 0; i < compared.size(); ++i) {
      compare_folder(repo, forms, compared[i], built[i], outcome);
    }
  }
  std::printf("kubectl built %d kustomizations; %d objects compared\n", outcome.built,
              outcome.compared_objects);
  EXPECT_GT(outcome.built, 50);
  EXPECT_GT(outcome.compared_objects, 200);
  EXPECT_GT(outcome.compared_images, 25);
  EXPECT_GT(outcome.compared_replicas, 20);
  EXPECT_TRUE(outcome.problems.empty()) << outcome.problems.size() << " differences:\n"
                                        << ::testing::PrintToString(outcome.problems);
}

// `images` and `replicas` on a Deployment (containers and an init container) and a StatefulSet,
// through two overlays: newName, newTag, digest (replacing a tag, a digest, or both as written),
// a name with a registry, and replica counts named as written and as an inner overlay renamed
// it. The images and counts the model computes are exactly kubectl's.
TEST(AppliedFormOracle, KubectlRendersTheImagesAndReplicasTheModelComputes) {
  if (!have_kubectl()) GTEST_SKIP() << "kubectl is not installed: the kustomize oracle is skipped";
  const std::string a(64, 'a'), b(64, 'b'), c(64, 'c'), d(64, 'd');
  const TempDir dir;
  write_file(dir / "base/kustomization.yaml", "resources: [web.yaml, db.yaml]\n");
  write_file(dir / "base/web.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
             "  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n"
             "    metadata: {labels: {app: web}}\n    spec:\n"
             "      initContainers:\n      - {name: init, image: busybox}\n"
             "      containers:\n      - {name: web, image: \"nginx:1.25\"}\n"
             "      - {name: agent, image: \"ghcr.io/acme/agent@sha256:" +
                 a +
                 "\"}\n"
                 "      - {name: cache, image: \"redis:7.2@sha256:" +
                 b +
                 "\"}\n"
                 "      - {name: proxy, image: \"envoyproxy/envoy:v1.30\"}\n");
  write_file(dir / "base/db.yaml",
             "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n"
             "  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n"
             "    metadata: {labels: {app: db}}\n    spec:\n"
             "      containers:\n      - {name: db, image: \"postgres:15\"}\n");
  write_file(dir / "overlays/prod/kustomization.yaml",
             "namePrefix: prod-\nresources: [../../base]\nimages:\n"
             "- {name: nginx, newName: registry.example.com/nginx, newTag: \"1.27\"}\n"
             "- {name: busybox, newTag: latest}\n"
             "- {name: ghcr.io/acme/agent, newTag: v2}\n"
             "- {name: redis, digest: \"sha256:" +
                 c +
                 "\"}\n"
                 "- {name: postgres, newName: registry.example.com/postgres}\n"
                 "replicas:\n- {name: web, count: 3}\n- {name: prod-db, count: 2}\n");
  write_file(dir / "overlays/edge/kustomization.yaml",
             "nameSuffix: -edge\nresources: [../prod]\nimages:\n"
             "- {name: registry.example.com/nginx, digest: \"sha256:" +
                 d +
                 "\"}\n"
                 "- {name: envoyproxy/envoy, newTag: v1.31, digest: \"sha256:" +
                 a +
                 "\"}\n"
                 "replicas:\n- {name: prod-web, count: 5}\n- {name: db, count: 4}\n");
  Repository repo(dir.path());
  AppliedForms forms;
  for (const char* folder : {"base", "overlays/prod", "overlays/edge"}) {
    const std::string path = std::string(folder) + "/kustomization.yaml";
    forms.add_kustomization(path, *repo.read(path),
                            [&repo](std::string_view p) { return repo.read(p); });
  }
  forms.finish();
  Outcome outcome;
  const std::vector<std::string> folders = {"base", "overlays/prod", "overlays/edge"};
  const std::vector<testing::CommandResult> built = kubectl_builds(repo.root(), folders);
  for (std::size_t i = 0; i < folders.size(); ++i) {
    compare_folder(repo, forms, folders[i], built[i], outcome);
  }
  EXPECT_EQ(outcome.built, 3);
  EXPECT_EQ(outcome.compared_objects, 6);
  EXPECT_EQ(outcome.compared_images, 18);   // 6 containers in 3 renderings
  EXPECT_EQ(outcome.compared_replicas, 6);  // 2 workloads in 3 renderings
  EXPECT_TRUE(outcome.problems.empty()) << outcome.problems.size() << " differences:\n"
                                        << ::testing::PrintToString(outcome.problems);
}

}  // namespace
}  // namespace pushgate
