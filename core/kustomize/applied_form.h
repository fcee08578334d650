#pragma once
// What the tools that apply a file do to its objects before the API server sees them (issue 13,
// classes 2 and 3), in the few facts the rules need: which fields a transformation fills in and
// which labels it adds to pod templates. Rules judge a missing field or a selector against the
// object as it is applied, and report what is still wrong where it was written.
//
//   AppliedForms forms;
//   forms.add_kustomization("apps/base/kustomization.yaml", parsed, read);   // every one of them
//   forms.add_flux("clusters/prod/apps.yaml", flux_transformation(spec));     // Flux
//   Kustomizations forms.finish(); const std::vector<const Transformation*> reach =
//   forms.reaching("apps/base/deploy.yaml"); if (fills(reach, object, "spec.selector")) ...   //
//   commonLabels make the selector
//
// Transformations known (from kustomize's api/konfig/builtinpluginconsts and api/filters):
// kustomize `namespace` (metadata.namespace of namespaced kinds, metadata.name of Namespace,
// APIService spec.service.namespace, CRD conversion webhook service namespace, RoleBinding and
// ClusterRoleBinding subjects, webhook configurations' service namespace), `commonLabels` and
// `labels` (with includeSelectors / includeTemplates), `commonAnnotations`, `patches`,
// `patchesStrategicMerge` and `patchesJson6902` (inline or by path; the fields each sets), `images`
// and `replicas` (the values they set, judged per chain of kustomizations: apply_images,
// apply_replicas); a Flux Kustomization's `spec.patches`, `spec.targetNamespace` and
// `spec.commonMetadata` on what its `spec.path` renders. A file reached through several
// kustomizations gets the union of what they fill: a field counts as filled when some way of
// applying the file fills it (no false rejection).
//
// Knows nothing about rules, findings or schemas; reads parsed documents only.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document/document.h"

