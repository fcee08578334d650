#include "validators/schema/removed_api_rule.h"

#include "validators/schema/api_removals.h"

namespace pushgate {

void RemovedApiRule::check_object(const ObjectContext& object, FindingList& out) const {
  const std::optional<ApiRemoval> removal = find_api_removal(object.api_version, object.kind);
  if (!removal || target_ < removal->deprecated) return;
  const std::string what = std::string(object.kind) + " " + std::string(object.api_version) + " (" +
                           object.display() + ")";
  const std::string fix = std::string(removal->replacement).find('/') != std::string::npos
                              ? "use apiVersion: " + std::string(removal->replacement)
                              : "use " + std::string(removal->replacement);
  if (target_ >= removal->removed) {
    out.push_back(object.finding(
        "schema/removed-api", Severity::kError, object.root.get("apiVersion"), "apiVersion",
        what + " was removed in Kubernetes " + removal->removed.text() +
            " and is not served by the target " + target_.text() + "; " + fix));
    return;
  }
  out.push_back(object.finding(
      "schema/deprecated-api", Severity::kWarning, object.root.get("apiVersion"), "apiVersion",
      what + " is deprecated since Kubernetes " + removal->deprecated.text() + " and removed in " +
          removal->removed.text() + "; " + fix));
}

}  // namespace pushgate
