#pragma once
#include <string>
#include <vector>

#include "validators/validator.h"

namespace pushgate {

class ObjectInventory;
struct InventoryObject;

// gitops/argo-project: an Argo CD Application (or an ApplicationSet's template) names in
// `spec.project` an AppProject that is neither defined in the tree, nor listed in the
// `external_projects` option, nor `default` (which Argo CD always has). Namespaces are compared
// only when both the Application and the AppProject state one. References resolve against the
// tree's object inventory; a push reports what it broke or touched (reference_report.h).
class ArgoProjectRule final : public Validator {
 public:
  explicit ArgoProjectRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "gitops/argo-project"; }
  bool wants_run() const override { return true; }
  bool wants_base_tree() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

  // The AppProject named `project` that an Application in `app_namespace` ("" when unset) uses,
  // or null when the tree defines none.
  static const InventoryObject* find_project(const ObjectInventory& inventory,
                                             std::string_view project,
                                             std::string_view app_namespace);
  // The project an Application or ApplicationSet object names ("" when unset or templated).
  static std::string_view project_of(const InventoryObject& object);

 private:
  bool resolves(const ObjectInventory& inventory, std::string_view project,
                std::string_view app_namespace) const;
  std::vector<std::string> external_projects_;
};

}  // namespace pushgate
