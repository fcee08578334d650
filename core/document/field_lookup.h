#pragma once
// Finds the node a printed field path names (an OPA result's field, a schema finding's path), so
// the finding points at the field, not the object. One node, no wildcards: the custom rules'
// path language, which selects many values, is core/policy/assertion_path.h.
//
//   spec.replicas                              spec.template.spec.containers[0].image
//   metadata.labels[app.kubernetes.io/name]    (keys that are not plain names go in brackets,
//                                               as pushgate and kubectl print them)
//   spec.containers.0.image                    (an index written as a name also works)
//
// A path that leads nowhere stops at the deepest node that exists: "add spec.securityContext"
// then points at `spec`.
#include <string>
#include <string_view>
#include <vector>

#include "core/document/document.h"

namespace pushgate {

struct FieldLookup {
  NodeRef node;           // the deepest node found (the root itself when nothing matched)
  bool complete = false;  // true when the whole path exists
};

FieldLookup find_field(NodeRef root, std::string_view path);

// The path's segments; empty for a malformed path (an unclosed '[').
std::vector<std::string> split_field_path(std::string_view path);

}  // namespace pushgate
