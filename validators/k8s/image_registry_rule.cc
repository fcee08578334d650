#include "validators/k8s/image_registry_rule.h"

#include "validators/k8s/image_reference.h"

namespace pushgate {

namespace {

// "ghcr.io/acme" allows ghcr.io/acme/web but not ghcr.io/acmecorp/web.
bool allowed_by(const std::string& name, std::string_view prefix) {
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  if (!name.starts_with(prefix)) return false;
  return name.size() == prefix.size() || name[prefix.size()] == '/';
}

}  // namespace

ImageRegistryRule::ImageRegistryRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("registries")) registries_ = *list;
  }
}

std::optional<ImageRule::Problem> ImageRegistryRule::judge(const ContainerRef& c,
                                                           std::string_view image) const {
  const std::string name = ImageReference::parse(image).full_name();
  for (const std::string& prefix : registries_) {
    if (allowed_by(name, prefix)) return std::nullopt;
  }
  std::string list;
  for (const std::string& prefix : registries_) list += (list.empty() ? "" : ", ") + prefix;
  return Problem{container_label(c) + " pulls `" + std::string(image) + "` (" + name +
                 "), which is not from an allowed registry (" +
                 (list.empty() ? std::string("none configured") : list) +
                 "); mirror the image there"};
}

}  // namespace pushgate
