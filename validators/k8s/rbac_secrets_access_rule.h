#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/rbac-secrets-access: a Role or ClusterRole lets its subjects read Secrets (get,
// list or watch on `secrets` in the core group, or `*`) without naming the Secrets in
// `resourceNames`. Reading every Secret of a namespace, or of the cluster, is reading every
// credential in it.
class RbacSecretsAccessRule final : public KindRule {
 public:
  std::string_view rule() const override { return "k8s/rbac-secrets-access"; }
  bool wants_kind(std::string_view kind) const override {
    return kind == "Role" || kind == "ClusterRole";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
