#include "validators/k8s/rbac_secrets_access_rule.h"

#include "validators/k8s/rbac_role.h"

namespace pushgate {

namespace {

bool reads(NodeRef verbs) {
  return lists_value(verbs, "get") || lists_value(verbs, "list") || lists_value(verbs, "watch") ||
         lists_value(verbs, "*");
}

}  // namespace

void RbacSecretsAccessRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (!is_rbac_role(object)) return;
  const NodeRef rules = object.root.get("rules");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const NodeRef rule = rules.item(i);
    const NodeRef groups = rule.get("apiGroups");
    if (!lists_value(groups, "") && !lists_value(groups, "*")) continue;
    if (!reads(rule.get("verbs")) || rule.get("resourceNames").size() > 0) continue;
    const NodeRef resources = rule.get("resources");
    for (std::size_t k = 0; k < resources.size(); ++k) {
      const NodeRef resource = resources.item(k);
      if (!resource.is_scalar() || resource.text() != "secrets") continue;
      out.push_back(
          report_object(*this, object, resource,
                        "rules[" + std::to_string(i) + "].resources[" + std::to_string(k) + "]",
                        "rule " + std::to_string(i) + " of " + object.display() +
                            " can read every Secret in its scope; name the Secrets it "
                            "needs in resourceNames, or mount them instead"));
    }
  }
}

}  // namespace pushgate
