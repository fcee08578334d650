#pragma once
// What a kustomize kustomization (kustomize.config.k8s.io Kustomization or Component) refers to:
// the paths of its resources, components, patches, generators, crds and openapi fields, each
// with the list item that names it (for positions). Read on the text alone, below the tree: the
// tree's file summaries (file_summary.h), `kustomize build` (core/kustomize) and the
// gitops/kustomize-* rules share it.
//
//   if (is_kustomization_path(path)) {
//     for (const KustomizeReference& ref : kustomize_references(kustomization_root(file))) ...
//   }
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document/document.h"

namespace pushgate {

// What must exist at a referenced path.
enum class ReferenceTarget : std::uint8_t {
  kFileOrKustomization,  // resources, bases, components: a file, or a folder with a kustomization
  kFile,                 // patches, generator files, crds, openapi, ...
};

struct KustomizeReference {
  std::string field;  // where it is listed: "resources", "configMapGenerator[0].files", ...
  std::string path;   // the path as written (a generator's "key=path" reduced to the path)
  NodeRef node;       // the list item or value that names it
  ReferenceTarget target = ReferenceTarget::kFile;
  bool resource = false;  // listed under resources or bases (a second listing is an error)
};

// The file names kustomize looks for in a folder, in its order.
inline constexpr std::string_view kKustomizationNames[] = {"kustomization.yaml",
                                                           "kustomization.yml", "Kustomization"};

// True for `kustomization.yaml`, `kustomization.yml` and `Kustomization` in any folder.
bool is_kustomization_path(std::string_view path);
// The root of the file's first document when it is a kustomize Kustomization or Component (or
// names neither apiVersion nor kind, as kustomize allows); invalid otherwise (e.g. a Flux
// Kustomization that happens to be called kustomization.yaml).
NodeRef kustomization_root(const ParsedFile& file);
// Every local or remote path the kustomization names, in document order.
std::vector<KustomizeReference> kustomize_references(NodeRef root);
// Every string kustomize may read as a path, for the containment check before a build: what
// kustomize_references lists, plus the entries of transformers, generators and validators that
// name a file (inline YAML entries are mappings and name none) and helmGlobals.chartHome.
std::vector<KustomizeReference> kustomize_read_paths(NodeRef root);
// `reference`, named in the kustomization of `folder` ("" = the root), as a '/'-separated path
// from the tree's root, worked out on the text alone (the filesystem is never asked); nullopt
// when it leaves the tree: an absolute path, or more `..` than there are folders above it.
std::optional<std::string> path_in_tree(std::string_view folder, std::string_view reference);
// URLs and go-getter style remote bases: `https://…`, `github.com/org/repo//dir?ref=v1`, `git@…`.
bool is_remote_reference(std::string_view path);
// Globs (`*`, `?`, `[`), which older kustomize expands in patchesStrategicMerge.
bool is_glob_reference(std::string_view path);

}  // namespace pushgate
