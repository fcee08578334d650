#include "validators/gitops/flux_source_refs.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace pushgate {
namespace {

// Where a source reference sits and which source kinds Flux accepts there
// (kustomize.toolkit.fluxcd.io/v1, helm.toolkit.fluxcd.io/v2; ExternalArtifact since Flux 2.7).
struct RefSite {
  std::string_view group;
  std::string_view kind;
  std::array<std::string_view, 4> pointer;  // JSON keys down to the reference
  std::string_view json_path;
  std::array<std::string_view, 4> allowed;
};

constexpr std::array<RefSite, 3> kSites = {{
    {"kustomize.toolkit.fluxcd.io",
     "Kustomization",
     {"spec", "sourceRef", "", ""},
     "spec.sourceRef",
     {"GitRepository", "OCIRepository", "Bucket", "ExternalArtifact"}},
    {"helm.toolkit.fluxcd.io",
     "HelmRelease",
     {"spec", "chart", "spec", "sourceRef"},
     "spec.chart.spec.sourceRef",
     {"HelmRepository", "GitRepository", "Bucket", ""}},
    {"helm.toolkit.fluxcd.io",
     "HelmRelease",
     {"spec", "chartRef", "", ""},
     "spec.chartRef",
     {"OCIRepository", "HelmChart", "ExternalArtifact", ""}},
}};

const nlohmann::json* at(const nlohmann::json& body, const RefSite& site) {
  const nlohmann::json* node = &body;
  for (std::string_view key : site.pointer) {
    if (key.empty()) break;
    if (!node->is_object()) return nullptr;
    const auto it = node->find(std::string(key));
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node->is_object() ? node : nullptr;
}

std::string text(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string allowed_list(const RefSite& site) {
  std::string out;
  for (std::string_view kind : site.allowed) {
    if (kind.empty()) continue;
    if (!out.empty()) out += ", ";
    out += kind;
  }
  return out;
}

// `flux bootstrap` and the Flux Operator create the GitRepository or OCIRepository
// `flux-system/flux-system` that syncs the cluster; most repositories do not keep it (or keep a
// placeholder comment in gotk-sync.yaml). A reference to it is not broken unless the tree defines
// a source of that name somewhere (then the reference likely names the wrong one), or keeps the
// sources bootstrap writes (a gotk-sync.yaml with a GitRepository or OCIRepository: renamed).
bool is_bootstrap_source(std::string_view kind, std::string_view name,
                         std::string_view namespace_) {
  return (kind == "GitRepository" || kind == "OCIRepository") && name == "flux-system" &&
         (namespace_ == "flux-system" || namespace_.empty());
}

}  // namespace

std::vector<ReferenceProblem> source_ref_problems(const InventoryObject& object,
                                                  const FluxTree& tree, SourceRefProblems which,
                                                  const std::vector<std::string>& external) {
  std::vector<ReferenceProblem> out;
  const SummarizedObject& referrer = *object.object;
  if (referrer.body.is_null()) return out;
  const std::string applied_namespace = tree.namespaces.of(object);
  const std::string display =
      referrer.kind + " " + qualified_name(applied_namespace, referrer.name);
  for (const RefSite& site : kSites) {
    if (referrer.kind != site.kind || referrer.group() != site.group) continue;
    const nlohmann::json* ref = at(referrer.body.json(), site);
    if (ref == nullptr) continue;
    const std::string kind = text(*ref, "kind");
    const std::string name = text(*ref, "name");
    std::string namespace_ = text(*ref, "namespace");
    if (namespace_.empty()) namespace_ = applied_namespace;
    const std::string where = std::string(site.json_path);
    if (std::find(site.allowed.begin(), site.allowed.end(), kind) == site.allowed.end() ||
        kind.empty()) {
      if (which == SourceRefProblems::kBroken) {
        out.push_back(
            {where + ".kind", (kind.empty() ? "`" + where + "` of " + display + " has no kind"
                                            : "`" + where + "` of " + display + " names a " + kind +
                                                  ", which Flux does not accept there") +
                                  "; use one of " + allowed_list(site)});
      }
      continue;
    }
    if (name.empty() || is_templated(name) || is_templated(namespace_) ||
        listed_external(external, namespace_, name)) {
      continue;
    }
    if (!tree.lookup.find(kind, name, namespace_).empty()) continue;
    if (which == SourceRefProblems::kBroken && is_bootstrap_source(kind, name, namespace_) &&
        !tree.lookup.bootstrap_sync_in_tree() && tree.lookup.find(kind, name, "").empty()) {
      continue;  // made by `flux bootstrap` or the Flux Operator, not kept in the tree
    }
    const std::string target = kind + " " + qualified_name(namespace_, name);
    if (!tree.lookup.defines_kind(kind)) {
      if (which == SourceRefProblems::kExternal) {
        out.push_back(
            {where + ".name", "source " + target + " of " + display +
                                  " is not defined in this repository, which defines no " + kind +
                                  " at all; it may live in another repository or be created by "
                                  "bootstrap: if so, list it in the `external` option of "
                                  "gitops/flux-source-ref"});
      }
      continue;
    }
    if (which != SourceRefProblems::kBroken || tree.lookup.has_templated_name(kind)) continue;
    std::string message = "source " + target + " of " + display + " is not defined in the tree";
    if (std::string there = tree.lookup.other_namespace_hint(kind, name); !there.empty()) {
      message += there;
    } else if (const std::string near = tree.lookup.closest(kind, name, namespace_);
               !near.empty()) {
      message += "; did you mean `" + near + "`";
    } else {
      message += "; fix the name, add the " + kind +
                 ", or list it in the `external` option if it lives elsewhere";
    }
    out.push_back({where + ".name", std::move(message)});
  }
  return out;
}

}  // namespace pushgate
