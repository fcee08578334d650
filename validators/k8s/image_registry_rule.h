#pragma once
#include "validators/k8s/pod_rule.h"

namespace pushgate {

// k8s/image-registry: a container image comes from a registry (or repository
// prefix) that is not in the rule's `registries` option. Opt-in; needs the option.
class ImageRegistryRule final : public PodRule {
 public:
  explicit ImageRegistryRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "k8s/image-registry"; }
  void check_pod(const ObjectContext& object, const PodTemplate& pod,
                 FindingList& out) const override;

 private:
  std::vector<std::string> registries_;  // allowed prefixes, from the rule's options
};

}  // namespace pushgate
