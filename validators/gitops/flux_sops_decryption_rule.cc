#include "validators/gitops/flux_sops_decryption_rule.h"

#include <algorithm>
#include <memory>
#include <set>

#include "validators/gitops/kustomize_graph.h"

namespace pushgate {
namespace {

std::string text(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const nlohmann::json& member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

bool at_or_under(std::string_view path, std::string_view folder) {
  return folder.empty() ||
         (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/');
}

}  // namespace

FluxSopsDecryptionRule::FluxSopsDecryptionRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("sources")) sources_ = *list;
  }
}

std::vector<ReferenceProblem> FluxSopsDecryptionRule::check(const InventoryObject& kustomization,
                                                            const FluxTree& tree,
                                                            Graphs& graphs) const {
  const SummarizedObject& object = *kustomization.object;
  if (object.kind != "Kustomization" || object.group() != "kustomize.toolkit.fluxcd.io") return {};
  const std::string own_namespace = tree.namespaces.of(kustomization);
  const nlohmann::json& spec = member(object.body.json(), "spec");
  const nlohmann::json& source = member(spec, "sourceRef");
  if (text(source, "kind") != "GitRepository") return {};
  std::string namespace_ = text(source, "namespace");
  if (namespace_.empty()) namespace_ = own_namespace;
  if (!listed_external(sources_, namespace_, text(source, "name"))) return {};
  if (text(member(spec, "decryption"), "provider") == "sops") return {};
  std::string_view written = member(spec, "path").is_string()
                                 ? member(spec, "path").get_ref<const std::string&>()
                                 : std::string_view();
  while (written.starts_with("/")) written.remove_prefix(1);
  const std::optional<std::string> folder =
      written.empty() ? std::optional<std::string>("") : resolve_tree_path("", written);
  if (!folder) return {};  // gitops/flux-source-path reports a path outside the repository

  std::vector<std::string> encrypted;
  for (const InventoryFile& file : tree.inventory.files()) {
    if (file.summary->sops_encrypted && at_or_under(file.entry->path, *folder)) {
      encrypted.push_back(file.entry->path);
    }
  }
  if (encrypted.empty()) return {};
  // With a kustomization in the folder, Flux builds only what it renders.
  std::unique_ptr<KustomizeGraph>& graph_of_tree = graphs[&tree.view];
  if (!graph_of_tree) graph_of_tree = std::make_unique<KustomizeGraph>(tree.view);
  const KustomizeGraph& graph = *graph_of_tree;
  if (const KustomizationNode* root = graph.in_folder(*folder)) {
    std::set<std::string> rendered;
    for (const RenderedFile& file : graph.render(*root)) rendered.insert(file.path);
    std::erase_if(encrypted, [&](const std::string& p) { return !rendered.contains(p); });
    if (encrypted.empty()) return {};
  }
  const std::string files = encrypted.size() == 1 ? "file " + encrypted.front()
                                                  : std::to_string(encrypted.size()) +
                                                        " files (first " + encrypted.front() + ")";
  std::string message = "path `" + std::string(written.empty() ? "./" : written) +
                        "` of Kustomization " + qualified_name(own_namespace, object.name) +
                        " holds the SOPS-encrypted " + files +
                        " but the Kustomization sets no `spec.decryption` with `provider: sops`, "
                        "so Flux would apply it still encrypted; add `decryption: {provider: "
                        "sops, secretRef: {name: sops-age}}` (your key's Secret)";
  return {{member(spec, "decryption").is_null() ? "spec.path" : "spec.decryption", message}};
}

void FluxSopsDecryptionRule::check_run(const RunContext& run, FindingList& out) const {
  if (sources_.empty()) return;
  Graphs graphs;  // built once per tree, and only when some path holds encrypted files
  report_reference_problems(
      *this, run, Severity::kError,
      [&](const InventoryObject& object, const FluxTree& tree) {
        return check(object, tree, graphs);
      },
      out);
}

}  // namespace pushgate
