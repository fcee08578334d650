#pragma once
// One way a document fails its schema, with everything a finding needs:
//
//   for (const Violation& v : schema.validate(doc.root()))
//     out.push_back(to_finding(v, file.path));
//   // clusters/prod/app.yaml:12:13: error[schema/type]:
//   //   spec.replicas must be integer, got string "three"
#include <string>
#include <vector>

#include "core/document/document.h"
#include "core/finding/finding.h"

namespace pushgate {

struct Violation {
  std::string rule;  // "schema/<keyword>": schema/type, schema/required, schema/enum, ...
  // Where to point: the offending value; for a missing required field, the mapping that lacks it;
  // for an unknown field, its key.
  NodeRef node;
  // Kubernetes-style path of the value from the validated node: spec.containers[0].image,
  // metadata.labels[app.kubernetes.io/name]; "" for the validated node itself.
  std::string json_path;
  std::string keyword;   // the schema keyword that failed: "type", "x-kubernetes-list-type", ...
  std::string expected;  // what the schema wanted: "integer", "one of \"Always\", \"Never\""
  std::string found;     // what the document had: "string \"three\"", "3 items"
  std::string message;   // for people: what is wrong and how to fix it (lowercase, no period)
  std::string schema_location;  // the schema that failed: "#/definitions/Foo/properties/bar"
  int depth = 0;                // segments in json_path (how deep the problem sits)
};

using ViolationList = std::vector<Violation>;

// A finding at the violation's node (position, underline span of a one-line scalar or key,
// document index) with its rule, message and JSON path.
Finding to_finding(const Violation& violation, std::string path,
                   Severity severity = Severity::kError);

}  // namespace pushgate
