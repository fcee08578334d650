#include "validators/hcl/duplicate_attribute_rule.h"

#include <map>

namespace pushgate {
namespace {

void check_body(const HclBody& body, const std::string& path, FindingList& out) {
  std::map<std::string_view, const HclAttribute*> seen;
  for (const HclAttribute& a : body.attributes) {
    auto [it, inserted] = seen.try_emplace(a.name, &a);
    if (inserted) continue;
    Finding f = Finding::at("hcl/duplicate-attribute", Severity::kError, path, a.start,
                            "argument \"" + a.name +
                                "\" is set twice in the same block (first at "
                                "line " +
                                std::to_string(it->second->start.line) +
                                "); Terraform and Terragrunt refuse the file: remove one");
    f.span = static_cast<std::uint32_t>(a.name.size());
    out.push_back(std::move(f));
  }
  // Recursion depth is bounded by the reader's HclLimits::max_depth.
  for (const HclBlock& b : body.blocks) check_body(b.body, path, out);
}

}  // namespace

void DuplicateAttributeRule::check_hcl(const HclFileContext& file, FindingList& out) const {
  check_body(file.file.body, file.file.path, out);
}

}  // namespace pushgate
