#include "validators/git/path_length_rule.h"

namespace pushgate {

void PathLengthRule::check_ref(const RefContext& context, FindingList& out) const {
  const std::optional<std::uint64_t>& max = context.rule.files.max_path_length;
  if (!max) return;
  for (const CommitEntries& commit : context.new_entries) {
    for (const Entry& entry : commit.entries) {
      if (entry.path.size() <= *max) continue;
      out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                 "commit " + short_id(commit.commit) + " adds a path of " +
                                     std::to_string(entry.path.size()) + " bytes, more than the " +
                                     std::to_string(*max) + " allowed on " +
                                     context.plan.update.ref + "; shorten its name or folders"));
    }
  }
}

}  // namespace pushgate
