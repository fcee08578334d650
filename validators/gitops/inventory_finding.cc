#include "validators/gitops/inventory_finding.h"

#include <charconv>

#include "validators/object_validator.h"

namespace pushgate {
namespace {

// Walks "a.b[2].c" from `node` as far as it exists.
NodeRef walk(NodeRef node, std::string_view json_path) {
  while (!json_path.empty()) {
    const std::size_t dot = json_path.find('.');
    std::string_view step = json_path.substr(0, dot);
    json_path = dot == std::string_view::npos ? std::string_view() : json_path.substr(dot + 1);
    std::size_t index = std::string_view::npos;
    if (const std::size_t bracket = step.find('['); bracket != std::string_view::npos) {
      const std::string_view digits = step.substr(bracket + 1, step.size() - bracket - 2);
      std::from_chars(digits.data(), digits.data() + digits.size(), index);
      step = step.substr(0, bracket);
    }
    NodeRef next = node.get(step);
    if (next && index != std::string_view::npos) next = next.item(index);
    if (!next) return node;
    node = next;
  }
  return node;
}

}  // namespace

Finding inventory_finding(const Validator& rule, const TreeView& tree,
                          const InventoryObject& object, Severity severity,
                          const std::string& json_path, std::string message) {
  const SummarizedObject& summary = *object.object;
  if (const TreeFile* file = tree.file(object.entry->path); file && file->parsed) {
    const FileContext context{*file->parsed, file->content};
    std::optional<Finding> found;
    for_each_object(context, [&](const ObjectContext& o) {
      // The object the summary describes: its document, and where it starts (a List item too).
      if (found || o.document.index() != static_cast<int>(summary.document) ||
          o.root.position() != summary.position) {
        return;
      }
      found = o.finding(rule.rule(), severity, walk(o.root, json_path), json_path, message);
    });
    if (found) return *found;
  }
  Finding f = Finding::at(std::string(rule.rule()), severity, object.entry->path, summary.position,
                          std::move(message));
  f.document = static_cast<int>(summary.document);
  f.object =
      summary.api_version + "/" + summary.kind + "/" + summary.namespace_ + "/" + summary.name;
  f.json_path = json_path;
  return f;
}

std::unordered_set<std::string_view> changed_paths(const RunContext& run) {
  std::unordered_set<std::string_view> out;
  for (const Entry& entry : run.changed) out.insert(entry.path);
  return out;
}

}  // namespace pushgate
