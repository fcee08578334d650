#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/rbac-wildcard-verbs: a Role or ClusterRole rule grants `verbs: ["*"]`: every verb, including
// escalate, bind and impersonate where they apply, and every verb added to the API later.
class RbacWildcardVerbsRule final : public KindRule {
 public:
  std::string_view rule() const override { return "k8s/rbac-wildcard-verbs"; }
  bool wants_kind(std::string_view kind) const override {
    return kind == "Role" || kind == "ClusterRole";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
