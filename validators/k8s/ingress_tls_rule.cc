#include "validators/k8s/ingress_tls_rule.h"

namespace pushgate {

namespace {

bool covered(NodeRef tls, std::string_view host) {
  for (std::size_t i = 0; i < tls.size(); ++i) {
    const NodeRef hosts = tls.item(i).get("hosts");
    for (std::size_t h = 0; h < hosts.size(); ++h) {
      if (!hosts.item(h).is_scalar()) continue;
      const std::string_view listed = hosts.item(h).text();
      if (listed == host) return true;
      // "*.example.com" covers one label: "a.example.com", not "a.b.example.com".
      if (listed.starts_with("*.") && host.size() > listed.size() - 1 &&
          host.ends_with(listed.substr(1)) &&
          host.substr(0, host.size() - listed.size() + 1).find('.') == std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

void IngressTlsRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (object.kind != "Ingress" ||
      (object.group() != "networking.k8s.io" && object.group() != "extensions")) {
    return;
  }
  const NodeRef spec = object.root.get("spec");
  const NodeRef tls = spec.get("tls");
  if (tls.size() == 0) {
    out.push_back(report_object(*this, object, spec.is_mapping() ? spec : NodeRef(), "spec",
                                "ingress " + std::string(object.name) +
                                    " has no tls section, so it serves plain HTTP; add spec.tls "
                                    "with a certificate Secret for its hosts"));
    return;
  }
  const NodeRef rules = spec.get("rules");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const NodeRef host = rules.item(i).get("host");
    if (!host.is_string() || host.text().empty() || covered(tls, host.text())) continue;
    out.push_back(report_object(*this, object, host, "spec.rules[" + std::to_string(i) + "].host",
                                "host " + std::string(host.text()) + " of ingress " +
                                    std::string(object.name) +
                                    " is in no tls entry, so it is served over plain HTTP; add it "
                                    "to spec.tls[].hosts"));
  }
}

}  // namespace pushgate
