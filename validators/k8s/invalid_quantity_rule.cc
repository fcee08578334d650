#include "validators/k8s/invalid_quantity_rule.h"

#include <optional>
#include <string>

#include "validators/k8s/api_syntax.h"
#include "validators/k8s/workload.h"

namespace pushgate {
namespace {

// The value of a quantity node, reporting it when the API server would refuse it.
std::optional<long double> read_quantity(const ObjectContext& object, std::string_view rule,
                                         NodeRef node, const std::string& path, FindingList& out) {
  if (!node.is_scalar() || node.kind() == NodeKind::kNull || node.kind() == NodeKind::kBool) {
    return std::nullopt;  // the schema reports wrong types
  }
  if (is_substituted(node.text())) return std::nullopt;
  const std::optional<long double> value = parse_quantity(node.text());
  if (!value) {
    out.push_back(object.finding(
        rule, Severity::kError, node, path,
        path + " `" + std::string(node.text()) +
            "` is not a quantity; write a number with an optional suffix such as 500m, 2, "
            "128Mi, 1Gi or 1e3 (binary suffixes are Ki Mi Gi Ti Pi Ei, decimal k M G T P E)"));
    return std::nullopt;
  }
  if (*value < 0) {
    out.push_back(object.finding(rule, Severity::kError, node, path,
                                 path + " `" + std::string(node.text()) +
                                     "` is negative; resource quantities must be at least 0"));
    return std::nullopt;
  }
  return value;
}

void check_resources(const ObjectContext& object, std::string_view rule, NodeRef resources,
                     const std::string& path, FindingList& out) {
  const NodeRef requests = resources.get("requests");
  const NodeRef limits = resources.get("limits");
  if (limits.is_mapping()) {
    for (std::size_t i = 0; i < limits.size(); ++i) {
      read_quantity(object, rule, limits.value(i),
                    path + ".limits." + std::string(limits.key(i).text()), out);
    }
  }
  if (!requests.is_mapping()) return;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const std::string name(requests.key(i).text());
    const std::string request_path = path + ".requests." + name;
    const std::optional<long double> request =
        read_quantity(object, rule, requests.value(i), request_path, out);
    const NodeRef limit_node = limits.is_mapping() ? limits.get(name) : NodeRef();
    if (!request || !limit_node || !limit_node.is_scalar() || is_substituted(limit_node.text())) {
      continue;
    }
    const std::optional<long double> limit = parse_quantity(limit_node.text());
    if (limit && *limit >= 0 && *request > *limit) {
      out.push_back(object.finding(
          rule, Severity::kError, requests.value(i), request_path,
          request_path + " `" + std::string(requests.value(i).text()) + "` is above its limit `" +
              std::string(limit_node.text()) +
              "`; the API server refuses a request above the limit: lower the request or raise "
              "the limit"));
    }
  }
}

}  // namespace

void InvalidQuantityRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (const std::optional<PodTemplate> pod = find_pod_template(object)) {
    for (const ContainerRef& container : containers_of(*pod)) {
      check_resources(object, rule(), container.node.get("resources"),
                      container.path + ".resources", out);
    }
    const NodeRef templates = object.root.get("spec").get("volumeClaimTemplates");
    for (std::size_t i = 0; templates.is_sequence() && i < templates.size(); ++i) {
      check_resources(object, rule(), templates.item(i).get("spec").get("resources"),
                      "spec.volumeClaimTemplates[" + std::to_string(i) + "].spec.resources", out);
    }
  }
  if (object.group().empty() && object.kind == "PersistentVolumeClaim") {
    check_resources(object, rule(), object.root.get("spec").get("resources"), "spec.resources",
                    out);
  }
}

}  // namespace pushgate
