#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/invalid-label: label and annotation keys, label values and selector labels the API server
// refuses. Runs with Kubernetes validation (`kubernetes:` in pushgate.yaml): the schema cannot say
// it, the API server (or the controller) refuses it after the merge.
class InvalidLabelRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/invalid-label"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
