#include "core/policy/policies.h"

namespace pushgate {

const std::vector<std::string>* RuleOptions::strings(std::string_view name) const {
  const auto it = values.find(name);
  return it == values.end() ? nullptr : std::get_if<std::vector<std::string>>(&it->second);
}

const std::string* RuleOptions::string(std::string_view name) const {
  const auto it = values.find(name);
  return it == values.end() ? nullptr : std::get_if<std::string>(&it->second);
}

std::optional<std::int64_t> RuleOptions::integer(std::string_view name) const {
  const auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  if (const auto* v = std::get_if<std::int64_t>(&it->second)) return *v;
  return std::nullopt;
}

std::optional<bool> RuleOptions::boolean(std::string_view name) const {
  const auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  if (const auto* v = std::get_if<bool>(&it->second)) return *v;
  return std::nullopt;
}

}  // namespace pushgate
