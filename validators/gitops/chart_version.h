#pragma once
// Helm chart versions as Flux and Argo CD read them: an exact version installs one chart; a
// semver range, `*` or `x` wildcard follows the repository.
#include <string_view>

namespace pushgate {

// True for an exact version ("1.4.2", "v2.0.0-rc.1"), false for ranges and wildcards
// (">=1.2", "~1.4", "^2", "1.x", "1.2.*", "*", "1.0 - 2.0", "1.2 || 1.3") and "".
bool is_exact_version(std::string_view version);

}  // namespace pushgate
