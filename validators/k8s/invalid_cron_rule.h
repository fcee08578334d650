#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/invalid-cron: a CronJob schedule the controller cannot parse. Runs with Kubernetes validation
// (`kubernetes:` in pushgate.yaml): the schema cannot say it, the API server (or the controller)
// refuses it after the merge.
class InvalidCronRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/invalid-cron"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
