#pragma once
// Shared by the RBAC rules: what a Role is, and list membership in its rules.
#include <string_view>

#include "validators/object_validator.h"

namespace pushgate {

// A Role or ClusterRole of rbac.authorization.k8s.io.
inline bool is_rbac_role(const ObjectContext& object) {
  return object.group() == "rbac.authorization.k8s.io" &&
         (object.kind == "Role" || object.kind == "ClusterRole");
}

// True when the sequence `list` holds the scalar `value`.
inline bool lists_value(NodeRef list, std::string_view value) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list.item(i).is_scalar() && list.item(i).text() == value) return true;
  }
  return false;
}

}  // namespace pushgate
