#pragma once
// The object index beside a repository: file summaries (file_summary.h) kept by blob id, so that
// a push parses only the blobs it brings and takes everything else of the tree from here
// (docs/gitops.md, "The object index").
//
//   ObjectIndexStore store = ObjectIndexStore::open(git_dir + "/pushgate/object-index");
//   TreeView tree(snapshot, limits, selector, &store);   // inventory() reads and fills it
//   store.save();                                        // once, when the hook is done
//
// The file is binary and read through mmap (format 5, docs/gitops.md): a header (magic, format,
// key, counts, a checksum of header and table), a table of fixed-size records sorted by blob id
// and format (binary search; nothing is built at open), then the payloads, each with its own
// checksum, in any order and possibly with dead bytes between them. open() checks the header,
// the exact size and the table's checksum; a payload is checked and decoded only when find()
// asks for it (its bodies left in the mapping, which they keep alive), so untouched entries are
// never parsed; save() writes the table again, copies the file's payloads as one range and
// appends the new ones, or compacts when dead bytes outweigh a quarter of the live ones.
//
// Safe by construction rather than by locks: a summary depends only on the blob's bytes, the
// format and the key (pushgate's version and parse limits), so any two writers write true
// things. save() writes a temporary file and renames it over the index (atomic on POSIX), so a
// reader sees the old or the new index, never half of one, and a mapped index never changes
// under its reader (nothing of pushgate writes an index in place). A missing, unreadable,
// corrupt (size, checksum, encoding) or stale (another key, another format) index is ignored and
// rewritten: it is never trusted, only reused when it proves intact. A payload that fails its
// checksum when it is read is treated the same way: not used, its summary computed again, and
// the whole index rewritten by save().
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  ~ObjectIndexStore() override;

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
  // How many payloads of the file this run decoded (find() of an entry it held), for tests and
  // the bench: a push decodes what it looks up, never the whole file.
  std::size_t decoded() const;

 private:
  ObjectIndexStore(std::string path, std::string key)
      : path_(std::move(path)), key_(std::move(key)) {}
  void load();
  void unmap();

  // What the table is sorted and searched by: the blob id (hex decoded, zero padded), its
  // length in hex digits, the format ('y' or 'j'). Held inline: a push looks up every file of
  // the tree, and a key behind a pointer cost a cache miss per lookup.
  using RecordKey = std::array<unsigned char, 34>;
  struct RecordKeyHash {
    std::size_t operator()(const RecordKey& key) const {
      return std::hash<std::string_view>{}(
          std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
    }
  };
  // Nullopt for an id that is no hex blob id of git (never cached).
  static std::optional<RecordKey> record_key(std::string_view blob_id, FileFormat format);
  // The record of `key` in the mapped table, or -1.
  std::ptrdiff_t find_record(const RecordKey& key) const;
  std::string path_;
  std::string key_;
  LoadState state_ = LoadState::kMissing;
  mutable std::string problem_;
  mutable bool dirty_ = false;  // something to write (also: an entry found damaged)
  mutable std::unique_ptr<std::mutex> mutex_ = std::make_unique<std::mutex>();
  // The mapped file (kLoaded only): its records and payloads, read in place. `mapping_` unmaps
  // it when the last of the store and the summary bodies viewing it (ObjectBody::view_msgpack)
  // is gone.
  std::shared_ptr<const void> mapping_;
  const unsigned char* map_ = nullptr;
  std::size_t map_size_ = 0;
  const unsigned char* table_ = nullptr;
  std::size_t records_ = 0;
  const unsigned char* payloads_ = nullptr;
  std::size_t payload_bytes_ = 0;
  std::size_t live_payload_bytes_ = 0;  // what the records point to; the rest is dead
  // Per record: looked up by this run (kept first by save()), its summary once decoded (null
  // after a lookup: found damaged).
  mutable std::vector<bool> record_used_;
  mutable std::vector<std::shared_ptr<const FileSummary>> record_summaries_;
  mutable std::size_t decoded_ = 0;
  // The summaries store() was given; each replaces its record, if the file has one.
  std::unordered_map<RecordKey, std::shared_ptr<const FileSummary>, RecordKeyHash> stored_;
};

// Where a repository keeps its index: `<git dir>/pushgate/object-index`.
std::string object_index_path(std::string_view git_dir);

// Serialization of one summary (a record's payload, without its checksum), exposed for tests:
// the bytes, and back (an error for bytes that do not decode whole). A body is copied out of
// `bytes`, or viewed in place when `owner` keeps them alive.
std::string encode_file_summary(const FileSummary& summary);
Result<FileSummary> decode_file_summary(std::string_view bytes,
                                        const std::shared_ptr<const void>& owner = nullptr);

}  // namespace pushgate
