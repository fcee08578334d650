#pragma once
#include "validators/object_validator.h"

namespace pushgate {

// k8s/object-size: an object the API server refuses for its size. etcd stores at most 1.5 MiB
// per object (the API server's request limit is about 3 MiB, etcd's value limit 1.5 MiB), and a
// ConfigMap's or Secret's data (all keys and values of data, binaryData and stringData) may not
// exceed 1 MiB. The object's size is measured as the JSON it serializes to (keys and scalars,
// without whitespace): comments, indentation and anchors of the YAML do not count. Reported at
// the object (too large) or at its data mapping (too much data). Runs with the default rules:
// large files are parsed (files.max_size defaults to 16 MiB), and what is too large for the
// cluster is judged object by object.
class ObjectSizeRule final : public ObjectValidator {
 public:
  static constexpr std::size_t kMaxObjectBytes = 1536 * 1024;
  static constexpr std::size_t kMaxDataBytes = 1024 * 1024;
  std::string_view rule() const override { return "k8s/object-size"; }
  void check_object(const ObjectContext& object, FindingList& out) const override;
};

}  // namespace pushgate
