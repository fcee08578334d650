#include "validators/terragrunt/source_skeleton.h"

namespace pushgate {
namespace {

constexpr int kBudget = 32;  // locals referring to locals
constexpr std::size_t kMaxQuoted = 80;

bool append(const HclFile& file, HclExprId id, std::string& out, int& budget) {
  if (id == kNoHclExpr || --budget < 0) return false;
  const HclExpr& e = file.expr(id);
  if (e.kind == HclExprKind::kTemplate) {
    for (HclExprId part : e.children) {
      const HclExpr& p = file.expr(part);
      if (p.kind == HclExprKind::kLiteral) {
        out += p.text;
      } else if (!append(file, part, out, budget)) {
        out += "${...}";
      }
    }
    return true;
  }
  if (e.kind == HclExprKind::kGetAttr && file.expr(e.children[0]).kind == HclExprKind::kVariable &&
      file.expr(e.children[0]).text == "local") {
    for (const HclBlock& b : file.body.blocks) {
      if (b.type != "locals") continue;
      if (const HclAttribute* a = b.body.attribute(e.text))
        return append(file, a->value, out, budget);
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> source_skeleton(const HclFile& file, HclExprId source) {
  std::string out;
  int budget = kBudget;
  if (!append(file, source, out, budget) || out.starts_with("${...}")) return std::nullopt;
  return out;
}

std::string shorten_source(const std::string& source) {
  return source.size() <= kMaxQuoted ? source : source.substr(0, kMaxQuoted) + "...";
}

}  // namespace pushgate
