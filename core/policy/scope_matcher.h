#pragma once
// An ObjectScope (policies.h) compiled for matching: globs become one GlobSet, and the
// checks run in the order that rejects cheapest first.
//
//   ScopeMatcher scope = ScopeMatcher::compile(setting.scope);   // globs already validated
//   if (scope.matches(ObjectFacts{path, api_version, kind, ns, labels})) ...
#include <optional>
#include <string_view>

#include "core/base/glob.h"
#include "core/policy/policies.h"
#include "core/document/document.h"

namespace pushgate {

// What a scope looks at. `labels` is the object's metadata.labels (invalid when it has none);
// `has_object` is false for findings outside any object (a token in a README).
struct ObjectFacts {
  std::string_view path;
  bool has_object = false;
  std::string_view api_version;
  std::string_view kind;
  std::string_view namespace_;
  NodeRef labels;
};

class ScopeMatcher {
 public:
  // The scope's globs must be valid (the config loader checked them); an invalid one matches
  // nothing, which keeps a broken scope from widening a rule's reach silently.
  static ScopeMatcher compile(const ObjectScope& scope);
  ScopeMatcher(ScopeMatcher&&) noexcept = default;
  ScopeMatcher& operator=(ScopeMatcher&&) noexcept = default;

  bool empty() const { return scope_.empty(); }
  // True when every part of the scope matches. Parts about objects never match a finding that
  // is not in an object.
  bool matches(const ObjectFacts& facts) const;
  // True when the path part matches (the rest is not looked at).
  bool matches_path(std::string_view path) const;

 private:
  ScopeMatcher() = default;
  ObjectScope scope_;
  std::optional<GlobSet> paths_;
  bool broken_ = false;
};

}  // namespace pushgate
