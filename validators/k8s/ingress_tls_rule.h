#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/ingress-tls: an Ingress has no `tls` section, or serves a host that none of its
// `tls` entries covers: that host is served over plain HTTP.
class IngressTlsRule final : public KindRule {
 public:
  std::string_view rule() const override { return "k8s/ingress-tls"; }
  bool wants_kind(std::string_view kind) const override { return kind == "Ingress"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
