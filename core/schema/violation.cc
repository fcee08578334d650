#include "core/schema/violation.h"

namespace pushgate {

Finding to_finding(const Violation& violation, std::string path, Severity severity) {
  Finding f = Finding::at(violation.rule, severity, std::move(path), violation.node.position(),
                          violation.message);
  f.json_path = violation.json_path;
  if (const Document* doc = violation.node.document()) f.document = doc->index();
  if (violation.node.is_scalar()) {
    Position start = violation.node.position();
    Position end = violation.node.end();
    if (start.line == end.line && end.column > start.column) f.span = end.column - start.column;
  }
  return f;
}

}  // namespace pushgate
