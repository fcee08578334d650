#pragma once
// Container image references as the container runtime reads them:
//   [registry/]repository[:tag][@digest]
// where the registry is the first segment when it has a '.' or ':' or is "localhost", and
// Docker Hub names are normalised ("nginx" is docker.io/library/nginx).
//
//   ImageReference ref = ImageReference::parse("ghcr.io/acme/web:1.4@sha256:ab…");
//   ref.registry == "ghcr.io"; ref.repository == "acme/web"; ref.tag == "1.4"
#include <string>
#include <string_view>

namespace pushgate {

struct ImageReference {
  std::string_view registry;        // "docker.io" when the reference names none
  std::string_view repository;      // without registry, tag and digest
  std::string_view tag;             // "" when there is none
  std::string_view digest;          // "sha256:…", "" when there is none
  bool docker_hub_library = false;  // "nginx": repository is library/<name>

  static ImageReference parse(std::string_view image);
  // "docker.io/library/nginx", "ghcr.io/acme/web": what registry allow-lists compare against.
  std::string full_name() const;
  // No tag, or `latest`, and no digest: the image can change under the same name.
  bool mutable_tag() const { return digest.empty() && (tag.empty() || tag == "latest"); }
};

// True when `image` is written with a substitution the rules cannot judge (`${VERSION}`,
// `{{ .Values.tag }}`): Flux post-build variables and templates are resolved elsewhere.
bool has_substitution(std::string_view image);

}  // namespace pushgate
