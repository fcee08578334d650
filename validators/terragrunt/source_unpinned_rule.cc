#include "validators/terragrunt/source_unpinned_rule.h"

#include "validators/terragrunt/source_skeleton.h"
#include "validators/terragrunt/terragrunt_tree.h"

namespace pushgate {

void TerragruntSourceUnpinnedRule::check_hcl(const HclFileContext& context,
                                             FindingList& out) const {
  const HclFile& file = context.file;
  if (!file.path.ends_with(".hcl") || file.path.ends_with(".stack.hcl")) return;
  for (const HclBlock& b : file.body.blocks) {
    if (b.type != "terraform") continue;
    const HclAttribute* source = b.body.attribute("source");
    if (source == nullptr) continue;
    const std::optional<std::string> skeleton = source_skeleton(file, source->value);
    if (!skeleton || !is_remote_source(*skeleton) || is_pinned_source(*skeleton)) continue;
    out.push_back(Finding::at(std::string(rule()), Severity::kWarning, file.path,
                              file.expr(source->value).start,
                              "remote module source \"" + shorten_source(*skeleton) +
                                  "\" has no fixed revision; add ?ref=<tag or commit> so a "
                                  "deploy cannot change without a commit here"));
  }
}

}  // namespace pushgate
