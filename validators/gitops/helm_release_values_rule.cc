#include "validators/gitops/helm_release_values_rule.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/schema/violation.h"
#include "core/tree/tree_view.h"
#include "validators/gitops/argo_source_path_rule.h"
#include "validators/gitops/chart_values_schema.h"
#include "validators/gitops/flux_object_lookup.h"
#include "validators/gitops/reference_report.h"

namespace pushgate {
namespace {

// Values an object gives an in-tree chart.
struct ValuesUse {
  std::string chart;                   // the chart's folder
  std::vector<std::string> node_path;  // keys from the object's root to the values mapping
  std::string json_path;               // the same, for findings: "spec.values"
};

std::optional<std::string> chart_folder(std::string_view written) {
  while (written.starts_with("./")) written.remove_prefix(2);
  while (written.starts_with("/")) written.remove_prefix(1);
  if (written.empty() || written == ".") return std::string();
  return resolve_tree_path("", written);
}

NodeRef walk(NodeRef node, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    if (key.front() == '[') {
      node = node.item(std::stoul(key.substr(1)));
    } else {
      node = node.get(key);
    }
  }
  return node;
}

}  // namespace

HelmReleaseValuesRule::HelmReleaseValuesRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("sources")) sources_ = *list;
    if (const auto* list = setting->options.strings("repositories")) {
      for (const std::string& url : *list) {
        repositories_.push_back(ArgoSourcePathRule::normalize_url(url));
      }
    }
  }
}

void HelmReleaseValuesRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr || (sources_.empty() && repositories_.empty())) return;
  const TreeView& tree = *run.tree;
  const ChangeSet changes(run.changed, run.deleted);
  // The uses of in-tree charts by one object of the inventory.
  auto uses_of = [&](const InventoryObject& o) {
    std::vector<ValuesUse> uses;
    const nlohmann::json& body = o.object->body.json();
    if (o.object->kind == "HelmRelease" && o.object->group() == "helm.toolkit.fluxcd.io") {
      const nlohmann::json* spec = body_at(body, {"spec", "chart", "spec"});
      if (spec == nullptr || body_at(body, {"spec", "values"}) == nullptr) return uses;
      if (body_string(*spec, {"sourceRef", "kind"}) != "GitRepository") return uses;
      const std::string name(body_string(*spec, {"sourceRef", "name"}));
      std::string namespace_(body_string(*spec, {"sourceRef", "namespace"}));
      // Defaults to the HelmRelease's namespace as applied ("" when unknown).
      if (namespace_.empty()) namespace_ = flux_tree(tree).namespaces.of(o);
      const bool ours = std::any_of(sources_.begin(), sources_.end(), [&](const std::string& s) {
        return s == name || (!namespace_.empty() && s == namespace_ + "/" + name);
      });
      if (!ours) return uses;
      if (auto folder = chart_folder(body_string(*spec, {"chart"}))) {
        uses.push_back({*folder, {"spec", "values"}, "spec.values"});
      }
    } else if (o.object->kind == "Application" && o.object->group() == "argoproj.io") {
      auto add = [&](const nlohmann::json* source, std::vector<std::string> at,
                     const std::string& json_at) {
        if (source == nullptr || body_at(*source, {"helm", "valuesObject"}) == nullptr) return;
        if (body_at(*source, {"chart"}) != nullptr) return;  // a chart of a Helm repository
        const std::string url =
            ArgoSourcePathRule::normalize_url(body_string(*source, {"repoURL"}));
        if (std::find(repositories_.begin(), repositories_.end(), url) == repositories_.end()) {
          return;
        }
        if (auto folder = chart_folder(body_string(*source, {"path"}))) {
          at.insert(at.end(), {"helm", "valuesObject"});
          uses.push_back({*folder, at, json_at + ".helm.valuesObject"});
        }
      };
      add(body_at(body, {"spec", "source"}), {"spec", "source"}, "spec.source");
      if (const nlohmann::json* sources = body_at(body, {"spec", "sources"});
          sources != nullptr && sources->is_array()) {
        for (std::size_t i = 0; i < sources->size(); ++i) {
          add(&(*sources)[i], {"spec", "sources", "[" + std::to_string(i)},
              "spec.sources[" + std::to_string(i) + "]");
        }
      }
    }
    return uses;
  };
  std::map<std::string, std::optional<CompiledSchema>, std::less<>> schemas, base_schemas;
  auto schema_in = [](const TreeView& in, auto& cache, const std::string& folder) {
    auto it = cache.find(folder);
    if (it == cache.end()) it = cache.emplace(folder, chart_values_schema(in, folder)).first;
    return it->second && it->second->ok() ? &*it->second : nullptr;
  };
  auto violations = [](const CompiledSchema& schema, NodeRef values) {
    ViolationList list = schema.validate(values);
    // Merged over the chart's values.yaml and valuesFrom first: `required` may be met there.
    std::erase_if(list, [](const Violation& v) { return v.keyword == "required"; });
    return list;
  };
  for (const InventoryObject& o : tree.inventory().objects()) {
    for (const ValuesUse& use : uses_of(o)) {
      // Judged when the object or the chart's schema or Chart.yaml changed (the only inputs).
      const bool file_changed = run.base_tree == nullptr || changes.contains(o.entry->path);
      if (!file_changed && !changes.contains(chart_values_schema_path(use.chart)) &&
          !changes.contains(use.chart.empty() ? "Chart.yaml" : use.chart + "/Chart.yaml")) {
        continue;
      }
      const CompiledSchema* schema = schema_in(tree, schemas, use.chart);
      if (schema == nullptr) continue;  // no chart, no schema, or helm-values-schema's finding
      visit_inventory_object(run, o, [&](const ObjectContext& object) {
        const NodeRef values = walk(object.root, use.node_path);
        if (!values) return;
        ViolationList found = violations(*schema, values);
        if (!file_changed) {
          // Only the schema changed: report what it broke, not what the old schema refused too.
          // Opened here only; when it cannot be, everything found is reported (fail closed).
          const TreeView* base = run.base();
          if (const CompiledSchema* before =
                  base != nullptr ? schema_in(*base, base_schemas, use.chart) : nullptr) {
            std::set<std::pair<std::string, std::string>> old;
            for (const Violation& v : violations(*before, values))
              old.emplace(v.json_path, v.message);
            std::erase_if(found, [&](const Violation& v) {
              return old.contains({v.json_path, v.message});
            });
          }
        }
        for (const Violation& v : found) {
          Finding f = to_finding(v, std::string(object.file.file.path));
          f.rule = std::string(rule());
          f.object = object.object_id();
          f.json_path =
              object.json_prefix + use.json_path +
              (v.json_path.empty() || v.json_path.front() == '[' ? v.json_path : "." + v.json_path);
          f.message = v.message + " (" + chart_values_schema_path(use.chart) + ", for " +
                      object.display() + "); fix the value or the chart's schema";
          out.push_back(std::move(f));
        }
      });
    }
  }
}

}  // namespace pushgate
