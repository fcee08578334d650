#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/invalid-port: port numbers out of range and port names that are not IANA service names. Runs
// with Kubernetes validation (`kubernetes:` in pushgate.yaml): the schema cannot say it, the API
// server (or the controller) refuses it after the merge.
class InvalidPortRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/invalid-port"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