namespace pushgate {

// The object a rule judges, as written.
struct AppliedObject {
  std::string_view api_version;
  std::string_view kind;
  std::string_view namespace_;
  std::string_view name;
  NodeRef labels;  // metadata.labels (invalid when none)
};

// One patch: what it targets and the fields it sets.
struct FieldPatch {
  // Target fields, each an anchored regular expression as kustomize reads them; "" = any.
  std::string group;
  std::string version;
  std::string kind;
  std::string name;
  std::string namespace_;
  std::string label_selector;  // "a=b,c=d"; other forms match every object (lenient)
  // Dotted field paths the patch sets, list items as "[]": "spec.interval",
  // "spec.template.spec.containers[].image".
  std::vector<std::string> paths;
  bool explicit_target = false;  // a `target:` was written (else the patch's own kind and name)
  Position position;             // the list item that names the patch, in its origin file
};

// kustomize `images:` item (api/filters/imagetag): a container or init container image whose
// name without tag and digest is `name` gets `new_name`, and `new_tag` and/or `digest`, either of
// which replaces the tag and the digest as written (both: name:tag@digest).
struct ImageSetting {
  std::string name;
  std::string new_name;
  std::string new_tag;
  std::string digest;
  Position position;  // the list item, in the transformation's origin file
};

// kustomize `replicas:` item (ReplicaCountTransformer): spec.replicas of the Deployments,
// ReplicaSets, ReplicationControllers and StatefulSets named `name` (as written, or any name the
// namePrefix/nameSuffix of the kustomizations so far gave it, the current one included) becomes
// `count`.
struct ReplicaSetting {
  std::string name;
  std::int64_t count = 0;
  Position position;  // the list item
};

// What one kustomization or Flux Kustomization does to the objects it renders.
struct Transformation {
  std::string origin;       // the file that says so (a kustomization, a Flux Kustomization's file)
  std::string namespace_;   // kustomize `namespace`, Flux `spec.targetNamespace`
  std::string name_prefix;  // kustomize namePrefix / nameSuffix (not Namespace or CRD names)
  std::string name_suffix;
  std::map<std::string, std::string> labels;           // added to metadata.labels
  std::map<std::string, std::string> selector_labels;  // added to selectors (and templates)
  std::map<std::string, std::string> template_labels;  // added to pod templates
  // kustomize / Argo CD `commonAnnotations`: metadata and pod template annotations.
  std::map<std::string, std::string> annotations;
  std::vector<FieldPatch> patches;
  std::vector<ImageSetting> images;      // kustomize only, in list order
  std::vector<ReplicaSetting> replicas;  // kustomize only
  // Flux post-build substitution: whether the Kustomization substitutes at all, and the
  // variables known in the tree (its `substituteFrom` sources found in the tree, in order, then
  // `substitute`, which wins). flux_transformation() fills `substitute_from` and the variables of
  // `substitute`; the caller merges what it finds of the sources in before them.
  struct Source {
    std::string kind;  // ConfigMap or Secret
    std::string name;
  };
  // Objects the kustomization makes that no resource file holds (configMapGenerator and
  // secretGenerator names, as kind and name), and whether it renders anything this model cannot
  // see (remote resources, helmCharts, generator or transformer plugins, globs).
  std::vector<std::pair<std::string, std::string>> generated;
  bool opaque = false;
  bool substitutes = false;
  std::map<std::string, std::string> variables;
  std::vector<Source> substitute_from;
};

// The transformation a kustomize kustomization states; `read` gives patch files by tree path
// (null when absent). `path` is the kustomization file's tree path.
Transformation kustomize_transformation(
    std::string_view path, NodeRef root,
    const std::function<const ParsedFile*(std::string_view)>& read);
// The transformation of a Flux Kustomization's `spec` (JSON, as the object index keeps it, or
// parsed), with `origin` its file; its inline patches are parsed here, `images` read as
// kustomize's.
Transformation flux_transformation(std::string origin, const nlohmann::json& spec);
// The transformation of an Argo CD Application source's `kustomize` options (JSON), with `origin`
// its file. Argo CD writes them into the kustomization at the source's path before building it
// (`kustomize edit set ...`): namePrefix, nameSuffix, namespace, commonLabels (selectors and
// templates too, unless labelWithoutSelector; labelIncludeTemplates: templates), images as
// `kustomize edit set image` reads them ("nginx:1.2", "nginx=ghcr.io/x/nginx:1.2",
// "nginx@sha256:..."), replicas, and inline patches. Patches by path are not read.
Transformation argo_transformation(std::string origin, const nlohmann::json& kustomize);
// What of an Argo CD source's `kustomize` options names files: its `patches` given by `path`
// (read through `read`, and added to `t`), and its `components` (returned, as tree folders).
// Argo CD appends both to the kustomization at the source's path, so they are relative to
// `folder` (that path in the tree); one that leaves the tree is never read (path_in_tree).
std::vector<std::string> add_argo_files(
    Transformation& t, std::string_view folder, const nlohmann::json& kustomize,
    const std::function<const ParsedFile*(std::string_view)>& read);
// The tree paths of the patch files an Argo CD source's `kustomize.patches` names by `path`.
std::vector<std::string> argo_patch_paths(std::string_view folder, const nlohmann::json& kustomize);
// The dotted field paths a patch document sets (a strategic-merge mapping or a JSON 6902 list).
std::vector<std::string> patch_paths(NodeRef patch);
// "spec.containers[3].image" → "spec.containers[].image".
std::string generic_field_path(std::string_view json_path);

// True when `patch` targets `object` (kustomize's selector: anchored regular expressions).
bool patch_applies(const FieldPatch& patch, const AppliedObject& object);
// True when some transformation of `reach` fills `field` (a generic path, see above) of `object`.
bool fills(std::span<const Transformation* const> reach, const AppliedObject& object,
           std::string_view field);
// The labels `reach` adds to `object`'s pod template (spec.template.metadata.labels).
std::map<std::string, std::string> added_template_labels(
    std::span<const Transformation* const> reach, const AppliedObject& object);

// A value as one chain of kustomizations (innermost first) applies it, and the transformation
// and list item that set it last (null: as written).
struct AppliedImage {
  std::string image;
  const Transformation* by = nullptr;
  const ImageSetting* setting = nullptr;
};
struct AppliedReplicas {
  std::int64_t count = 0;
  const Transformation* by = nullptr;
  const ReplicaSetting* setting = nullptr;
};
// `image` (a container's or init container's, as written) through the `images` of `chain`, each
// item in list order seeing what the previous ones made (kustomize's image name match: the name
// exactly, then an optional `:tag` and `@sha256:digest`).
AppliedImage apply_images(std::span<const Transformation* const> chain, std::string_view image);
// The replica count `chain` sets for the object of `kind` named `name` (as written), if any.
std::optional<AppliedReplicas> apply_replicas(std::span<const Transformation* const> chain,
                                              std::string_view kind, std::string_view name);

// The substitution variables `reach` knows: those on which every reaching Flux Kustomization that
// substitutes agrees (a file applied by two of them with different values has neither).
std::map<std::string, std::string> substitution_variables(
    std::span<const Transformation* const> reach);

// The namespace an object that states `written` (metadata.namespace, "" when unset) is applied
// in through `chains` (AppliedForms::chains): per chain, the outermost kustomize `namespace`,
// Flux `targetNamespace` or Argo CD `kustomize.namespace` it sets, else `written`. As written
// when no chain applies it; "" (unknown) when the chains disagree or `truncated` says some were
// cut (a file applied in several namespaces is judged in none). For namespaced kinds.
std::string applied_namespace(std::span<const std::vector<const Transformation*>> chains,
                              std::string_view written, bool truncated = false);

// Every transformation of a tree, and which ones reach each file.
class AppliedForms {
 public:
  using Reader = std::function<const ParsedFile*(std::string_view)>;

