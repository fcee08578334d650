#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/capabilities-drop-all: a container does not drop ALL capabilities, or adds one
// other than NET_BIND_SERVICE (Pod Security restricted). Capabilities outside the baseline set are
// k8s/capabilities-added's finding.
class CapabilitiesDropAllRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/capabilities-drop-all"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
