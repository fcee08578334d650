#pragma once
// Flux post-build substitution (kustomize-controller's envsubst) on a file's text, as far as the
// values are known, with a map back from positions in the substituted text to the text as written.
//
//   const Substituted s = flux_substitute(text, {{"APP", "web"}});
//   if (s.changed()) { ParsedFile f = parse_yaml(path, s.text, limits); ...
//                      finding.position = s.original(finding.position); }
//
// Forms (a variable name is [_a-zA-Z][_a-zA-Z0-9]*): `${VAR}`; `${VAR:=default}` and
// `${VAR:-default}` (the default when VAR is unset or empty); `${VAR=default}` and
// `${VAR-default}` (when unset); `${VAR:+x}` and `${VAR+x}` (x when set). `$${VAR}` is an escaped
// `${VAR}` and stays. A placeholder whose value is not known here (a variable that comes from a
// Secret outside the tree, any other operator, a default that is itself a placeholder) is left
// as written, and so is one that would become empty (an empty value reads as null in YAML, which
// the API server drops — the field is then absent, not wrong, so the rules leave it alone).
//
// Knows nothing about Kubernetes, YAML or rules.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding/finding.h"

namespace pushgate {

struct Substituted {
  struct Edit {
    std::uint32_t line = 0;        // 1-based, the same in both texts (values never hold newlines)
    std::uint32_t new_column = 0;  // 1-based character column where the value starts
    std::uint32_t new_end = 0;     // one past its last character
    std::uint32_t old_column = 0;  // where the placeholder starts as written
    std::uint32_t old_end = 0;     // one past its `}`
  };
  std::string text;
  std::vector<Edit> edits;  // in text order

  bool changed() const { return !edits.empty(); }
  // The position as written of `position` in the substituted text: inside a substituted value,
  // the placeholder's start; after one on the same line, shifted back.
  Position original(Position position) const;
};

Substituted flux_substitute(std::string_view text, const std::map<std::string, std::string>& vars);

}  // namespace pushgate
