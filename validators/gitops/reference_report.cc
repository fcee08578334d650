#include "validators/gitops/reference_report.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "core/tree/kustomization_file.h"
#include "core/tree/tree_view.h"

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

// True for a file with a Flux object, or an Argo CD Application or ApplicationSet (its
// `kustomize.namespace` sets the namespace of the Flux objects under its path:
// FluxTree::namespaces).
bool holds_flux_input(const FileSummary* summary) {
  return summary != nullptr &&
         std::any_of(summary->objects.begin(), summary->objects.end(),
                     [](const SummarizedObject& o) {
                       return o.group().ends_with("fluxcd.io") ||
                              (o.group() == "argoproj.io" &&
                               (o.kind == "Application" || o.kind == "ApplicationSet"));
                     });
}

// Whether the run's change touched any Flux object (reference_report.h), once per run: kept in
// the run's tree view (TreeView::shared).
struct FluxChange {
  explicit FluxChange(const RunContext& run) : unchanged(judge(run)) {}
  static bool judge(const RunContext& run) {
    if (run.tree == nullptr || run.base_tree == nullptr) return false;
    auto decides_selection = [](std::string_view path) {
      const std::size_t slash = path.rfind('/');
      const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
      return name == "Chart.yaml" || is_kustomization_path(path);
    };
    for (const Entry& e : run.changed) {
      if (decides_selection(e.path)) return false;
      // After: a path that is not a selected regular file has no summary and holds no object;
      // one that cannot be read is not judged here (it might).
      if (run.tree->find(e.path) == nullptr) return false;
      const bool regular = e.mode == EntryMode::kFile || e.mode == EntryMode::kExecutable;
      if (regular && run.tree->selected(e.path)) {
        const std::shared_ptr<const FileSummary> after = run.tree->summary(e.path);
        if (after == nullptr || holds_flux_input(after.get())) return false;
      }
    }
    for (const std::string& path : run.deleted) {
      if (decides_selection(path)) return false;
    }
    // Before: the touched paths alone, as the tree before held them.
    const TreeView* before = run.base_of_changes();
    if (before == nullptr) return false;
    for (const InventoryFile& file : before->inventory().files()) {
      if (holds_flux_input(file.summary.get())) return false;
    }
    // A touched path the tree before held but its inventory lacks could not be read.
    for (const Entry& e : before->entries()) {
      const bool regular = e.mode == EntryMode::kFile || e.mode == EntryMode::kExecutable;
      if (regular && before->selected(e.path) && before->inventory().file(e.path) == nullptr) {
        return false;
      }
    }
    return true;
  }
  bool unchanged;
};

}  // namespace

bool flux_objects_unchanged(const RunContext& run) {
  return run.tree != nullptr && run.tree->shared<FluxChange>(run).unchanged;
}

bool reports_broken_reference(const RunContext& run, const ChangeSet& changes,
                              std::string_view path,
                              const std::function<bool(const TreeView& base)>& broken_in_base) {
  if (run.base_tree == nullptr || changes.contains(path)) return true;
  const TreeView* base = run.base();  // opened here, on the first broken reference
  if (base == nullptr) return true;   // could not be opened: fail closed
  return !broken_in_base(*base);
}

void report_reference_problems(const Validator& rule, const RunContext& run, Severity severity,
                               const ReferenceCheck& check, FindingList& out) {
  if (run.tree == nullptr) return;
  const FluxTree& tree = flux_tree(*run.tree);
  const ChangeSet changes(run.changed, run.deleted);
  const FluxTree* base = nullptr;  // built on the first unchanged file with a problem
  for (const InventoryObject& object : tree.inventory.objects()) {
    const std::vector<ReferenceProblem> problems = check(object, tree);
    if (problems.empty()) continue;
    // An unchanged file holds the same object in the tree before the change: judge it there.
    std::optional<std::vector<ReferenceProblem>> before;
    for (const ReferenceProblem& problem : problems) {
      if (!reports_broken_reference(run, changes, object.entry->path, [&](const TreeView& view) {
            if (base == nullptr) base = &flux_tree(view);
            if (!before) before = check(object, *base);
            return std::find(before->begin(), before->end(), problem) != before->end();
          })) {
        continue;
      }
      out.push_back(
          inventory_finding(rule, run, object, severity, problem.json_path, problem.message));
    }
  }
}

bool visit_inventory_object(const RunContext& run, const InventoryObject& object,
                            const std::function<void(const ObjectContext&)>& visit) {
  if (run.tree == nullptr) return false;
  const TreeFile* file = run.tree->file(object.entry->path);
  if (file == nullptr || file->parsed == nullptr) return false;
  const FileContext context{*file->parsed, file->content, run.ref};
  const SummarizedObject& summary = *object.object;
  bool found = false;
  for_each_object(context, [&](const ObjectContext& candidate) {
    // The object the summary describes: its document, and where it starts (a List item too).
    if (found || candidate.document.index() != static_cast<int>(summary.document) ||
        candidate.root.position() != summary.position) {
      return;
    }
    found = true;
    visit(candidate);
  });
  return found;
}

Finding inventory_finding(const Validator& rule, const RunContext& run,
                          const InventoryObject& object, Severity severity,
                          const std::string& json_path, std::string message) {
  std::optional<Finding> found;
  visit_inventory_object(run, object, [&](const ObjectContext& o) {
    found = o.finding(rule.rule(), severity, walk(o.root, json_path), json_path, message);
  });
  if (found) return *found;
  const SummarizedObject& summary = *object.object;
  Finding f = Finding::at(std::string(rule.rule()), severity, object.entry->path, summary.position,
                          std::move(message));
  f.document = static_cast<int>(summary.document);
  f.object =
      summary.api_version + "/" + summary.kind + "/" + summary.namespace_ + "/" + summary.name;
  f.json_path = json_path;
  return f;
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
