#include "core/tree/kustomization_file.h"

#include <algorithm>

namespace pushgate {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// An inline patch in patchesStrategicMerge is YAML text, not a path.
bool is_inline_patch(std::string_view text) {
  return text.find('\n') != std::string_view::npos || text.find(": ") != std::string_view::npos;
}

void add(std::vector<KustomizeReference>& out, std::string field, NodeRef node,
         ReferenceTarget target, bool resource = false) {
  if (!node.is_string() || node.text().empty()) return;
  out.push_back(
      KustomizeReference{std::move(field), std::string(node.text()), node, target, resource});
}

// A list of path strings under `key`.
void add_list(std::vector<KustomizeReference>& out, NodeRef root, std::string_view key,
              ReferenceTarget target, bool resource = false) {
  const NodeRef list = root.get(key);
  for (std::size_t i = 0; i < list.size() && list.is_sequence(); ++i) {
    add(out, std::string(key), list.item(i), target, resource);
  }
}

// A list of mappings whose `path` names a file (patches, patchesJson6902, replacements).
void add_item_paths(std::vector<KustomizeReference>& out, NodeRef root, std::string_view key) {
  const NodeRef list = root.get(key);
  for (std::size_t i = 0; i < list.size() && list.is_sequence(); ++i) {
    add(out, std::string(key) + "[" + std::to_string(i) + "].path", list.item(i).get("path"),
        ReferenceTarget::kFile);
  }
}

void add_generator(std::vector<KustomizeReference>& out, NodeRef root, std::string_view key) {
  const NodeRef list = root.get(key);
  for (std::size_t i = 0; i < list.size() && list.is_sequence(); ++i) {
    const NodeRef generator = list.item(i);
    const std::string prefix = std::string(key) + "[" + std::to_string(i) + "].";
    const NodeRef files = generator.get("files");
    for (std::size_t f = 0; f < files.size() && files.is_sequence(); ++f) {
      const NodeRef item = files.item(f);
      if (!item.is_string()) continue;
      // "key=path" names the data key; the file is after the first '='.
      std::string_view text = item.text();
      const std::size_t eq = text.find('=');
      if (eq != std::string_view::npos) text = text.substr(eq + 1);
      if (text.empty()) continue;
      out.push_back(KustomizeReference{prefix + "files", std::string(text), item,
                                       ReferenceTarget::kFile, false});
    }
    const NodeRef envs = generator.get("envs");
    for (std::size_t e = 0; e < envs.size() && envs.is_sequence(); ++e) {
      add(out, prefix + "envs", envs.item(e), ReferenceTarget::kFile);
    }
    add(out, prefix + "env", generator.get("env"), ReferenceTarget::kFile);
  }
}

}  // namespace

bool is_kustomization_path(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view candidate : kKustomizationNames) {
    if (name == candidate) return true;
  }
  return false;
}

NodeRef kustomization_root(const ParsedFile& file) {
  if (file.documents.empty()) return {};
  const NodeRef root = file.documents.front().root();
  if (!root.is_mapping()) return {};
  const NodeRef api_version = root.get("apiVersion");
  const NodeRef kind = root.get("kind");
  if (api_version && !starts_with(api_version.text(), "kustomize.config.k8s.io/")) return {};
  if (kind && kind.text() != "Kustomization" && kind.text() != "Component") return {};
  return root;
}

std::vector<KustomizeReference> kustomize_references(NodeRef root) {
  std::vector<KustomizeReference> out;
  if (!root.is_mapping()) return out;
  add_list(out, root, "resources", ReferenceTarget::kFileOrKustomization, true);
  add_list(out, root, "bases", ReferenceTarget::kFileOrKustomization, true);
  add_list(out, root, "components", ReferenceTarget::kFileOrKustomization);
  const NodeRef strategic = root.get("patchesStrategicMerge");
  for (std::size_t i = 0; i < strategic.size() && strategic.is_sequence(); ++i) {
    const NodeRef item = strategic.item(i);
    if (item.is_string() && !is_inline_patch(item.text())) {
      add(out, "patchesStrategicMerge", item, ReferenceTarget::kFile);
    }
  }
  add_item_paths(out, root, "patches");
  add_item_paths(out, root, "patchesJson6902");
  add_item_paths(out, root, "replacements");
  add_generator(out, root, "configMapGenerator");
  add_generator(out, root, "secretGenerator");
  add_list(out, root, "crds", ReferenceTarget::kFile);
  add_list(out, root, "configurations", ReferenceTarget::kFile);
  add(out, "openapi.path", root.get("openapi").get("path"), ReferenceTarget::kFile);
  return out;
}

std::vector<KustomizeReference> kustomize_read_paths(NodeRef root) {
  std::vector<KustomizeReference> out = kustomize_references(root);
  if (!root.is_mapping()) return out;
  for (std::string_view key : {"transformers", "generators", "validators"}) {
    add_list(out, root, key, ReferenceTarget::kFileOrKustomization);
  }
  add(out, "helmGlobals.chartHome", root.get("helmGlobals").get("chartHome"),
      ReferenceTarget::kFileOrKustomization);
  return out;
}

std::optional<std::string> path_in_tree(std::string_view folder, std::string_view reference) {
  if (reference.empty() || reference.front() == '/') return std::nullopt;
  std::vector<std::string_view> parts;
  auto walk = [&](std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
      const std::size_t slash = std::min(path.find('/', start), path.size());
      const std::string_view part = path.substr(start, slash - start);
      start = slash + 1;
      if (part.empty() || part == ".") continue;
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.push_back(part);
      }
    }
    return true;
  };
  if (!walk(folder) || !walk(reference)) return std::nullopt;
  std::string joined;
  for (std::string_view part : parts) {
    if (!joined.empty()) joined += '/';
    joined += part;
  }
  return joined;
}

bool is_remote_reference(std::string_view path) {
  if (path.find("://") != std::string_view::npos) return true;
  if (path.find("?ref=") != std::string_view::npos ||
      path.find("?version=") != std::string_view::npos) {
    return true;
  }
  for (std::string_view host : {"git@", "github.com/", "gitlab.com/", "bitbucket.org/",
                                "git::", "ssh:", "https:", "http:"}) {
    if (starts_with(path, host)) return true;
  }
  return false;
}

bool is_glob_reference(std::string_view path) {
  return path.find_first_of("*?[") != std::string_view::npos;
}

}  // namespace pushgate
