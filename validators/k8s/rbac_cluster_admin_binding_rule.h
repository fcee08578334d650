#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/rbac-cluster-admin-binding: a RoleBinding or ClusterRoleBinding grants the
// `cluster-admin` ClusterRole: full control of the cluster (or, through a RoleBinding, of the
// namespace).
class RbacClusterAdminBindingRule final : public KindRule {
 public:
  std::string_view rule() const override { return "k8s/rbac-cluster-admin-binding"; }
  bool wants_kind(std::string_view kind) const override {
    return kind == "RoleBinding" || kind == "ClusterRoleBinding";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
