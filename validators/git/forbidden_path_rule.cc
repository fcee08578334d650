#include "validators/git/forbidden_path_rule.h"

#include <algorithm>

#include "core/base/glob.h"
#include "core/base/words.h"

namespace pushgate {

void ForbiddenPathRule::check_ref(const RefContext& context, FindingList& out) const {
  const FileRulesConfig& config = context.rule.files;
  if (config.forbidden_paths.empty() && config.forbidden_extensions.empty()) return;
  Result<GlobSet> globs = GlobSet::compile(config.forbidden_paths);
  if (!globs) {  // the loader checked them; fail closed all the same
    out.push_back(ref_finding(rule(), context, context.plan.tip,
                              "forbidden_paths do not compile: " + globs.error().message));
    return;
  }
  for (const CommitEntries& commit : context.new_entries) {
    for (const Entry& entry : commit.entries) {
      std::string why;
      if (globs.value().matches(entry.path)) {
        why = "a forbidden path";
      } else {
        auto ext = std::find_if(
            config.forbidden_extensions.begin(), config.forbidden_extensions.end(),
            [&](const std::string& e) { return ends_with_ignoring_case(entry.path, e); });
        if (ext == config.forbidden_extensions.end()) continue;
        why = "a forbidden extension (" + *ext + ")";
      }
      out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                 "commit " + short_id(commit.commit) + " adds " + why + " on " +
                                     context.plan.update.ref +
                                     "; remove the file from every new commit (git rebase -i)"));
    }
  }
}

}  // namespace pushgate
