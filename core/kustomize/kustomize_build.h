#pragma once
// `kustomize build` of one kustomization of a tree, by the server's own kustomize (or kubectl)
// binary, on a private copy of the folders it reads — never on a checkout, never with anything a
// push could make run:
//   - plugins, exec and container functions, Helm and function networking are off
//     (--enable-alpha-plugins=false --enable-helm=false --network=false), and files load only
//     from inside each kustomization's root (LoadRestrictionsRootOnly);
//   - PATH names no folder (no git for remote bases, no helm), every proxy variable points at a
//     closed port, HOME is the private copy; the process runs in a network namespace of its own
//     when the kernel allows one (core/process/isolated_process.h), under a time limit;
//   - the copy holds regular files only (symlinks are left out), with bounded count and size;
//   - no kustomization in the copy names a path that leaves the tree (kustomize's load
//     restrictor covers files, not bases: `resources: [../../../srv]` would be built from the
//     server's filesystem). Such a build is refused before kustomize runs (kOutsideTree), on the
//     text of the paths alone, so the answer is the same whether the outside folder exists;
//   - kustomize runs chrooted into the scratch folder (it sees the copy, the wrapper and an empty
//     home, nothing else) where the kernel allows it: as root, or in the user namespace made
//     for the network one, and for a statically linked binary (kubectl and kustomize releases
//     are); elsewhere it runs unconfined and root_confined says so;
//   - whatever absolute path is left in kustomize's error text after the copy's own are turned
//     back into tree paths is hidden ("(a path outside the repository)").
// Objects come back with the file each was read from: the build runs with kustomize's
// `originAnnotations` (through a wrapper kustomization, the user's files unchanged), and those
// annotations are removed again before anyone validates the objects.
//
//   std::optional<KustomizeProgram> program = find_kustomize("");
//   Result<KustomizeBuild> build = kustomize_build(*program, tree, "apps/prod", folders, limits);
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/finding/finding.h"
#include "core/tree/tree_view.h"

namespace pushgate {

struct KustomizeProgram {
  std::string path;      // absolute
  bool kubectl = false;  // `kubectl kustomize DIR`, else `kustomize build DIR`
};

// `configured`: an absolute path (from the server's config), or "" for the first of
// /usr/local/bin/kustomize, /usr/bin/kustomize, /usr/local/bin/kubectl, /usr/bin/kubectl.
// Nullopt when it is not an executable file whose name starts with `kustomize` or `kubectl`
// (`kubectl*` runs as `kubectl kustomize`).
std::optional<KustomizeProgram> find_kustomize(std::string_view configured);

struct KustomizeBuildLimits {
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_files = 10'000;                 // files copied for one build
  std::uint64_t max_bytes = 64ull * 1024 * 1024;  // bytes copied for one build
  std::size_t max_output = 64 * 1024 * 1024;      // bytes kustomize may print
};

// Where kustomize read one rendered object.
struct RenderedOrigin {
  std::string path;           // the file it came from, as a tree path; "" when generated
  std::string configured_in;  // for generated objects: the kustomization that generated it
};

struct KustomizeBuild {
  enum class Outcome : std::uint8_t {
    kBuilt,
    kFailed,       // kustomize refused: `message` says why
    kTimedOut,     // over limits.timeout
    kTooLarge,     // the folders or the output are over the limits: `message` says which
    kTooOld,       // the program has no origin annotations (kustomize < 4.5): no fault of the tree
    kOutsideTree,  // a kustomization it reaches names a path outside the tree: never run
  };
  Outcome outcome = Outcome::kFailed;
  std::string output;                   // the rendered YAML stream (kBuilt)
  std::vector<RenderedOrigin> origins;  // one per document of `output`, in order (kBuilt)
  std::string message;                  // why not built; the copy's paths read as tree paths
  std::string where_path;               // kOutsideTree: the kustomization naming the path
  Position where;                       // kOutsideTree: the list item that names it
  bool network_isolated = false;
  bool root_confined = false;  // kustomize ran chrooted into the scratch folder
};

// Builds the kustomization in `folder` ("" = the root) of `tree`; `folders` lists every folder
// its build reads (its own and those of the kustomizations it includes), copied whole. An error
// only when pushgate itself could not run the build (no scratch folder, the program would not
// start, a file could not be read).
Result<KustomizeBuild> kustomize_build(const KustomizeProgram& program, const TreeView& tree,
                                       std::string_view folder,
                                       std::span<const std::string> folders,
                                       const KustomizeBuildLimits& limits);

}  // namespace pushgate
