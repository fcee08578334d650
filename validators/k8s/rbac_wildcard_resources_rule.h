#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/rbac-wildcard-resources: a Role or ClusterRole rule grants `resources: ["*"]`: every resource
// of its API groups, including secrets and any resource added later.
class RbacWildcardResourcesRule final : public KindRule {
 public:
  std::string_view rule() const override { return "k8s/rbac-wildcard-resources"; }
  bool wants_kind(std::string_view kind) const override {
    return kind == "Role" || kind == "ClusterRole";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
