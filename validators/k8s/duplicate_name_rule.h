#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/duplicate-name: container, volume, port, mount path and env names defined twice where they
// must be unique. Runs with Kubernetes validation (`kubernetes:` in pushgate.yaml): the schema
// cannot say it, the API server (or the controller) refuses it after the merge.
class DuplicateNameRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/duplicate-name"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
