#include "validators/gitops/argo_applicationset_path_rule.h"

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <set>

#include "core/tree/tree_view.h"
#include "validators/gitops/argo_glob.h"
#include "validators/gitops/argo_source_path_rule.h"
#include "validators/gitops/reference_report.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {
namespace {

// One `path` pattern of a git generator.
struct PathPattern {
  std::string json_path;  // "spec.generators[0].git.directories[1].path"
  std::string pattern;
  bool directory = true;
  std::vector<std::string> excludes;  // the generator's `exclude: true` directory patterns
};

bool templated(std::string_view text) {
  return text.find("{{") != std::string_view::npos;
}

void collect_generators(const nlohmann::json& generators, const std::string& prefix,
                        const std::vector<std::string>& repositories,
                        std::vector<PathPattern>& out) {
  if (!generators.is_array()) return;
  for (std::size_t i = 0; i < generators.size(); ++i) {
    const nlohmann::json& generator = generators[i];
    const std::string at = prefix + "[" + std::to_string(i) + "]";
    for (std::string_view combiner : {"matrix", "merge"}) {
      if (const nlohmann::json* nested = body_at(generator, {combiner, "generators"})) {
        collect_generators(*nested, at + "." + std::string(combiner) + ".generators", repositories,
                           out);
      }
    }
    const nlohmann::json* git = body_at(generator, {"git"});
    if (git == nullptr) continue;
    const std::string_view url = body_string(*git, {"repoURL"});
    if (url.empty() || templated(url)) continue;
    if (std::find(repositories.begin(), repositories.end(),
                  ArgoSourcePathRule::normalize_url(url)) == repositories.end()) {
      continue;
    }
    std::vector<std::string> excludes;
    std::vector<PathPattern> patterns;
    for (std::string_view list : {"directories", "files"}) {
      const nlohmann::json* items = body_at(*git, {list});
      if (items == nullptr || !items->is_array()) continue;
      for (std::size_t j = 0; j < items->size(); ++j) {
        const std::string_view path = body_string((*items)[j], {"path"});
        if (path.empty() || templated(path)) continue;
        const nlohmann::json* exclude = body_at((*items)[j], {"exclude"});
        if (list == "directories" && exclude != nullptr && exclude->is_boolean() &&
            exclude->get<bool>()) {
          excludes.emplace_back(path);
          continue;
        }
        patterns.push_back({at + ".git." + std::string(list) + "[" + std::to_string(j) + "].path",
                            std::string(path),
                            list == "directories",
                            {}});
      }
    }
    for (PathPattern& p : patterns) {
      if (p.directory) p.excludes = excludes;
      out.push_back(std::move(p));
    }
  }
}

// The folders Argo CD's repo server lists for directory generators: every folder of the tree,
// without hidden ones (a segment starting with '.') and what lies under them.
std::vector<std::string> folders_of(const TreeView& tree) {
  std::set<std::string> folders;
  for (const Entry& entry : tree.entries()) {
    std::string_view folder = parent_folder(entry.path);
    while (!folder.empty() && folders.insert(std::string(folder)).second) {
      folder = parent_folder(folder);
    }
  }
  std::vector<std::string> out;
  for (const std::string& f : folders) {
    if (f.starts_with(".") || f.find("/.") != std::string::npos) continue;
    out.push_back(f);
  }
  return out;
}

std::unique_ptr<RE2> compile(const std::string& regex) {
  if (regex.empty()) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(regex, options);
  return re->ok() ? std::move(re) : nullptr;
}

// "" when the pattern yields something in `tree`, else why it yields nothing.
std::string why_empty(const PathPattern& p, const TreeView& tree,
                      const std::vector<std::string>* folders) {
  if (!p.directory) {
    for (const Entry& entry : tree.entries()) {
      if (argo_glob_match(p.pattern, entry.path, false)) return {};
    }
    return "matches no file of this repository";
  }
  const std::unique_ptr<RE2> include =
      compile(ArgoApplicationSetPathRule::go_path_match_regex(p.pattern));
  if (include == nullptr) return "is no valid pattern (Go path.Match syntax)";
  std::vector<std::unique_ptr<RE2>> excludes;
  for (const std::string& e : p.excludes) {
    if (auto re = compile(ArgoApplicationSetPathRule::go_path_match_regex(e))) {
      excludes.push_back(std::move(re));
    }
  }
  bool matched = false;
  for (const std::string& folder : *folders) {
    if (!RE2::FullMatch(folder, *include)) continue;
    matched = true;
    if (std::none_of(excludes.begin(), excludes.end(),
                     [&](const auto& re) { return RE2::FullMatch(folder, *re); })) {
      return {};
    }
  }
  return matched ? "matches only folders that an `exclude: true` entry removes"
                 : "matches no folder of this repository";
}

// Walks "spec.generators[0].git.files[1].path" down a parsed object.
NodeRef node_at(NodeRef root, std::string_view json_path) {
  NodeRef node = root;
  while (!json_path.empty() && node) {
    const std::size_t end = json_path.find_first_of(".[");
    const std::string_view key = json_path.substr(0, end);
    if (!key.empty()) node = node.get(key);
    if (end == std::string_view::npos) break;
    json_path.remove_prefix(end);
    if (json_path.front() == '.') {
      json_path.remove_prefix(1);
    } else {
      const std::size_t close = json_path.find(']');
      node = node.item(std::stoul(std::string(json_path.substr(1, close - 1))));
      json_path.remove_prefix(close + 1);
      if (!json_path.empty() && json_path.front() == '.') json_path.remove_prefix(1);
    }
  }
  return node;
}

}  // namespace

