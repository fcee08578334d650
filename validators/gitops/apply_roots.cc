#include "validators/gitops/apply_roots.h"

#include <nlohmann/json.hpp>

namespace pushgate {
namespace {

constexpr std::string_view kUnresolved = "\x01";

const nlohmann::json* member(const nlohmann::json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(std::string(key));
  return it == j.end() ? nullptr : &*it;
}

std::string string_at(const nlohmann::json& j, std::string_view key) {
  const nlohmann::json* m = member(j, key);
  return m != nullptr && m->is_string() ? m->get<std::string>() : std::string();
}

bool is_flux_kustomization(const SummarizedObject& o) {
  return o.kind == "Kustomization" && o.group() == "kustomize.toolkit.fluxcd.io";
}

bool is_argo_application(const SummarizedObject& o) {
  return o.kind == "Application" && o.group() == "argoproj.io";
}

}  // namespace

std::string ApplyRoots::normalize(std::string_view path) {
  if (path.find("${") != std::string_view::npos || path.find("{{") != std::string_view::npos) {
    return std::string(kUnresolved);
  }
  std::string out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const std::size_t slash = std::min(path.find('/', i), path.size());
    const std::string_view part = path.substr(i, slash - i);
    if (part == "..") return std::string(kUnresolved);
    if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out += part;
    }
    i = slash + 1;
  }
  return out;
}

ApplyRoots::ApplyRoots(const TreeView& tree) {
  for (const InventoryObject& o : tree.inventory().objects()) {
    const SummarizedObject& object = *o.object;
    // The kind first: only these bodies are read (decoded from the index when first read).
    if (!is_flux_kustomization(object) && !is_argo_application(object)) continue;
    const nlohmann::json* spec = member(object.body.json(), "spec");
    if (spec == nullptr) continue;
    if (is_flux_kustomization(object)) {
      // Without a path Flux applies the root of its source, which may be another repository:
      // no proof that this tree's root is applied.
      const std::string written = string_at(*spec, "path");
      if (written.empty()) continue;
      const std::string path = normalize(written);
      if (path != kUnresolved) recursive_.insert(path);
      continue;
    }
    auto add_source = [&](const nlohmann::json& source) {
      const nlohmann::json* path = member(source, "path");
      if (path == nullptr || !path->is_string()) return;
      const std::string folder = normalize(path->get<std::string>());
      if (folder == kUnresolved) return;
      bool recurse = false;
      if (const nlohmann::json* directory = member(source, "directory")) {
        if (const nlohmann::json* r = member(*directory, "recurse"); r && r->is_boolean()) {
          recurse = r->get<bool>();
        }
      }
      (recurse ? recursive_ : exact_).insert(folder);
    };
    if (const nlohmann::json* source = member(*spec, "source")) add_source(*source);
    if (const nlohmann::json* sources = member(*spec, "sources"); sources && sources->is_array()) {
      for (const nlohmann::json& source : *sources) add_source(source);
    }
  }
}

bool ApplyRoots::applies(std::string_view folder) const {
  if (exact_.contains(folder) || recursive_.contains(folder)) return true;
  for (std::size_t slash = folder.rfind('/'); slash != std::string_view::npos;
       slash = slash == 0 ? std::string_view::npos : folder.rfind('/', slash - 1)) {
    if (recursive_.contains(folder.substr(0, slash))) return true;
  }
  return !folder.empty() && recursive_.contains("");
}

bool defines_apply_roots(const TreeView& tree, std::string_view path) {
  const FileSummary* summary = tree.inventory().file(path);
  if (summary == nullptr) return false;
  for (const SummarizedObject& o : summary->objects) {
    if (is_flux_kustomization(o) || is_argo_application(o)) return true;
  }
  return false;
}

}  // namespace pushgate
