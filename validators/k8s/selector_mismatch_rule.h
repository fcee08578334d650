#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/selector-mismatch: a Deployment, StatefulSet, DaemonSet or ReplicaSet (apps/v1) whose
// spec.selector does not select its own pod template's labels. The API server refuses it
// ("selector does not match template labels"); the schema cannot say so.
class SelectorMismatchRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/selector-mismatch"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
