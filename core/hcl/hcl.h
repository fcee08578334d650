#pragma once
// HCL native syntax (hashicorp/hcl v2 `hclsyntax/spec.md`: Terraform `*.tf`/`*.tfvars`,
// Terragrunt `terragrunt.hcl`, `root.hcl`, `*.stack.hcl`) read into a positioned tree: bodies of
// attributes and blocks with labels, and every expression form kept as written (literals,
// tuples, objects, quoted and heredoc templates with `${}` / `%{}` directives, function calls,
// `for` expressions, splats, conditionals, operators). Comments (`#`, `//`, `/* */`) are skipped.
//
//   HclFile file = parse_hcl("live/app/terragrunt.hcl", bytes, HclLimits{});
//   if (!file.complete) ...  // file.findings holds one hcl/syntax finding: path:line:col +
//   expected for (const HclBlock& b : file.body.blocks)
//     if (b.type == "dependency")
//       if (const HclAttribute* a = b.body.attribute("config_path"))
//         if (auto path = file.static_string(a->value)) ...
//
// Positions are 1-based line:column, columns counting characters as the YAML reader does
// (core/document/text_position.h). The reader stops at the first syntax error: a gate needs one
// precise error, not a cascade. It never evaluates anything (no functions, no variables) and
// knows nothing about Terraform or Terragrunt; rules do that (validators/hcl,
// validators/terragrunt). Every nesting (expressions, blocks, templates) is bounded by HclLimits,
// checked before recursing, so hostile input cannot exhaust the stack. `*.tf.json` files are JSON
// and go through the JSON reader (core/document/document.h), not through this one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding/finding.h"

namespace pushgate {

// Hostile input is bounded by these; each limit names its reason.
struct HclLimits {
  // Larger files are reported, not parsed (the same default as YAML's files.max_size).
  std::size_t max_bytes = 16 * 1024 * 1024;
  // Nesting of blocks and expressions together; real configurations nest under 20 and each
  // level costs a few stack frames, so this bounds the stack at well under a megabyte.
  std::size_t max_depth = 128;
  // Templates inside interpolations inside templates ("${"${"..."}"}"); real files nest two.
  std::size_t max_template_nesting = 16;
};

enum class HclExprKind : std::uint8_t {
  kNumber,  // text: the literal as written
  kBool,    // text: "true" / "false"
  kNull,
  kTemplate,     // children: parts (kLiteral, interpolated expressions, kIf, kFor); text: "heredoc"
                 // for <<
  kLiteral,      // a template's literal part; text: decoded (escapes applied, heredoc indent kept)
  kTemplateIf,   // children: condition, then-template, [else-template]
  kTemplateFor,  // text: "key,value" names; children: collection, body-template
  kVariable,     // text: the name
  kCall,         // text: function name; children: arguments; expand: last argument ends in ...
  kTuple,        // children: items
  kObject,       // children: key, value, key, value... (a bare identifier key is a kVariable)
  kForTuple,     // text: "key,value" names; children: collection, value, [condition]
  kForObject,    // text: "key,value" names; children: collection, key, value, [condition]; expand:
                 // ...
  kGetAttr,      // text: the attribute name (or a legacy index "0"); children: object
  kIndex,        // children: collection, key
  kSplat,        // text: "[*]" or ".*"; children: source (later steps wrap the splat)
  kConditional,  // children: condition, true value, false value
  kBinary,       // text: the operator; children: left, right
  kUnary,        // text: "!" or "-"; children: operand
  kParens,       // children: the inner expression
};

using HclExprId = std::uint32_t;
inline constexpr HclExprId kNoHclExpr = 0xFFFFFFFFu;

struct HclExpr {
  HclExprKind kind = HclExprKind::kNull;
  bool expand = false;
  Position start;
  Position end;  // one past the last character
  std::string text;
  std::vector<HclExprId> children;
};

struct HclAttribute {
  std::string name;
  Position start;  // the name
  Position end;    // one past the value
  HclExprId value = kNoHclExpr;
};

struct HclLabel {
  std::string value;  // decoded
  Position start;
  bool quoted = true;
};

struct HclBlock;

struct HclBody {
  std::vector<HclAttribute> attributes;  // in source order
  std::vector<HclBlock> blocks;          // in source order
  // The first attribute named `name`, or nullptr.
  const HclAttribute* attribute(std::string_view name) const;
};

struct HclBlock {
  std::string type;
  Position start;  // the type name
  Position end;    // one past the closing brace
  std::vector<HclLabel> labels;
  HclBody body;
};

struct HclFile {
  std::string path;
  HclBody body;
  std::vector<HclExpr> exprs;  // the arena every HclExprId points into
  FindingList findings;        // hcl/syntax (and hcl/too-large), at most one
  bool complete = true;        // false: a syntax error stopped reading; the tree is partial

  const HclExpr& expr(HclExprId id) const { return exprs[id]; }
  // The value of a template made only of literal parts (a plain "string" or heredoc), nullopt
  // for anything computed.
  std::optional<std::string> static_string(HclExprId id) const;
};

// HCL native syntax. UTF-8 is checked (a byte order mark or an invalid sequence is an error).
HclFile parse_hcl(std::string path, std::string_view bytes, const HclLimits& limits);

// True for paths this reader reads: `*.hcl`, `*.tf`, `*.tfvars` (not `*.tf.json`: JSON).
bool is_hcl_path(std::string_view path);

}  // namespace pushgate
