#include "validators/git/submodule_rule.h"

namespace pushgate {

void SubmoduleRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.files.deny_submodules) return;
  for (const CommitEntries& commit : context.new_entries) {
    for (const Entry& entry : commit.entries) {
      if (entry.mode != EntryMode::kSubmodule) continue;
      out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                 "commit " + short_id(commit.commit) + " adds a submodule (" +
                                     entry.id.substr(0, 12) + "), which " +
                                     context.plan.update.ref +
                                     " does not allow; vendor the files or remove it with "
                                     "`git rm`"));
    }
  }
}

}  // namespace pushgate
