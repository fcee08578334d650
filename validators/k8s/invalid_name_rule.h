#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/invalid-name: an object, namespace or container name the API server refuses (DNS-1123 /
// DNS-1035 / RBAC path-segment syntax). Runs with Kubernetes validation (`kubernetes:` in
// pushgate.yaml): the schema cannot say it, the API server (or the controller) refuses it after the
// merge.
class InvalidNameRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/invalid-name"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
