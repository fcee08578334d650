#include "core/tree/file_summary.h"

#include "core/schema/document_json.h"
#include "core/tree/kustomization_file.h"

namespace pushgate {
namespace {

std::string_view group_of(std::string_view api_version) {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

SummarizedObject summarize_object(NodeRef root, std::uint32_t document) {
  SummarizedObject object;
  object.kind = std::string(root.get("kind").text());
  object.api_version = std::string(root.get_string("apiVersion"));
  if (const NodeRef metadata = root.get("metadata"); metadata.is_mapping()) {
    object.name = std::string(metadata.get_string("name"));
    object.namespace_ = std::string(metadata.get_string("namespace"));
  }
  object.document = document;
  object.position = root.position();
  if (is_gitops_api_version(object.api_version)) object.body = document_to_json(root);
  return object;
}

}  // namespace

std::string_view SummarizedObject::group() const {
  return group_of(api_version);
}

bool is_gitops_api_version(std::string_view api_version) {
  const std::string_view group = group_of(api_version);
  return group == "fluxcd.io" || group.ends_with(".fluxcd.io") || group == "argoproj.io";
}

std::optional<KustomizationSummary> summarize_kustomization(const ParsedFile& file) {
  const NodeRef root = kustomization_root(file);
  if (!root) return std::nullopt;
  KustomizationSummary k;
  k.namespace_ = std::string(root.get_string("namespace"));
  k.name_prefix = std::string(root.get_string("namePrefix"));
  k.name_suffix = std::string(root.get_string("nameSuffix"));
  for (const KustomizeReference& ref : kustomize_references(root)) {
    k.references.push_back(
        SummarizedReference{ref.path, ref.target == ReferenceTarget::kFileOrKustomization});
  }
  return k;
}

FileSummary summarize(const ParsedFile& file) {
  FileSummary summary;
  summary.complete = file.complete;
  for (const Document& doc : file.documents) {
    const NodeRef root = doc.root();
    if (!root.is_mapping()) continue;
    if (const NodeRef sops = root.get("sops");
        sops.is_mapping() && (sops.get("mac") || sops.get("lastmodified"))) {
      summary.sops_encrypted = true;
    }
    const NodeRef kind = root.get("kind");
    if (!kind.is_string() || kind.text().empty()) continue;
    const std::uint32_t document = static_cast<std::uint32_t>(doc.index());
    const NodeRef items = root.get("items");
    if (kind.text().ends_with("List") && items.is_sequence() &&
        !root.get_string("apiVersion").empty()) {
      // `kind: List` (and typed lists): its items are the objects, as kubectl applies them.
      for (std::size_t i = 0; i < items.size(); ++i) {
        const NodeRef item = items.item(i);
        if (item.is_mapping() && item.get("kind").is_string() && !item.get("kind").text().empty()) {
          summary.objects.push_back(summarize_object(item, document));
        }
      }
      continue;
    }
    summary.objects.push_back(summarize_object(root, document));
  }
  summary.kustomization = summarize_kustomization(file);
  return summary;
}

}  // namespace pushgate
