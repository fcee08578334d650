#include "validators/gitops/argo_destination_rule.h"

#include <string>
#include <vector>

#include "core/tree/tree_view.h"
#include "validators/gitops/argo_glob.h"
#include "validators/gitops/argo_project_rule.h"
#include "validators/gitops/reference_report.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {
namespace {

struct Destination {
  std::string_view server, name, namespace_;
};

Destination destination_of(const nlohmann::json& body) {
  return {body_string(body, {"spec", "destination", "server"}),
          body_string(body, {"spec", "destination", "name"}),
          body_string(body, {"spec", "destination", "namespace"})};
}

std::string_view item_string(const nlohmann::json& item, std::string_view key) {
  return body_string(item, {key});
}

// Argo CD's AppProject.isDestinationMatched. Argo CD resolves the cluster an Application names
// by server or by name and compares both; the tree states only what the Application wrote, so
// the side it leaves out is taken to match any pattern that states one (no false errors).
bool destination_permitted(const Destination& dst, const nlohmann::json* destinations) {
  if (destinations == nullptr || !destinations->is_array()) return false;
  bool any_matched = false;
  bool no_deny_matched = true;
  for (const nlohmann::json& item : *destinations) {
    const std::string_view name = item_string(item, "name");
    const std::string_view server = item_string(item, "server");
    const std::string_view ns = item_string(item, "namespace");
    const bool name_matched = !dst.name.empty()     ? argo_glob_match(name, dst.name, false)
                              : !dst.server.empty() ? !name.empty()
                                                    : false;
    const bool server_matched = !dst.server.empty() ? argo_glob_match(server, dst.server, false)
                                : !dst.name.empty() ? !server.empty()
                                                    : false;
    const bool namespace_matched = argo_glob_match(ns, dst.namespace_, false);
    if ((server_matched || name_matched) && namespace_matched) {
      any_matched = true;
    } else if ((!name_matched && is_argo_deny_pattern(name)) ||
               (!server_matched && is_argo_deny_pattern(server)) ||
               (!namespace_matched && is_argo_deny_pattern(ns))) {
      no_deny_matched = false;
    }
  }
  return any_matched && no_deny_matched;
}

// Argo CD's AppProject.IsSourcePermitted.
bool source_permitted(std::string_view repo_url, const nlohmann::json* source_repos) {
  if (source_repos == nullptr || !source_repos->is_array()) return false;
  const std::string repo = argo_normalize_git_url(repo_url);
  bool any_matched = false;
  for (const nlohmann::json& item : *source_repos) {
    if (!item.is_string()) continue;
    const std::string& pattern = item.get_ref<const std::string&>();
    const std::string normalized =
        is_argo_deny_pattern(pattern)
            ? "!" + argo_normalize_git_url(std::string_view(pattern).substr(1))
            : argo_normalize_git_url(pattern);
    if (argo_glob_match(normalized, repo, true)) {
      any_matched = true;
    } else if (is_argo_deny_pattern(normalized)) {
      return false;
    }
  }
  return any_matched;
}

std::string describe_destinations(const nlohmann::json* destinations) {
  std::string out;
  if (destinations != nullptr && destinations->is_array()) {
    for (const nlohmann::json& item : *destinations) {
      if (!out.empty()) out += "; ";
      std::string one;
      for (std::string_view key : {"server", "name", "namespace"}) {
        const std::string_view value = item_string(item, key);
        if (value.empty()) continue;
        if (!one.empty()) one += ' ';
        one += std::string(key) + " `" + std::string(value) + "`";
      }
      out += one.empty() ? "(empty entry)" : one;
    }
  }
  return out.empty() ? "no destination" : out;
}

std::string describe_repos(const nlohmann::json* repos) {
  std::string out;
  if (repos != nullptr && repos->is_array()) {
    for (const nlohmann::json& item : *repos) {
      if (!item.is_string()) continue;
      out += (out.empty() ? "`" : ", `") + item.get<std::string>() + "`";
    }
  }
  return out.empty() ? "no repository" : out;
}

// One thing an Application takes from its project: where it deploys, or one source.
struct Problem {
  std::string json_path;  // "spec.destination", "spec.sources[1].repoURL"
  std::string message;
};

// What `app` asks that the AppProject `project` (its summarized body) does not allow.
std::vector<Problem> problems_of(const nlohmann::json& app, const SummarizedObject& project) {
  std::vector<Problem> out;
  const std::string who = "AppProject `" + project.name + "`";
  const nlohmann::json* destinations = body_at(project.body.json(), {"spec", "destinations"});
  const Destination dst = destination_of(app);
  if ((!dst.server.empty() || !dst.name.empty()) && !destination_permitted(dst, destinations)) {
    std::string what = !dst.server.empty() ? "server `" + std::string(dst.server) + "`"
                                           : "cluster `" + std::string(dst.name) + "`";
    what += " namespace `" + std::string(dst.namespace_) + "`";
    out.push_back({"spec.destination", "destination " + what + " is not allowed by " + who +
                                           ", which allows " +
                                           describe_destinations(destinations)});
  }
  const nlohmann::json* repos = body_at(project.body.json(), {"spec", "sourceRepos"});
  auto check_source = [&](const nlohmann::json* source, const std::string& json_path) {
    if (source == nullptr) return;
    const std::string_view url = body_string(*source, {"repoURL"});
    if (url.empty() || source_permitted(url, repos)) return;
    out.push_back({json_path, "source repository `" + std::string(url) + "` is not allowed by " +
                                  who + ", whose sourceRepos are " + describe_repos(repos)});
  };
  check_source(body_at(app, {"spec", "source"}), "spec.source.repoURL");
  if (const nlohmann::json* sources = body_at(app, {"spec", "sources"});
      sources != nullptr && sources->is_array()) {
    for (std::size_t i = 0; i < sources->size(); ++i) {
      check_source(&(*sources)[i], "spec.sources[" + std::to_string(i) + "].repoURL");
    }
  }
  return out;
}

// The node a problem's json path names: destination.namespace when set, else destination.
NodeRef node_at(const ObjectContext& object, const std::string& json_path) {
  const NodeRef spec = object.root.get("spec");
  if (json_path == "spec.destination") {
    const NodeRef dst = spec.get("destination");
    return dst.get("namespace") ? dst.get("namespace") : dst;
  }
  if (json_path == "spec.source.repoURL") return spec.get("source").get("repoURL");
  const std::size_t open = json_path.find('[');
  const std::size_t index = std::stoul(json_path.substr(open + 1));
  return spec.get("sources").item(index).get("repoURL");
}

}  // namespace

void ArgoDestinationRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const ObjectInventory& inventory = run.tree->inventory();
  const ChangeSet changes(run.changed, run.deleted);
  for (const InventoryObject& app : inventory.objects()) {
    if (app.object->kind != "Application" || app.object->group() != "argoproj.io") continue;
    const std::string_view project_name = ArgoProjectRule::project_of(app);
    if (project_name.empty()) continue;
    const InventoryObject* project =
        ArgoProjectRule::find_project(inventory, project_name, app.object->namespace_);
    if (project == nullptr) continue;  // gitops/argo-project's finding, or defined elsewhere
    std::vector<Problem> problems = problems_of(app.object->body.json(), *project->object);
    if (problems.empty()) continue;
    std::erase_if(problems, [&](const Problem& problem) {
      return !reports_broken_reference(run, changes, app.entry->path, [&](const TreeView& base) {
        const InventoryObject* before =
            ArgoProjectRule::find_project(base.inventory(), project_name, app.object->namespace_);
        if (before == nullptr) return false;
        for (const Problem& p : problems_of(app.object->body.json(), *before->object)) {
          if (p.json_path == problem.json_path) return true;
        }
        return false;
      });
    });
    if (problems.empty()) continue;
    visit_inventory_object(run, app, [&](const ObjectContext& object) {
      for (const Problem& problem : problems) {
        out.push_back(report_object(*this, object, node_at(object, problem.json_path),
                                    problem.json_path,
                                    object.display() + ": " + problem.message +
                                        "; change the Application, or allow it in the "
                                        "AppProject"));
      }
    });
  }
}

}  // namespace pushgate
