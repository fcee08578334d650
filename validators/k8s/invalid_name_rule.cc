#include "validators/k8s/invalid_name_rule.h"

#include <string>

#include "validators/k8s/api_syntax.h"
#include "validators/k8s/workload.h"

namespace pushgate {
namespace {

// Built-in API groups, whose name syntax the API server's own validation fixes. Custom resources
// may define their own.
bool is_builtin_group(std::string_view group) {
  return group.empty() || group.find('.') == std::string_view::npos || group.ends_with(".k8s.io");
}

// RBAC names are path segments: anything but '.', '..', or a name with '/' or '%'.
std::string path_segment_problem(std::string_view name) {
  if (name == "." || name == "..") return "must not be `.` or `..`";
  if (name.find_first_of("/%") != std::string_view::npos) return "must not contain '/' or '%'";
  return "";
}

// Why the API server refuses `name` for this object, and which syntax it expects.
std::string name_problem(const ObjectContext& object, std::string_view name) {
  if (object.group() == "rbac.authorization.k8s.io") return path_segment_problem(name);
  if (object.group().empty() && object.kind == "Namespace") {
    const std::string why = dns1123_label_problem(name);
    return why.empty() ? why : why + " (a Namespace name is an RFC 1123 label)";
  }
  if (object.group().empty() && object.kind == "Service") {
    const std::string why = dns1035_label_problem(name);
    return why.empty() ? why
                       : why + " (a Service name is an RFC 1035 label: it becomes a DNS name)";
  }
  if (object.group() == "apiextensions.k8s.io")
    return "";  // `<plural>.<group>`: schema/invalid-crd
  const std::string why = dns1123_subdomain_problem(name);
  return why.empty() ? why : why + " (an RFC 1123 subdomain)";
}

}  // namespace

void InvalidNameRule::check_object(const ObjectContext& object, FindingList& out) const {
  const NodeRef metadata = object.root.get("metadata");
  const NodeRef name = metadata.get("name");
  if (name.is_string() && !is_substituted(name.text()) && is_builtin_group(object.group())) {
    if (std::string why = name_problem(object, name.text()); !why.empty()) {
      out.push_back(object.finding(rule(), Severity::kError, name, "metadata.name",
                                   "metadata.name `" + std::string(name.text()) + "` " + why +
                                       "; the API server refuses it: rename the object"));
    }
  }
  const NodeRef ns = metadata.get("namespace");
  if (ns.is_string() && !is_substituted(ns.text())) {
    if (std::string why = dns1123_label_problem(ns.text()); !why.empty()) {
      out.push_back(object.finding(rule(), Severity::kError, ns, "metadata.namespace",
                                   "metadata.namespace `" + std::string(ns.text()) + "` " + why +
                                       " (an RFC 1123 label); use the namespace's real name"));
    }
  }
  const std::optional<PodTemplate> pod = find_pod_template(object);
  if (!pod) return;
  for (const ContainerRef& container : containers_of(*pod)) {
    const NodeRef cname = container.node.get("name");
    if (!cname.is_string() || is_substituted(cname.text())) continue;
    if (std::string why = dns1123_label_problem(cname.text()); !why.empty()) {
      out.push_back(object.finding(rule(), Severity::kError, cname, container.path + ".name",
                                   "container name `" + std::string(cname.text()) + "` " + why +
                                       " (an RFC 1123 label); rename the container"));
    }
  }
}

}  // namespace pushgate
