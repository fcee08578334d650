#pragma once
// Where a TreeView finds file summaries it need not compute again: keyed by git blob id and
// format (a summary is a pure function of both). ObjectIndexStore (object_index_store.h) keeps
// them on disk beside the repository; a run without a cache summarizes every file it lists.
#include <memory>
#include <string_view>

#include "core/document/document.h"
#include "core/tree/file_summary.h"

namespace pushgate {

class SummaryCache {
 public:
  virtual ~SummaryCache() = default;
  // The summary of blob `blob_id` read as `format`, or null. Safe from several threads.
  virtual std::shared_ptr<const FileSummary> find(std::string_view blob_id,
                                                  FileFormat format) const = 0;
  // Remembers a summary computed by this run. Safe from several threads.
  virtual void store(std::string_view blob_id, FileFormat format,
                     std::shared_ptr<const FileSummary> summary) = 0;
};

}  // namespace pushgate
