#include "validators/hcl/duplicate_block_rule.h"

#include <map>
#include <string>

namespace pushgate {
namespace {

// Block types whose labels must be unique in one file, and how many labels form the key.
struct UniqueBlock {
  std::string_view type;
  std::size_t labels;
  bool terraform;  // only in .tf files (Terragrunt's have other meanings)
};
constexpr UniqueBlock kUnique[] = {
    {"variable", 1, true}, {"output", 1, true},      {"module", 1, true},   {"resource", 2, true},
    {"data", 2, true},     {"dependency", 1, false}, {"include", 1, false}, {"ephemeral", 2, true},
};

std::string quoted_labels(const HclBlock& b, std::size_t n) {
  std::string out = b.type;
  for (std::size_t i = 0; i < n && i < b.labels.size(); ++i)
    out += " \"" + b.labels[i].value + "\"";
  return out;
}

}  // namespace

void DuplicateBlockRule::check_hcl(const HclFileContext& context, FindingList& out) const {
  const HclFile& file = context.file;
  const bool tf = file.path.ends_with(".tf");
  const bool terragrunt = file.path.ends_with(".hcl");
  std::map<std::string, const HclBlock*> seen;
  std::map<std::string, Position> locals;
  auto report = [&](Position at, const std::string& what, Position first) {
    out.push_back(Finding::at("hcl/duplicate-block", Severity::kError, file.path, at,
                              what + " is declared twice in this file (first at line " +
                                  std::to_string(first.line) + "); remove or rename one"));
  };
  for (const HclBlock& b : file.body.blocks) {
    if (b.type == "locals" && (tf || terragrunt)) {
      for (const HclAttribute& a : b.body.attributes) {
        auto [it, inserted] = locals.try_emplace(a.name, a.start);
        // Twice in one block is hcl/duplicate-attribute's finding.
        if (!inserted && it->second.line < b.start.line) {
          report(a.start, "local value \"" + a.name + "\"", it->second);
        }
      }
      continue;
    }
    if (b.type == "provider" && tf && !b.labels.empty()) {
      std::string alias;
      if (const HclAttribute* a = b.body.attribute("alias")) {
        const auto value = file.static_string(a->value);
        if (!value) continue;  // computed: not judged
        alias = *value;
      }
      const std::string key = "provider\n" + b.labels[0].value + "\n" + alias;
      auto [it, inserted] = seen.try_emplace(key, &b);
      if (!inserted) {
        report(b.start,
               "provider \"" + b.labels[0].value + "\"" +
                   (alias.empty() ? " without alias" : " with alias \"" + alias + "\""),
               it->second->start);
      }
      continue;
    }
    for (const UniqueBlock& u : kUnique) {
      if (b.type != u.type || b.labels.size() < u.labels) continue;
      if (u.terraform ? !tf : !terragrunt) continue;
      std::string key = b.type;
      for (std::size_t i = 0; i < u.labels; ++i) key += "\n" + b.labels[i].value;
      auto [it, inserted] = seen.try_emplace(key, &b);
      if (!inserted) report(b.start, quoted_labels(b, u.labels), it->second->start);
    }
  }
}

}  // namespace pushgate
