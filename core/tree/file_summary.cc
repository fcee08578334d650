#include "core/tree/file_summary.h"

#include "core/schema/document_json.h"

namespace pushgate {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view group_of(std::string_view api_version) {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

}  // namespace

std::string_view SummarizedObject::group() const {
  return group_of(api_version);
}

bool is_gitops_api_version(std::string_view api_version) {
  const std::string_view group = group_of(api_version);
  return group == "fluxcd.io" || ends_with(group, ".fluxcd.io") || group == "argoproj.io";
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
    SummarizedObject object;
    object.kind = std::string(kind.text());
    if (const NodeRef api = root.get("apiVersion"); api.is_string()) {
      object.api_version = std::string(api.text());
    }
    if (const NodeRef metadata = root.get("metadata"); metadata.is_mapping()) {
      if (const NodeRef name = metadata.get("name"); name.is_string()) {
        object.name = std::string(name.text());
      }
      if (const NodeRef ns = metadata.get("namespace"); ns.is_string()) {
        object.namespace_ = std::string(ns.text());
      }
    }
    object.document = static_cast<std::uint32_t>(doc.index());
    object.position = root.position();
    if (is_gitops_api_version(object.api_version)) object.body = document_to_json(root);
    summary.objects.push_back(std::move(object));
  }
  return summary;
}

}  // namespace pushgate
