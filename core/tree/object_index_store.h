#pragma once
// The object index beside a repository: file summaries (file_summary.h) kept by blob id, so that
// a push parses only the blobs it brings and takes everything else of the tree from here
// (docs/gitops.md, "The object index").
//
//   ObjectIndexStore store = ObjectIndexStore::open(git_dir + "/pushgate/object-index");
//   TreeView tree(snapshot, limits, selector, &store);   // inventory() reads and fills it
//   store.save();                                        // once, when the hook is done
//
// Safe by construction rather than by locks: a summary depends only on the blob's bytes, the
// format and the key (pushgate's version and parse limits), so any two writers write true
// things. save() writes a temporary file and renames it over the index (atomic on POSIX), so a
// reader sees the old or the new index, never half of one; two concurrent pushes each write
// theirs and the last rename wins (the other's new summaries are simply computed again later).
// A missing, unreadable, corrupt (checksum, syntax) or stale (another key) index is ignored
// and rewritten: it is never trusted, only reused when it proves intact.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/base/result.h"
#include "core/tree/summary_cache.h"

namespace pushgate {

class ObjectIndexStore final : public SummaryCache {
 public:
  enum class LoadState { kLoaded, kMissing, kStale, kCorrupt };

  // Loads the index at `path` if it exists and is intact for `key` (index_key()).
  static ObjectIndexStore open(std::string path, std::string key);
  // The key an index must carry to be used: pushgate's version, the index format and the parse
  // limits (a summary computed under other limits may differ).
  static std::string index_key(const ParseLimits& limits);

  ObjectIndexStore(ObjectIndexStore&&) noexcept;
  ObjectIndexStore& operator=(ObjectIndexStore&&) noexcept;

  std::shared_ptr<const FileSummary> find(std::string_view blob_id,
                                          FileFormat format) const override;
  void store(std::string_view blob_id, FileFormat format,
             std::shared_ptr<const FileSummary> summary) override;

  // Writes the index when this run added summaries or the loaded one was not usable. Keeps the
  // summaries this run used first, then older ones, up to `max_entries`. Creates the folder.
  Result<bool> save(std::size_t max_entries = 200000);

  LoadState load_state() const { return state_; }
  std::string_view load_problem() const { return problem_; }  // why stale/corrupt
  std::size_t size() const;

 private:
  ObjectIndexStore(std::string path, std::string key)
      : path_(std::move(path)), key_(std::move(key)) {}
  void load();

  struct Slot {
    std::shared_ptr<const FileSummary> summary;
    mutable bool used = false;  // looked up or stored by this run
  };
  // A blob id (hex: SHA-1 or SHA-256) and a format, held inline: a push looks up every file of
  // the tree, and a key behind a pointer cost a cache miss per lookup.
  struct SlotKey {
    std::array<char, 64> id{};
    std::uint8_t size = 0;
    char format = 'y';
    bool operator==(const SlotKey&) const = default;
    std::string_view text() const { return {id.data(), size}; }
  };
  struct SlotKeyHash {
    std::size_t operator()(const SlotKey& key) const {
      return std::hash<std::string_view>{}(key.text()) ^ static_cast<std::size_t>(key.format);
    }
  };
  // Nullopt for an id that is no hex blob id of git (never cached).
  static std::optional<SlotKey> slot_key(std::string_view blob_id, FileFormat format);
  std::string path_;
  std::string key_;
  LoadState state_ = LoadState::kMissing;
  std::string problem_;
  bool dirty_ = false;
  mutable std::unique_ptr<std::mutex> mutex_ = std::make_unique<std::mutex>();
  std::unordered_map<SlotKey, Slot, SlotKeyHash> slots_;
};

// Where a repository keeps its index: `<git dir>/pushgate/object-index`.
std::string object_index_path(std::string_view git_dir);

// Serialization, exposed for tests: the text of an index holding `slots`, and back.
std::string encode_file_summary(const FileSummary& summary);
Result<FileSummary> decode_file_summary(std::string_view text);

}  // namespace pushgate
