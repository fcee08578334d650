#pragma once
// The syntax the Kubernetes API server enforces beyond the OpenAPI schema (apimachinery's
// validation package and resource.Quantity), for the k8s/invalid-* rules. Each check returns ""
// when the value is valid, else why not, phrased to follow "must ..." in a message.
//
//   if (std::string why = dns1123_label_problem(name); !why.empty()) report(... + why);
#include <optional>
#include <string>
#include <string_view>

namespace pushgate {

// A value something fills in before it reaches the API server, which is not judged: Flux
// post-build substitution (`${cluster}`), a template (`{{ .Values.x }}`), or a placeholder that
// a Kustomize overlay or transformer replaces (`_`, `FROM_OVERLAY`, `CHANGE_ME`: one or more
// underscore-joined words in capitals, which no Kubernetes name or quantity can be anyway).
bool is_substituted(std::string_view value);

// RFC 1123 label: at most 63 lowercase alphanumerics or '-', starting and ending alphanumeric
// (namespaces, container names, most label-like names).
std::string dns1123_label_problem(std::string_view value);
// RFC 1123 subdomain: at most 253 characters, dot-separated RFC 1123 labels (most object names).
std::string dns1123_subdomain_problem(std::string_view value);
// RFC 1035 label: an RFC 1123 label that starts with a letter (Service names).
std::string dns1035_label_problem(std::string_view value);
// Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63
// alphanumerics, '-', '_' or '.', starting and ending alphanumeric.
std::string qualified_name_problem(std::string_view key);
// Label values: empty, or at most 63 characters as a qualified name's name part.
std::string label_value_problem(std::string_view value);
// IANA service names (named ports): at most 15 lowercase alphanumerics or '-', at least one
// letter, no leading, trailing or doubled '-'.
std::string iana_service_name_problem(std::string_view value);

// A resource.Quantity ("500m", "1.5Gi", "2e3", "128974848"): its value, or nullopt when the API
// server would refuse the text.
std::optional<long double> parse_quantity(std::string_view text);

}  // namespace pushgate
