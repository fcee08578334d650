#pragma once
// The kinds Flux's controllers serve (toolkit.fluxcd.io groups), for rules that look at them.
#include <string_view>

namespace pushgate {

inline bool is_flux_kind(std::string_view kind) {
  for (std::string_view k :
       {"GitRepository", "OCIRepository", "HelmRepository", "HelmChart", "Bucket",
        "ExternalArtifact", "Kustomization", "HelmRelease", "ImageRepository", "ImagePolicy",
        "ImageUpdateAutomation", "Alert", "Provider", "Receiver", "ArtifactGenerator"}) {
    if (k == kind) return true;
  }
  return false;
}

}  // namespace pushgate
