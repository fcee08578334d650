#include "validators/gitops/kustomize_remote_base_rule.h"

#include "core/tree/kustomization_file.h"

namespace pushgate {

void KustomizeRemoteBaseRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  for (const Entry& entry : run.changed) {
    if (!is_kustomization_path(entry.path)) continue;
    const TreeFile* file = run.tree->file(entry.path);
    if (file == nullptr || !file->parsed) continue;
    for (const KustomizeReference& ref : kustomize_references(kustomization_root(*file->parsed))) {
      if (!is_remote_reference(ref.path)) continue;
      out.push_back(Finding::at(
          std::string(rule()), Severity::kWarning, entry.path, ref.node.position(),
          "`" + ref.path + "` in " + ref.field +
              " is a remote base: kustomize fetches it when it builds, so pushgate cannot check "
              "what it renders; vendor it into this repository, or allow remote bases with "
              "`gitops/kustomize-remote-base: \"off\"` under policies.rules"));
    }
  }
}

}  // namespace pushgate
