#pragma once
// A snapshot is one state of a tree of files: a git commit's tree, the staged index, or a
// directory. It lists entries cheaply and reads content on demand.
//
//   std::unique_ptr<Snapshot> snap = DirectorySnapshot::open("clusters/");
//   for (const Entry& e : snap->entries()) {
//     Result<std::string> bytes = snap->read(e);
//   }
//
// Implementations, one per header: GitTreeSnapshot (core/source/git_tree_snapshot.h, a commit),
// GitIndexSnapshot (git_index_snapshot.h, the staged index), DirectorySnapshot
// (directory_snapshot.h, files on disk).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/git/tree_entry.h"

namespace pushgate {

class Snapshot {
 public:
  virtual ~Snapshot() = default;
  // For messages: "commit 1a2b3c4 (refs/heads/main)", "staged index", "directory ./clusters".
  virtual std::string describe() const = 0;
  // Every file of the snapshot, sorted by path. Directories are not entries.
  virtual const std::vector<Entry>& entries() const = 0;
  // The content of one entry (for a symlink: its target). Safe to call from several threads.
  virtual Result<std::string> read(const Entry& entry) const = 0;
  // The content when it is at most `max_bytes`, else nullopt, told before the content is loaded
  // where the source can (a git object's header; the size a listing recorded). The default reads
  // and measures: a source that can do better overrides it.
  virtual Result<std::optional<std::string>> read_within(const Entry& entry,
                                                         std::uint64_t max_bytes) const;
  // At most the first `max_bytes` bytes, for judging a large file by its start (a NUL byte);
  // the default reads the whole entry and cuts it.
  virtual Result<std::string> read_head(const Entry& entry, std::size_t max_bytes) const;
};

}  // namespace pushgate
