#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/image-digest: a container image is not pinned by digest (`@sha256:…`). Tags
// can be moved; a digest names exactly one image. Opt-in.
class ImageDigestRule final : public PodRule {
 public:
  std::string_view rule() const override { return "k8s/image-digest"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;
};

}  // namespace pushgate
