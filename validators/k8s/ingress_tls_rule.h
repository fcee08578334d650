#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/ingress-tls: an Ingress has no `tls` section, or serves a host that none of its
// `tls` entries covers: that host is served over plain HTTP.
class IngressTlsRule final : public ObjectValidator {
 public:
  std::string_view rule() const override { return "k8s/ingress-tls"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
