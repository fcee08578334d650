#include "validators/git/blob_size_rule.h"

#include "core/config/byte_size.h"

namespace pushgate {

void BlobSizeRule::check_ref(const RefContext& context, FindingList& out) const {
  const std::optional<std::uint64_t>& max = context.rule.files.max_blob_size;
  if (!max) return;
  for (const CommitEntries& commit : context.new_entries) {
    for (const Entry& entry : commit.entries) {
      if (entry.mode == EntryMode::kSubmodule) continue;
      std::uint64_t size = entry.size;
      if (!entry.size_known) {  // the size from the object header again: fail closed
        Result<std::uint64_t> blob = context.repository.blob_size(entry.id);
        if (!blob) {
          out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                     "cannot read blob " + entry.id + ": " + blob.error().message));
          continue;
        }
        size = blob.value();
      }
      if (size <= *max) continue;
      out.push_back(file_finding(
          rule(), context, commit.commit, entry.path,
          "commit " + short_id(commit.commit) + " adds a file of " + std::to_string(size) +
              " bytes" + ", more than the " + format_byte_size(*max) + " allowed per file on " +
              context.plan.update.ref +
              "; keep large files out of git (e.g. Git LFS) and remove it from every commit"));
    }
  }
}

}  // namespace pushgate
