#include "validators/gitops/path_target_files.h"

#include <set>
#include <string_view>

#include "core/tree/tree_view.h"

namespace pushgate {

void for_each_path_target_file(const RunContext& run,
                               const std::function<void(const FileContext&)>& visit) {
  std::set<std::string_view> judged;
  for (const FileContext& file : run.files) {
    judged.insert(file.file.path);
    visit(file);
  }
  if (run.tree == nullptr || run.deleted.empty()) return;
  for (const Entry& entry : run.tree->entries()) {
    if (judged.contains(entry.path) || !run.tree->selected(entry.path)) continue;
    const TreeFile* file = run.tree->file(entry.path);
    if (file == nullptr || !file->parsed) continue;
    visit(FileContext{*file->parsed, file->content});
  }
}

}  // namespace pushgate
