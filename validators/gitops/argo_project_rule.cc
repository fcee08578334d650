#include "validators/gitops/argo_project_rule.h"

#include <algorithm>

#include "core/base/did_you_mean.h"
#include "core/tree/tree_view.h"
#include "validators/gitops/reference_report.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {
namespace {

constexpr std::string_view kArgoGroup = "argoproj.io";

bool is_argo(const InventoryObject& o, std::string_view kind) {
  return o.object->kind == kind && o.object->group() == kArgoGroup;
}

// Where an object keeps the Application spec: an ApplicationSet's is its template's.
bool is_application_set(const InventoryObject& o) {
  return is_argo(o, "ApplicationSet");
}

}  // namespace

ArgoProjectRule::ArgoProjectRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("external_projects")) {
      external_projects_ = *list;
    }
  }
}

std::string_view ArgoProjectRule::project_of(const InventoryObject& object) {
  const std::string_view project =
      is_application_set(object)
          ? body_string(object.object->body.json(), {"spec", "template", "spec", "project"})
          : body_string(object.object->body.json(), {"spec", "project"});
  // ApplicationSet templates fill fields per generated Application: not a name yet.
  if (project.find("{{") != std::string_view::npos) return {};
  return project;
}

const InventoryObject* ArgoProjectRule::find_project(const ObjectInventory& inventory,
                                                     std::string_view project,
                                                     std::string_view app_namespace) {
  for (const InventoryObject& o : inventory.objects()) {
    if (!is_argo(o, "AppProject") || o.object->name != project) continue;
    if (!app_namespace.empty() && !o.object->namespace_.empty() &&
        o.object->namespace_ != app_namespace) {
      continue;
    }
    return &o;
  }
  return nullptr;
}

bool ArgoProjectRule::resolves(const ObjectInventory& inventory, std::string_view project,
                               std::string_view app_namespace) const {
  if (project == "default") return true;  // Argo CD creates it and recreates it when deleted
  if (std::find(external_projects_.begin(), external_projects_.end(), project) !=
      external_projects_.end()) {
    return true;
  }
  return find_project(inventory, project, app_namespace) != nullptr;
}

void ArgoProjectRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const ObjectInventory& inventory = run.tree->inventory();
  const ChangeSet changes(run.changed, run.deleted);
  for (const InventoryObject& app : inventory.objects()) {
    if (!is_argo(app, "Application") && !is_application_set(app)) continue;
    const std::string_view project = project_of(app);
    const std::string_view app_namespace = app.object->namespace_;
    if (project.empty() || resolves(inventory, project, app_namespace)) continue;
    if (!reports_broken_reference(run, changes, app.entry->path, [&](const TreeView& base) {
          return !resolves(base.inventory(), project, app_namespace);
        })) {
      continue;
    }
    std::vector<std::string_view> names;
    std::string same_name_elsewhere;
    for (const InventoryObject& o : inventory.objects()) {
      if (!is_argo(o, "AppProject")) continue;
      names.push_back(o.object->name);
      if (o.object->name == project) same_name_elsewhere = o.object->namespace_;
    }
    for (const std::string& name : external_projects_) names.push_back(name);
    names.push_back("default");
    std::string problem = "names AppProject `" + std::string(project) + "`, which ";
    if (!same_name_elsewhere.empty()) {
      problem += "the tree defines only in namespace `" + same_name_elsewhere + "`, not `" +
                 std::string(app_namespace) + "`";
    } else {
      problem += "is not defined in the tree nor listed in external_projects";
      const std::string_view near = closest_name(project, names);
      if (!near.empty()) problem += " (did you mean `" + std::string(near) + "`?)";
    }
    const bool set = is_application_set(app);
    visit_inventory_object(run, app, [&](const ObjectContext& object) {
      const NodeRef spec =
          set ? object.root.get("spec").get("template").get("spec") : object.root.get("spec");
      out.push_back(report_object(
          *this, object, spec.get("project"), set ? "spec.template.spec.project" : "spec.project",
          object.display() + " " + problem +
              ", so Argo CD refuses to sync it; define the AppProject, fix the name, or list it "
              "under external_projects"));
    });
  }
}

}  // namespace pushgate
