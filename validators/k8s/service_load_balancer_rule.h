#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/service-load-balancer: a Service has `type: LoadBalancer`, which asks the cloud for a load
// balancer, usually public, for this one Service.
class ServiceLoadBalancerRule final : public KindRule {
 public:
  std::string_view rule() const override { return "k8s/service-load-balancer"; }
  bool wants_kind(std::string_view kind) const override { return kind == "Service"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
