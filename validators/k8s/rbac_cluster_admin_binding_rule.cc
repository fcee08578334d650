#include "validators/k8s/rbac_cluster_admin_binding_rule.h"

namespace pushgate {

void RbacClusterAdminBindingRule::check_object(const ObjectContext& object,
                                               FindingList& out) const {
  if (object.group() != "rbac.authorization.k8s.io" ||
      (object.kind != "RoleBinding" && object.kind != "ClusterRoleBinding")) {
    return;
  }
  const NodeRef role_ref = object.root.get("roleRef");
  const NodeRef name = role_ref.get("name");
  if (role_ref.get_string("kind") != "ClusterRole" || !name.is_string() ||
      name.text() != "cluster-admin") {
    return;
  }
  out.push_back(report_object(*this, object, name, "roleRef.name",
                              "cluster-admin is granted by " + object.display() +
                                  (object.kind == "RoleBinding" ? " in its namespace" : "") +
                                  "; bind a role with only the permissions its subjects need"));
}

}  // namespace pushgate
