#pragma once
#include "validators/k8s/image_rule.h"

namespace pushgate {

// k8s/image-registry: a container image comes from a registry (or repository
// prefix) that is not in the rule's `registries` option. Opt-in; needs the option. Judged as
// applied: a kustomize `images:` newName moves an image to another registry (image_rule.h).
class ImageRegistryRule final : public ImageRule {
 public:
  explicit ImageRegistryRule(const PoliciesConfig& policies);
  std::string_view rule() const override { return "k8s/image-registry"; }

 protected:
  std::optional<Problem> judge(const ContainerRef& c, std::string_view image) const override;

 private:
  std::vector<std::string> registries_;  // allowed prefixes, from the rule's options
};

}  // namespace pushgate
