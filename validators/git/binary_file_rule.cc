#include "validators/git/binary_file_rule.h"

#include "core/base/glob.h"

namespace pushgate {
namespace {

constexpr std::size_t kSniffBytes = 8000;  // what git itself looks at

}  // namespace

void BinaryFileRule::check_ref(const RefContext& context, FindingList& out) const {
  const std::vector<std::string>& text_only = context.rule.files.text_only;
  if (text_only.empty()) return;
  Result<GlobSet> globs = GlobSet::compile(text_only);
  if (!globs) {
    out.push_back(ref_finding(rule(), context, context.plan.tip,
                              "text_only globs do not compile: " + globs.error().message));
    return;
  }
  for (const CommitEntries& commit : context.new_entries) {
    for (const Entry& entry : commit.entries) {
      if (entry.mode != EntryMode::kFile && entry.mode != EntryMode::kExecutable) continue;
      if (!globs.value().matches(entry.path)) continue;
      // The head only: a large blob is never inflated whole to look at 8000 bytes.
      Result<std::string> blob = context.repository.read_blob_head(entry.id, kSniffBytes);
      if (!blob) {
        out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                   "cannot read blob " + entry.id + ": " + blob.error().message));
        continue;
      }
      const std::string_view head = std::string_view(blob.value()).substr(0, kSniffBytes);
      if (head.find('\0') == std::string_view::npos) continue;
      out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                 "commit " + short_id(commit.commit) +
                                     " adds a binary file (a NUL byte in its first 8000 bytes) "
                                     "where " +
                                     context.plan.update.ref +
                                     " only allows text; commit the text source instead"));
    }
  }
}

}  // namespace pushgate
