#include "validators/terraform/version_constraints_rule.h"

#include <map>
#include <string>

#include "core/hcl/hcl.h"

namespace pushgate {

void VersionConstraintsRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  // Folder -> the first changed .tf file in it (where a finding goes).
  std::map<std::string, std::string> folders;
  for (const Entry& e : run.changed) {
    if (!e.path.ends_with(".tf") || e.path.find(".terraform/") != std::string::npos) continue;
    folders.try_emplace(std::string(parent_folder(e.path)), e.path);
  }
  for (const auto& [folder, changed] : folders) {
    if (run.tree->find(changed) == nullptr) continue;  // deleted
    bool version = false, providers = false, needs_providers = false, all_read = true;
    for (const Entry& e : run.tree->under(folder)) {
      // The folder's own .tf files, not those of nested folders.
      if (!e.path.ends_with(".tf") || parent_folder(e.path) != folder) continue;
      const HclFile* read = run.tree->hcl(e.path);
      if (read == nullptr) {
        all_read = false;
        continue;
      }
      const HclFile& file = *read;
      if (!file.complete) all_read = false;  // hcl/syntax reports it; do not guess
      for (const HclBlock& b : file.body.blocks) {
        if (b.type == "resource" || b.type == "data" || b.type == "provider") {
          needs_providers = true;
        }
        if (b.type != "terraform") continue;
        version = version || b.body.attribute("required_version") != nullptr;
        for (const HclBlock& inner : b.body.blocks) {
          providers = providers || inner.type == "required_providers";
        }
      }
    }
    if (!all_read) continue;
    std::string missing;
    if (!version) missing = "required_version";
    if (needs_providers && !providers) {
      missing += missing.empty() ? "required_providers" : " and required_providers";
    }
    if (missing.empty()) continue;
    out.push_back(Finding::at(
        std::string(rule()), Severity::kWarning, changed, Position{1, 1},
        "module folder \"" + (folder.empty() ? std::string(".") : folder) +
            "\" has no terraform { " + missing +
            " }; add version constraints so init cannot pick any Terraform or provider version"));
  }
}

}  // namespace pushgate
