#include "tests/support/hcl_structure.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <vector>

namespace pushgate::testing {
namespace {

std::string pos(Position p) {
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

// Go's strconv.Quote for the label texts real files hold (ASCII and printable UTF-8).
std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
  return out + "\"";
}

void duplicates(const HclBody& body, std::vector<Position>& out) {
  std::set<std::string_view> seen;
  for (const HclAttribute& a : body.attributes) {
    if (!seen.insert(a.name).second) out.push_back(a.start);
  }
  for (const HclBlock& b : body.blocks) duplicates(b.body, out);
}

void print(const HclBody& body, int depth, std::string& out) {
  struct Item {
    Position at;
    const HclAttribute* attr;
    const HclBlock* block;
  };
  std::vector<Item> items;
  for (const HclAttribute& a : body.attributes) items.push_back({a.start, &a, nullptr});
  for (const HclBlock& b : body.blocks) items.push_back({b.start, nullptr, &b});
  std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) {
    return x.at.line != y.at.line ? x.at.line < y.at.line : x.at.column < y.at.column;
  });
  std::set<std::string_view> seen;
  for (const Item& it : items) {
    if (it.attr != nullptr) {
      // hclsyntax keeps the first of duplicated attributes only.
      if (!seen.insert(it.attr->name).second) continue;
      out += "A " + std::to_string(depth) + " " + pos(it.at) + " " + it.attr->name + "\n";
      continue;
    }
    out += "B " + std::to_string(depth) + " " + pos(it.at) + " " + it.block->type;
    for (const HclLabel& l : it.block->labels) out += " " + go_quote(l.value);
    out += "\n";
    print(it.block->body, depth + 1, out);
  }
}

}  // namespace

std::string hcl_structure(const HclFile& file) {
  std::vector<Position> dups;
  duplicates(file.body, dups);
  std::sort(dups.begin(), dups.end(), [](Position x, Position y) {
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  std::string out;
  for (Position p : dups) out += "D " + pos(p) + "\n";
  if (!file.complete) {
    const Position p = file.findings.empty() ? Position{} : file.findings.front().position;
    return out + "E " + pos(p) + "\n";
  }
  print(file.body, 0, out);
  return out;
}

}  // namespace pushgate::testing
