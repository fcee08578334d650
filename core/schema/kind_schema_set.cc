#include "core/schema/kind_schema_set.h"

namespace pushgate {

std::string GroupVersionKind::api_version() const {
  return group.empty() ? version : group + "/" + version;
}

GroupVersionKind GroupVersionKind::from_api_version(std::string_view api_version,
                                                    std::string_view kind) {
  GroupVersionKind gvk;
  std::size_t slash = api_version.rfind('/');
  if (slash == std::string_view::npos) {
    gvk.version = std::string(api_version);
  } else {
    gvk.group = std::string(api_version.substr(0, slash));
    gvk.version = std::string(api_version.substr(slash + 1));
  }
  gvk.kind = std::string(kind);
  return gvk;
}

bool KindSchemaSet::add(GroupVersionKind kind, std::shared_ptr<const CompiledSchema> schema) {
  return schemas_.emplace(std::move(kind), std::move(schema)).second;
}

void KindSchemaSet::merge(const KindSchemaSet& other) {
  for (const auto& [kind, schema] : other.schemas_) schemas_.emplace(kind, schema);
}

const CompiledSchema* KindSchemaSet::find(const GroupVersionKind& kind) const {
  auto it = schemas_.find(kind);
  return it == schemas_.end() ? nullptr : it->second.get();
}

const CompiledSchema* KindSchemaSet::find(std::string_view api_version,
                                          std::string_view kind) const {
  return find(GroupVersionKind::from_api_version(api_version, kind));
}

std::vector<GroupVersionKind> KindSchemaSet::kinds() const {
  std::vector<GroupVersionKind> out;
  out.reserve(schemas_.size());
  for (const auto& [kind, schema] : schemas_) out.push_back(kind);
  return out;
}

}  // namespace pushgate
