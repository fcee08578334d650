#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/invalid-quantity: resource quantities that do not parse, are negative, or requests above
// limits. Runs with Kubernetes validation (`kubernetes:` in pushgate.yaml): the schema cannot say
// it, the API server (or the controller) refuses it after the merge.
class InvalidQuantityRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/invalid-quantity"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
