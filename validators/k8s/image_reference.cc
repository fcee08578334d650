#include "validators/k8s/image_reference.h"

namespace pushgate {

ImageReference ImageReference::parse(std::string_view image) {
  ImageReference ref;
  const std::size_t at = image.find('@');
  if (at != std::string_view::npos) {
    ref.digest = image.substr(at + 1);
    image = image.substr(0, at);
  }
  const std::size_t slash = image.find('/');
  if (slash != std::string_view::npos) {
    const std::string_view first = image.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      ref.registry = first;
      image = image.substr(slash + 1);
    }
  }
  // A ':' after the last '/' starts the tag (a ':' before it was a registry port).
  const std::size_t last_slash = image.rfind('/');
  const std::size_t colon = image.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    ref.tag = image.substr(colon + 1);
    image = image.substr(0, colon);
  }
  ref.repository = image;
  if (ref.registry.empty()) {
    ref.registry = "docker.io";
    ref.docker_hub_library = image.find('/') == std::string_view::npos;
  }
  return ref;
}

std::string ImageReference::full_name() const {
  std::string name(registry);
  name += docker_hub_library ? "/library/" : "/";
  name += repository;
  return name;
}

bool has_substitution(std::string_view image) {
  return image.find("${") != std::string_view::npos || image.find("{{") != std::string_view::npos;
}

}  // namespace pushgate
