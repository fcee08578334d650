#include "validators/gitops/chart_version.h"

namespace pushgate {

bool is_exact_version(std::string_view version) {
  if (version.empty() || version.find_first_of("<>=~^*| ,") != std::string_view::npos) {
    return false;
  }
  if (version.front() == 'v' || version.front() == 'V') version.remove_prefix(1);
  if (version.empty() || version.front() < '0' || version.front() > '9') return false;
  // 1.x, 1.2.X: wildcards in the version core (the part before '-' or '+').
  const std::size_t end = version.find_first_of("-+");
  const std::string_view core = version.substr(0, end);
  for (char c : core) {
    if (c == 'x' || c == 'X') return false;
  }
  return true;
}

}  // namespace pushgate
