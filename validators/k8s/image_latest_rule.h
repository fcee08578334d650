#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/image-latest: a container image has no tag, or the tag `latest`, and no
// digest. The image then changes under the same manifest: rollbacks do not roll back, and two
// nodes may run different code.
class ImageLatestRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/image-latest"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
