#pragma once
// What one file of the tree defines, in the few facts that cross-file rules need: the identity of
// every object (group/version, kind, namespace, name, where it starts), the whole body of GitOps
// objects (Flux, Argo CD: small, and what references are made of), and whether the file is
// SOPS-encrypted. A summary is a pure function of the file's bytes and format, so it can be kept
// by blob id across pushes (core/tree/object_index_store.h) instead of parsing the file again.
//
//   FileSummary s = summarize(parsed_file);
//   for (const SummarizedObject& o : s.objects) if (o.kind == "GitRepository") ...
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document/document.h"
#include "core/tree/object_body.h"

namespace pushgate {

struct SummarizedObject {
  std::string api_version;  // as written ("kustomize.toolkit.fluxcd.io/v1")
  std::string kind;
  std::string namespace_;      // metadata.namespace as written ("" when unset)
  std::string name;            // metadata.name ("" when unset)
  std::uint32_t document = 0;  // index of its document in the file (Document::index())
  Position position;           // where the object's mapping starts
  // The whole object as JSON for GitOps kinds (see is_gitops_api_version); null otherwise. From
  // the object index it is decoded when first read (object_body.h): read it only for the objects
  // a rule judges, and look with spec_has_any() first where that says enough.
  ObjectBody body;

  // "kustomize.toolkit.fluxcd.io" for "kustomize.toolkit.fluxcd.io/v1", "" for "v1".
  std::string_view group() const;
  bool operator==(const SummarizedObject&) const = default;
};

// What a kustomization (kustomize.config.k8s.io Kustomization or Component, or a file naming
// neither apiVersion nor kind, as kustomize allows) names, as written: enough to build the
// kustomize graph of a tree without parsing it (validators/gitops/kustomize_graph.h).
struct SummarizedReference {
  std::string path;                    // as written (remote bases and globs included)
  bool file_or_kustomization = false;  // resources, bases, components (else: a file)
  bool operator==(const SummarizedReference&) const = default;
};
struct KustomizationSummary {
  std::string namespace_;
  std::string name_prefix;
  std::string name_suffix;
  std::vector<SummarizedReference> references;  // kustomize_references() order
  bool operator==(const KustomizationSummary&) const = default;
};

struct FileSummary {
  // A top-level `sops:` mapping with a `mac` or `lastmodified` key: a file SOPS encrypted.
  bool sops_encrypted = false;
  // False when the file did not parse completely (objects holds what did).
  bool complete = true;
  // In document order; documents without a kind skipped; the items of a `kind: List` (or
  // `*List`) in place of the list, as kubectl applies them.
  std::vector<SummarizedObject> objects;
  // Set when the file reads as a kustomization (core/kustomize/kustomization_root()); used only
  // where the file is named like one, since kustomize reads no other name.
  std::optional<KustomizationSummary> kustomization;
  bool operator==(const FileSummary&) const = default;
};

// True for API groups whose objects a summary keeps whole: *.fluxcd.io and argoproj.io.
bool is_gitops_api_version(std::string_view api_version);

FileSummary summarize(const ParsedFile& file);
// The kustomization part alone (FileSummary::kustomization).
std::optional<KustomizationSummary> summarize_kustomization(const ParsedFile& file);

}  // namespace pushgate
