#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/service-node-port: a Service has `type: NodePort`, which opens the port on every node of the
// cluster, outside any ingress or load balancer policy.
class ServiceNodePortRule final : public KindRule {
 public:
  std::string_view rule() const override { return "k8s/service-node-port"; }
  bool wants_kind(std::string_view kind) const override { return kind == "Service"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
