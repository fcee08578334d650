#include "validators/gitops/flux_dependency_graph.h"

#include <algorithm>
#include <functional>
#include <map>

namespace pushgate {
namespace {

std::string text(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool has_flux_depends_on(const SummarizedObject& object) {
  return (object.kind == "Kustomization" && object.group() == "kustomize.toolkit.fluxcd.io") ||
         (object.kind == "HelmRelease" && object.group() == "helm.toolkit.fluxcd.io");
}

std::vector<DependsOnEntry> depends_on_entries(const SummarizedObject& object,
                                               std::string_view namespace_) {
  std::vector<DependsOnEntry> out;
  if (!has_flux_depends_on(object)) return out;
  const nlohmann::json& body = object.body.json();
  if (!body.is_object()) return out;
  const auto spec = body.find("spec");
  if (spec == body.end() || !spec->is_object()) return out;
  const auto list = spec->find("dependsOn");
  if (list == spec->end() || !list->is_array()) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& item = (*list)[i];
    if (!item.is_object()) continue;
    DependsOnEntry entry{i, text(item, "name"), text(item, "namespace")};
    if (entry.name.empty()) continue;
    if (entry.namespace_.empty()) entry.namespace_ = namespace_;
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<DependencyCycle> dependency_cycles(const FluxTree& tree) {
  const auto objects = tree.inventory.objects();
  // Only Kustomizations and HelmReleases take part: most trees hold few among many objects.
  std::map<const SummarizedObject*, std::size_t> index_of;
  std::vector<std::string> namespaces(objects.size());  // as applied, of those only
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (!has_flux_depends_on(*objects[i].object)) continue;
    index_of[objects[i].object] = i;
    namespaces[i] = tree.namespaces.of(objects[i]);
  }
  if (index_of.empty()) return {};

  // Edges: object -> (dependsOn index, dependency), only where the dependency is unambiguous.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> edges(objects.size());
  for (const auto& [object, i] : index_of) {
    for (const DependsOnEntry& entry : depends_on_entries(*object, namespaces[i])) {
      std::vector<InventoryObject> targets =
          tree.lookup.find(object->kind, entry.name, entry.namespace_);
      if (targets.size() > 1) {
        std::erase_if(targets, [&](const InventoryObject& t) {
          return tree.namespaces.of(t) != entry.namespace_;
        });
      }
      if (targets.size() != 1) continue;
      const auto target = index_of.find(targets.front().object);
      if (target != index_of.end()) edges[i].emplace_back(entry.index, target->second);
    }
  }

  // Tarjan's strongly connected components (recursive: dependsOn chains are short).
  std::vector<int> order(objects.size(), -1), low(objects.size(), 0);
  std::vector<bool> on_stack(objects.size(), false);
  std::vector<std::size_t> stack;
  std::vector<std::vector<std::size_t>> components;
  int counter = 0;
  std::function<void(std::size_t)> visit = [&](std::size_t v) {
    order[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (const auto& [entry, w] : edges[v]) {
      if (order[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], order[w]);
      }
    }
    if (low[v] != order[v]) return;
    std::vector<std::size_t> component;
    std::size_t w = 0;
    do {
      w = stack.back();
      stack.pop_back();
      on_stack[w] = false;
      component.push_back(w);
    } while (w != v);
    components.push_back(std::move(component));
  };
  for (std::size_t v = 0; v < objects.size(); ++v) {
    if (order[v] < 0 && !edges[v].empty()) visit(v);
  }

  std::vector<DependencyCycle> cycles;
  for (std::vector<std::size_t>& component : components) {
    std::sort(component.begin(), component.end());
    const std::size_t first = component.front();
    const auto self_loop = std::find_if(edges[first].begin(), edges[first].end(),
                                        [&](const auto& e) { return e.second == first; });
    if (component.size() == 1 && self_loop == edges[first].end()) continue;
    DependencyCycle cycle;
    if (component.size() == 1) {
      cycle.members = {first};
      cycle.entry = self_loop->first;
    } else {
      // Breadth-first from `first` inside the component back to `first`: the shortest cycle.
      std::map<std::size_t, std::pair<std::size_t, std::size_t>>
          came_from;  // node -> (prev, entry)
      std::vector<std::size_t> frontier = {first};
      bool closed = false;
      for (std::size_t at = 0; at < frontier.size() && !closed; ++at) {
        const std::size_t v = frontier[at];
        for (const auto& [entry, w] : edges[v]) {
          if (!std::binary_search(component.begin(), component.end(), w)) continue;
          if (w == first) {
            came_from[first] = {v, entry};
            closed = true;
            break;
          }
          if (came_from.contains(w)) continue;
          came_from[w] = {v, entry};
          frontier.push_back(w);
        }
      }
      std::vector<std::size_t> reversed;
      std::size_t v = came_from.at(first).first;
      while (v != first) {
        reversed.push_back(v);
        v = came_from.at(v).first;
      }
      cycle.members = {first};
      cycle.members.insert(cycle.members.end(), reversed.rbegin(), reversed.rend());
      cycle.entry = cycle.members.size() > 1 ? came_from.at(cycle.members[1]).second
                                             : came_from.at(first).second;
    }
    const SummarizedObject& head = *objects[first].object;
    cycle.description = head.kind + " " + qualified_name(namespaces[first], head.name);
    for (std::size_t k = 1; k <= cycle.members.size(); ++k) {
      const std::size_t member = cycle.members[k % cycle.members.size()];
      cycle.description +=
          " -> " + qualified_name(namespaces[member], objects[member].object->name);
    }
    cycles.push_back(std::move(cycle));
  }
  return cycles;
}

}  // namespace pushgate