ArgoApplicationSetPathRule::ArgoApplicationSetPathRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("repositories")) {
      for (const std::string& url : *list) {
        repositories_.push_back(ArgoSourcePathRule::normalize_url(url));
      }
    }
  }
}

std::string ArgoApplicationSetPathRule::go_path_match_regex(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (++i == pattern.size()) return {};
      out += RE2::QuoteMeta(pattern.substr(i, 1));
    } else if (c == '*') {
      out += "[^/]*";
    } else if (c == '?') {
      out += "[^/]";
    } else if (c == '[') {
      const std::size_t close = pattern.find(']', i + 1);
      if (close == std::string_view::npos) return {};
      std::string_view inner = pattern.substr(i + 1, close - i - 1);
      out += '[';
      if (!inner.empty() && inner.front() == '^') {
        out += '^';
        inner.remove_prefix(1);
      }
      if (inner.empty()) return {};
      for (char k : inner) {
        if (k == '[' || k == ']' || k == '^') out += '\\';
        out += k;
      }
      out += ']';
      i = close;
    } else {
      out += RE2::QuoteMeta(pattern.substr(i, 1));
    }
  }
  return out;
}

void ArgoApplicationSetPathRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr || repositories_.empty()) return;
  const ChangeSet changes(run.changed, run.deleted);
  std::optional<std::vector<std::string>> folders, base_folders;
  for (const InventoryObject& set : run.tree->inventory().objects()) {
    if (set.object->kind != "ApplicationSet" || set.object->group() != "argoproj.io") continue;
    const nlohmann::json* generators = body_at(set.object->body.json(), {"spec", "generators"});
    if (generators == nullptr) continue;
    std::vector<PathPattern> patterns;
    collect_generators(*generators, "spec.generators", repositories_, patterns);
    for (const PathPattern& p : patterns) {
      if (p.directory && !folders) folders = folders_of(*run.tree);
      const std::string problem = why_empty(p, *run.tree, folders ? &*folders : nullptr);
      if (problem.empty()) continue;
      if (!reports_broken_reference(run, changes, set.entry->path, [&](const TreeView& base) {
            if (p.directory && !base_folders) base_folders = folders_of(base);
            return !why_empty(p, base, base_folders ? &*base_folders : nullptr).empty();
          })) {
        continue;
      }
      visit_inventory_object(run, set, [&](const ObjectContext& object) {
        out.push_back(report_object(
            *this, object, node_at(object.root, p.json_path), p.json_path,
            std::string(p.directory ? "directories" : "files") + " pattern `" + p.pattern +
                "` of " + object.display() + " " + problem +
                ", so this generator yields no Application for it; fix the pattern, or restore "
                "what it should match"));
      });
    }
  }
}

}  // namespace pushgate
