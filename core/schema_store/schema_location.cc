#include "core/schema_store/schema_location.h"

#include "core/base/words.h"

#include <array>
#include <utility>

namespace pushgate {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

bool SchemaLocation::looks_like_location(std::string_view text) {
  return text.find("{{") != std::string_view::npos || text.starts_with("http://") ||
         text.starts_with("https://");
}

Result<SchemaLocation> SchemaLocation::parse(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, Variable>, 6> kVariables = {{
      {".ResourceKind", Variable::kResourceKind},
      {".ResourceAPIVersion", Variable::kResourceApiVersion},
      {".Group", Variable::kGroup},
      {".KindSuffix", Variable::kKindSuffix},
      {".NormalizedKubernetesVersion", Variable::kNormalizedKubernetesVersion},
      {".StrictSuffix", Variable::kStrictSuffix},
  }};
  SchemaLocation location;
  location.text_ = std::string(text);
  location.remote_ = text.starts_with("http://") || text.starts_with("https://");
  bool has_kind = false;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find("{{", at);
    if (open == std::string_view::npos) {
      location.parts_.push_back({Variable::kLiteral, std::string(text.substr(at))});
      break;
    }
    if (open > at)
      location.parts_.push_back({Variable::kLiteral, std::string(text.substr(at, open - at))});
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Error{ErrorCode::kInvalid,
                   "`{{` at character " + std::to_string(open + 1) + " is never closed with `}}`"};
    }
    const std::string_view name = trim(text.substr(open + 2, close - open - 2));
    bool known = false;
    for (const auto& [spelled, variable] : kVariables) {
      if (name == spelled) {
        location.parts_.push_back({variable, {}});
        has_kind = has_kind || variable == Variable::kResourceKind;
        known = true;
      }
    }
    if (!known) {
      return Error{ErrorCode::kInvalid,
                   "unknown variable `{{ " + std::string(name) +
                       " }}`; kubeconform's are .ResourceKind, .ResourceAPIVersion, .Group, "
                       ".KindSuffix, .NormalizedKubernetesVersion and .StrictSuffix"};
    }
    at = close + 2;
  }
  if (!has_kind) {
    return Error{ErrorCode::kInvalid,
                 "names no `{{ .ResourceKind }}`, so every kind would get the same schema"};
  }
  return location;
}

std::string SchemaLocation::expand(const GroupVersionKind& kind, const KubernetesVersion& version,
                                   bool strict) const {
  // kubeconform splits apiVersion at '/': the core group's "v1" is its own group part.
  const std::string group_part = kind.group.empty() ? kind.version : kind.group;
  std::string kind_suffix = "-" + ascii_lower(group_part.substr(0, group_part.find('.')));
  if (!kind.group.empty()) kind_suffix += "-" + ascii_lower(kind.version);
  std::string out;
  for (const Part& part : parts_) {
    switch (part.variable) {
      case Variable::kLiteral:
        out += part.literal;
        break;
      case Variable::kResourceKind:
        out += ascii_lower(kind.kind);
        break;
      case Variable::kResourceApiVersion:
        out += kind.version;
        break;
      case Variable::kGroup:
        out += group_part;
        break;
      case Variable::kKindSuffix:
        out += kind_suffix;
        break;
      case Variable::kNormalizedKubernetesVersion:
        out += "v" + version.text() + ".0";
        break;
      case Variable::kStrictSuffix:
        out += strict ? "-strict" : "";
        break;
    }
  }
  return out;
}

}  // namespace pushgate
