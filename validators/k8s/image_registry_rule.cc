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

void ImageRegistryRule::check_pod(const ObjectContext& object, const PodTemplate& pod,
                                  FindingList& out) const {
  for (const ContainerRef& c : containers_of(pod)) {
    const NodeRef image = c.node.get("image");
    if (!image.is_string() || image.text().empty() || has_substitution(image.text())) continue;
    const std::string name = ImageReference::parse(image.text()).full_name();
    bool allowed = false;
    for (const std::string& prefix : registries_) allowed = allowed || allowed_by(name, prefix);
    if (allowed) continue;
    std::string list;
    for (const std::string& prefix : registries_) list += (list.empty() ? "" : ", ") + prefix;
    out.push_back(report(object, image, c.path + ".image",
                         container_label(c) + " pulls `" + std::string(image.text()) + "` (" +
                             name + "), which is not from an allowed registry (" +
                             (list.empty() ? std::string("none configured") : list) +
                             "); mirror the image there"));
  }
}

}  // namespace pushgate
