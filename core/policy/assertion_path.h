#pragma once
// Assertion paths of custom rules: where in an object an assertion looks, selecting every value
// a wildcard reaches. (To point a finding at the one node a printed path names, as OPA results
// and schema findings do, use find_field in core/document/field_lookup.h instead.)
//
//   Result<AssertionPath> path = AssertionPath::parse("spec.template.spec.containers[*].image");
//   path.value().select(object_root, [](NodeRef value, const std::string& where) { ... });
//
// Grammar: segments separated by '.'; a segment is a key, or `*` (every value of a mapping);
// after a segment, `[N]` (item N), `[*]` (every item) or `["key"]` / `['key']` / `[key]` (a key
// that holds dots or slashes, such as `metadata.labels["app.kubernetes.io/name"]`).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/document/document.h"

namespace pushgate {

class AssertionPath {
 public:
  struct Segment {
    enum class Kind : std::uint8_t { kKey, kIndex, kEveryItem, kEveryValue } kind;
    std::string key;        // kKey
    std::size_t index = 0;  // kIndex
  };

  // kInvalid with a message that names the character offset of the problem.
  static Result<AssertionPath> parse(std::string_view text);

  const std::string& text() const { return text_; }
  bool has_wildcard() const;

  // Calls `visit` for every value the path reaches from `root`, with its concrete path
  // ("spec.containers[1].image"). Missing keys and wrong types reach nothing.
  void select(NodeRef root,
              const std::function<void(NodeRef value, const std::string& where)>& visit) const;

 private:
  void walk(NodeRef node, std::size_t segment, std::string& where,
            const std::function<void(NodeRef, const std::string&)>& visit) const;
  std::vector<Segment> segments_;
  std::string text_;
};

}  // namespace pushgate
