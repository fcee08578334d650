#include "core/policy/scope_matcher.h"

#include <algorithm>

namespace pushgate {
namespace {

bool listed(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

ScopeMatcher ScopeMatcher::compile(const ObjectScope& scope) {
  ScopeMatcher matcher;
  matcher.scope_ = scope;
  if (!scope.paths.empty()) {
    Result<GlobSet> globs = GlobSet::compile(scope.paths);
    if (globs) {
      matcher.paths_.emplace(std::move(globs).value());
    } else {
      matcher.broken_ = true;
    }
  }
  return matcher;
}

bool ScopeMatcher::matches_path(std::string_view path) const {
  if (broken_) return false;
  return !paths_ || paths_->matches(path);
}

bool ScopeMatcher::matches(const ObjectFacts& facts) const {
  if (!matches_path(facts.path)) return false;
  const bool object_parts = !scope_.namespaces.empty() || !scope_.kinds.empty() ||
                            !scope_.api_versions.empty() || !scope_.labels.empty();
  if (!object_parts) return true;
  if (!facts.has_object) return false;
  if (!scope_.kinds.empty() && !listed(scope_.kinds, facts.kind)) return false;
  if (!scope_.api_versions.empty() && !listed(scope_.api_versions, facts.api_version)) {
    return false;
  }
  if (!scope_.namespaces.empty() &&
      (facts.namespace_.empty() || !listed(scope_.namespaces, facts.namespace_))) {
    return false;
  }
  for (const auto& [key, value] : scope_.labels) {
    const NodeRef label = facts.labels.get(key);
    if (!label.is_scalar() || label.text() != value) return false;
  }
  return true;
}

}  // namespace pushgate
