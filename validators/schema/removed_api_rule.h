#pragma once
#include "core/config/kubernetes_config.h"
#include "validators/object_validator.h"

namespace pushgate {

// schema/removed-api (error): an object whose apiVersion the target Kubernetes version no longer
// serves, naming the release that removed it and the replacement. schema/deprecated-api
// (warning): deprecated in the target version, removed later. Table: api_removals.cc.
class RemovedApiRule final : public ObjectValidator {
 public:
  explicit RemovedApiRule(KubernetesVersion target) : target_(target) {}
  std::string_view rule() const override { return "schema/removed-api"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;

 private:
  KubernetesVersion target_;
};

}  // namespace pushgate
