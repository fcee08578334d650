#include "validators/k8s/invalid_port_rule.h"

#include <string>

#include "validators/k8s/api_syntax.h"
#include "validators/k8s/workload.h"

namespace pushgate {
namespace {

struct PortCheck {
  const ObjectContext& object;
  std::string_view rule;
  FindingList& out;

  void report(NodeRef at, const std::string& path, const std::string& what) const {
    out.push_back(object.finding(rule, Severity::kError, at, path, path + " " + what));
  }

  // A port number in [min, 65535]; strings and other types are the schema's to report.
  void number(NodeRef node, const std::string& path, int min) const {
    if (!node || node.kind() != NodeKind::kInt) return;
    const std::int64_t n = node.as_int();
    if (n < min || n > 65535) {
      report(node, path,
             "is " + std::to_string(n) + ", outside " + std::to_string(min) +
                 "…65535; the API server refuses it");
    }
  }

  // A port name (IANA service name).
  void name(NodeRef node, const std::string& path) const {
    if (!node.is_string() || is_substituted(node.text())) return;
    if (std::string why = iana_service_name_problem(node.text()); !why.empty()) {
      report(node, path,
             "`" + std::string(node.text()) + "` " + why +
                 " (an IANA service name); the API server refuses it");
    }
  }

  // An int-or-string port: a number, or the name of a container port.
  void number_or_name(NodeRef node, const std::string& path) const {
    if (node && node.kind() == NodeKind::kInt) {
      number(node, path, 1);
    } else if (node.is_string() && !is_substituted(node.text())) {
      const std::string_view text = node.text();
      if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
        report(node, path,
               "is the string \"" + std::string(text) +
                   "\", which names a port, and a name needs a letter; remove the quotes to "
                   "give a number");
        return;
      }
      name(node, path);
    }
  }

  void probe(NodeRef probe_node, const std::string& path) const {
    if (!probe_node.is_mapping()) return;
    number_or_name(probe_node.get("httpGet").get("port"), path + ".httpGet.port");
    number_or_name(probe_node.get("tcpSocket").get("port"), path + ".tcpSocket.port");
    number(probe_node.get("grpc").get("port"), path + ".grpc.port", 1);
  }
};

}  // namespace

void InvalidPortRule::check_object(const ObjectContext& object, FindingList& out) const {
  const PortCheck check{object, rule(), out};
  if (const std::optional<PodTemplate> pod = find_pod_template(object)) {
    for (const ContainerRef& container : containers_of(*pod)) {
      const NodeRef ports = container.node.get("ports");
      for (std::size_t i = 0; ports.is_sequence() && i < ports.size(); ++i) {
        const std::string path = container.path + ".ports[" + std::to_string(i) + "]";
        const NodeRef port = ports.item(i);
        check.number(port.get("containerPort"), path + ".containerPort", 1);
        check.number(port.get("hostPort"), path + ".hostPort", 0);
        check.name(port.get("name"), path + ".name");
      }
      for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
        check.probe(container.node.get(probe), container.path + "." + probe);
      }
    }
  }
  if (!(object.group().empty() && object.kind == "Service")) return;
  const NodeRef ports = object.root.get("spec").get("ports");
  if (!ports.is_sequence()) return;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const std::string path = "spec.ports[" + std::to_string(i) + "]";
    const NodeRef port = ports.item(i);
    check.number(port.get("port"), path + ".port", 1);
    check.number(port.get("nodePort"), path + ".nodePort", 0);
    check.number_or_name(port.get("targetPort"), path + ".targetPort");
    const NodeRef name = port.get("name");
    if (name.is_string() && !is_substituted(name.text())) {
      if (std::string why = dns1123_label_problem(name.text()); !why.empty()) {
        check.report(name, path + ".name",
                     "`" + std::string(name.text()) + "` " + why +
                         " (an RFC 1123 label); the API server refuses it");
      }
    } else if (!name && ports.size() > 1 && port.is_mapping()) {
      check.report(port, path + ".name",
                   "has no name; a Service with several ports must name each one");
    }
  }
}

}  // namespace pushgate
