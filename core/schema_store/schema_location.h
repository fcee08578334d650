#pragma once
// kubeconform-compatible schema locations: a folder or an HTTP(S) URL template naming one JSON
// Schema file per kind, so users can reuse their kubeconform mirrors unchanged.
//
//   SchemaLocation location = SchemaLocation::parse(
//       "https://mirror.example/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}"
//       "/{{ .ResourceKind }}{{ .KindSuffix }}.json").value();
//   location.expand({"apps", "v1", "Deployment"}, {1, 30}, /*strict=*/true)
//     == "https://mirror.example/v1.30.0-standalone-strict/deployment-apps-v1.json"
//
// Variables (kubeconform's registry.go): ResourceKind = kind in lower case; ResourceAPIVersion =
// the version ("v1"); Group = the part of apiVersion before '/' ("apps", or "v1" for the core
// group); KindSuffix = "-" + first label of the group, lower case, + "-" + version ("-v1" for
// the core group, "-networking-v1" for networking.k8s.io/v1); NormalizedKubernetesVersion =
// "v" + major.minor.0; StrictSuffix = "-strict" when strict.
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/schema/kind_schema_set.h"
#include "core/schema_store/kubernetes_version.h"

namespace pushgate {

class SchemaLocation {
 public:
  // kInvalid naming the offending variable or an unclosed `{{`.
  static Result<SchemaLocation> parse(std::string_view text);
  // True when `text` is a template (has `{{`) or a URL rather than a store folder.
  static bool looks_like_location(std::string_view text);

  std::string expand(const GroupVersionKind& kind, const KubernetesVersion& version,
                     bool strict) const;
  bool remote() const { return remote_; }  // http:// or https://
  const std::string& text() const { return text_; }

 private:
  enum class Variable {
    kLiteral,
    kResourceKind,
    kResourceApiVersion,
    kGroup,
    kKindSuffix,
    kNormalizedKubernetesVersion,
    kStrictSuffix
  };
  struct Part {
    Variable variable;
    std::string literal;
  };
  std::string text_;
  std::vector<Part> parts_;
  bool remote_ = false;
};

}  // namespace pushgate
