#pragma once
// Compiled schemas by Kubernetes group/version/kind, as the OpenAPI and CRD loaders produce them:
//
//   Result<KindSchemaSet> set = load_openapi_file(".../apis__apps__v1_openapi.json");
//   if (const CompiledSchema* schema = set.value().find("apps/v1", "Deployment"))
//     for (const Violation& v : schema->validate(doc.root())) ...
//
// Schemas are shared (std::shared_ptr) so sets can be merged and copied cheaply; a set is
// immutable once built and safe to read from many threads.
#include <compare>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/compiled_schema.h"

namespace pushgate {

struct GroupVersionKind {
  std::string group;  // "" for the core group
  std::string version;
  std::string kind;

  // "apps/v1", or "v1" for the core group.
  std::string api_version() const;
  // From an object's apiVersion ("apps/v1", "v1") and kind.
  static GroupVersionKind from_api_version(std::string_view api_version, std::string_view kind);

  friend auto operator<=>(const GroupVersionKind&, const GroupVersionKind&) = default;
};

class KindSchemaSet {
 public:
  // Adds a kind's schema; a kind already present keeps its first schema (returns false).
  bool add(GroupVersionKind kind, std::shared_ptr<const CompiledSchema> schema);
  // Adds every kind of `other` that this set lacks.
  void merge(const KindSchemaSet& other);

  const CompiledSchema* find(const GroupVersionKind& kind) const;
  const CompiledSchema* find(std::string_view api_version, std::string_view kind) const;

  std::size_t size() const { return schemas_.size(); }
  bool empty() const { return schemas_.empty(); }
  std::vector<GroupVersionKind> kinds() const;

 private:
  std::map<GroupVersionKind, std::shared_ptr<const CompiledSchema>> schemas_;
};

}  // namespace pushgate
