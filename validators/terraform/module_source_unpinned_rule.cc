#include "validators/terraform/module_source_unpinned_rule.h"

#include "validators/terragrunt/source_skeleton.h"
#include "validators/terragrunt/terragrunt_tree.h"

namespace pushgate {

void ModuleSourceUnpinnedRule::check_hcl(const HclFileContext& context, FindingList& out) const {
  const HclFile& file = context.file;
  if (!file.path.ends_with(".tf")) return;
  for (const HclBlock& b : file.body.blocks) {
    if (b.type != "module" || b.labels.empty()) continue;
    const HclAttribute* source = b.body.attribute("source");
    if (source == nullptr) continue;
    const std::optional<std::string> skeleton = source_skeleton(file, source->value);
    if (!skeleton || !is_remote_source(*skeleton) || is_pinned_source(*skeleton)) continue;
    // A registry address (namespace/name/provider, no scheme) is pinned by `version`.
    const bool registry =
        skeleton->find("::") == std::string::npos && skeleton->find("://") == std::string::npos &&
        skeleton->find('?') == std::string::npos && !skeleton->starts_with("git@") &&
        !skeleton->starts_with("github.com/") && !skeleton->starts_with("bitbucket.org/") &&
        skeleton->find("//") == std::string::npos;
    if (registry && b.body.attribute("version") != nullptr) continue;
    out.push_back(Finding::at(std::string(rule()), Severity::kWarning, file.path,
                              file.expr(source->value).start,
                              "module \"" + b.labels[0].value + "\" takes remote source \"" +
                                  shorten_source(*skeleton) + "\" without a fixed revision; " +
                                  (registry ? "add version = \"<exact version>\""
                                            : "add ?ref=<tag or commit> to the source")));
  }
}

}  // namespace pushgate
