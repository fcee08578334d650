#include "validators/gitops/inventory_reference.h"

#include "core/tree/tree_view.h"

namespace pushgate {

bool reports_broken_reference(
    const RunContext& run, const ChangeSet& changes, std::string_view path,
    const std::function<bool(const ObjectInventory& base)>& broken_in_base) {
  if (run.base_tree == nullptr || changes.contains(path)) return true;
  return !broken_in_base(run.base_tree->inventory());
}

bool visit_inventory_object(const RunContext& run, const InventoryObject& object,
                            const std::function<void(const ObjectContext&)>& visit) {
  if (run.tree == nullptr) return false;
  const TreeFile* file = run.tree->file(object.entry->path);
  if (file == nullptr || file->parsed == nullptr) return false;
  const FileContext context{*file->parsed, file->content, run.ref};
  bool found = false;
  for_each_object(context, [&](const ObjectContext& candidate) {
    if (found || candidate.document.index() != static_cast<int>(object.object->document) ||
        candidate.kind != object.object->kind || candidate.name != object.object->name) {
      return;
    }
    found = true;
    visit(candidate);
  });
  return found;
}

const nlohmann::json* body_at(const nlohmann::json& body,
                              std::initializer_list<std::string_view> path) {
  const nlohmann::json* node = &body;
  for (std::string_view key : path) {
    if (!node->is_object()) return nullptr;
    const auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

std::string_view body_string(const nlohmann::json& body,
                             std::initializer_list<std::string_view> path) {
  const nlohmann::json* node = body_at(body, path);
  return node != nullptr && node->is_string()
             ? std::string_view(node->get_ref<const std::string&>())
             : std::string_view();
}

}  // namespace pushgate