  // A kustomize kustomization (kustomization.yaml/.yml/Kustomization) at tree path `path`.
  void add_kustomization(std::string_view path, const ParsedFile& file, const Reader& read);
  // A Flux Kustomization whose spec.path is `path` (as written: "./apps/prod"), or an Argo CD
  // Application source's kustomize options for its `path`: applied to what is under the path and
  // what the kustomizations there render, after them.
  void add_flux(std::string_view path, Transformation transformation);
  // Components an Argo CD source adds to the kustomization in `folder` (`kustomize.components`,
  // tree folders): they render and transform with it, as if it listed them (for every way of
  // applying that kustomization: a field some way fills counts as filled).
  void add_components(std::string_view folder, std::vector<std::string> components);
  // Call once after every add.
  void finish();

  // The transformations applied to the objects of `file` (a tree path), innermost first.
  std::vector<const Transformation*> reaching(std::string_view file) const;
  bool empty() const { return kustomizations_.empty() && flux_.empty(); }
  enum class Reach {
    // A Flux Kustomization or Argo CD source applies everything under its path: lenient, where a
    // field some way fills counts as filled.
    kUnder,
    // Only what its build renders: a top-level kustomization or a file no kustomization lists,
    // with no kustomization in the folders from its path down to it (Flux generates a
    // kustomization for a folder without one, and stops at a folder that has one). For values
    // that one wrong chain would make wrong (namespaces).
    kBuilt,
  };
  // Every chain of transformations through which `file` is applied, innermost first: a
  // kustomization, its components, then what includes it, up to a top-level one, then one of the
  // Flux Kustomizations or Argo CD sources (add_flux) whose path holds that top-level one (each
  // a chain of its own); a file no kustomization lists gets one chain per such path that holds
  // it. Empty when nothing applies the file. At most `limit` chains (a diamond of overlays
  // multiplies them); cycles are cut. `reach` says what a Flux Kustomization or Argo CD source
  // applies.
  std::vector<std::vector<const Transformation*>> chains(std::string_view file,
                                                         std::size_t limit = 64,
                                                         Reach reach = Reach::kUnder) const;
  // True when the kustomization in `folder` is included by no other (a top-level one).
  bool is_top_level(std::string_view folder) const;

  // What the kustomization in `folder` renders: every resource path it reaches that is not a
  // kustomization folder (existing or not: the caller reads it), each with the kustomize
  // transformations on the way, innermost first, in kustomize's order; cycles are cut.
  struct Rendered {
    std::string file;
    std::vector<const Transformation*> chain;
  };
  // `reached`, when given, receives every transformation visited (kustomizations that render no
  // file too).
  std::vector<Rendered> render(std::string_view folder,
                               std::vector<const Transformation*>* reached = nullptr) const;

 private:
  struct Kustomization {
    std::string folder;
    Transformation transformation;
    std::vector<std::string> files;       // resources that may be files
    std::vector<std::string> folders;     // resources and bases that may be kustomizations
    std::vector<std::string> components;  // component folders
  };
  struct Flux {
    std::string folder;  // spec.path in the tree ("" = the root)
    Transformation transformation;
  };
  std::vector<Kustomization> kustomizations_;
  std::vector<Flux> flux_;
  std::vector<std::pair<std::string, std::vector<std::string>>> added_components_;
  std::map<std::string, std::size_t, std::less<>> by_folder_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> file_includers_;
  std::vector<std::vector<std::size_t>> parents_;     // per kustomization: who includes it
  std::vector<std::vector<std::size_t>> components_;  // per kustomization: its components
  // True when `flux` builds `top`: a kustomization folder (kustomization) or a file that no
  // kustomization lists, under its path (Reach::kBuilt).
  bool builds(const Flux& flux, std::string_view top, bool kustomization) const;
};

}  // namespace pushgate
