#include "validators/k8s/rbac_wildcard_verbs_rule.h"

#include "validators/k8s/rbac_role.h"

namespace pushgate {

void RbacWildcardVerbsRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (!is_rbac_role(object)) return;
  const NodeRef rules = object.root.get("rules");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const NodeRef list = rules.item(i).get("verbs");
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (!list.item(k).is_scalar() || list.item(k).text() != "*") continue;
      out.push_back(report_object(
          *this, object, list.item(k),
          "rules[" + std::to_string(i) + "].verbs[" + std::to_string(k) + "]",
          "rule " + std::to_string(i) + " of " + object.display() +
              " grants every verb (`*`); list the verbs it needs (get, list, watch, ...)"));
    }
  }
}

}  // namespace pushgate
