#include "core/tree/object_index_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <utility>
#include <vector>

#include "core/base/byte_codec.h"
#include "core/base/replace_file.h"
#include "pushgate/version.h"

namespace pushgate {
namespace {

// The file (all integers little-endian as this host writes them; another byte order reads as
// another format, hence stale):
//   header   64 bytes: magic, format, key length, record count, payload bytes, checksum of the
//            header (this field zero), the key and the table; the rest zero
//   key      the index key, padded with zeros to a multiple of 8
//   table    one record per summary, sorted by its first kRecordKey bytes (memcmp):
//            id (hex decoded, 32 bytes, zero padded), id length in hex digits, format ('y' or
//            'j'), 2 zero bytes, payload length (u32), payload offset in the payloads (u64),
//            payload checksum (u64)
//   payloads encode_file_summary() of each record, in any order, possibly with dead bytes
//            between them (payloads of records since dropped): save() copies the payloads of a
//            file it read as one range and appends the new ones, and compacts (every payload
//            again, in table order) when the dead bytes exceed a quarter of the live ones
// Bump when the summary or this layout changes meaning: an index of another format is stale.
// Format 5: payloads in any order, dead bytes allowed (format 4: in table order, none dead).
constexpr char kMagic[8] = {'P', 'G', 'O', 'B', 'J', 'I', 'X', '\n'};
constexpr std::uint32_t kFormat = 5;
constexpr std::size_t kHeaderBytes = 64;
constexpr std::size_t kRecordBytes = 56;
constexpr std::size_t kRecordKey = 34;  // id, id length, format

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

// A payload: flags (1: SOPS, 2: complete, 4: kustomization), the objects (count, then per
// object document, line, column, apiVersion, kind, namespace, name, body as MessagePack or
// empty for none, kept undecoded by decode_file_summary()), then the kustomization (namespace,
// namePrefix, nameSuffix, references: count, then per reference a 0/1 byte and the path). Numbers
// are varints, texts length-prefixed.
std::string encode_file_summary(const FileSummary& summary) {
  std::string out;
  out += static_cast<char>((summary.sops_encrypted ? 1 : 0) | (summary.complete ? 2 : 0) |
                           (summary.kustomization ? 4 : 0));
  put_varint(out, summary.objects.size());
  std::string body;
  for (const SummarizedObject& o : summary.objects) {
    put_varint(out, o.document);
    put_varint(out, o.position.line);
    put_varint(out, o.position.column);
    put_bytes(out, o.api_version);
    put_bytes(out, o.kind);
    put_bytes(out, o.namespace_);
    put_bytes(out, o.name);
    body.clear();
    if (!o.body.is_null()) o.body.append_msgpack(body);
    put_bytes(out, body);
  }
  if (const std::optional<KustomizationSummary>& k = summary.kustomization) {
    put_bytes(out, k->namespace_);
    put_bytes(out, k->name_prefix);
    put_bytes(out, k->name_suffix);
    put_varint(out, k->references.size());
    for (const SummarizedReference& ref : k->references) {
      out += ref.file_or_kustomization ? '\1' : '\0';
      put_bytes(out, ref.path);
    }
  }
  return out;
}

Result<FileSummary> decode_file_summary(std::string_view bytes,
                                        const std::shared_ptr<const void>& owner) {
  ByteReader r{bytes};
  auto bad = [](const char* what) { return Error{ErrorCode::kInvalid, what}; };
  if (bytes.empty()) return bad("empty");
  const auto flags = static_cast<unsigned char>(bytes[0]);
  if (flags > 7) return bad("bad flags");
  r.pos = 1;
  FileSummary summary;
  summary.sops_encrypted = (flags & 1) != 0;
  summary.complete = (flags & 2) != 0;
  const std::uint64_t count = r.varint();
  // Every object takes at least 8 bytes: a count beyond that is no count but damage.
  if (!r.ok || count > bytes.size() / 8) return bad("bad object count");
  summary.objects.reserve(count);
  for (std::uint64_t i = 0; i < count && r.ok; ++i) {
    SummarizedObject& o = summary.objects.emplace_back();
    o.document = r.number<std::uint32_t>();
    o.position.line = r.number<std::uint32_t>();
    o.position.column = r.number<std::uint32_t>();
    o.api_version = std::string(r.bytes());
    o.kind = std::string(r.bytes());
    o.namespace_ = std::string(r.bytes());
    o.name = std::string(r.bytes());
    // Checked here, decoded when a rule reads it (object_body.h): most never are.
    const std::string_view body = r.bytes();
    if (r.ok && !body.empty()) {
      if (!msgpack_well_formed(body)) return bad("bad object body");
      o.body = owner ? ObjectBody::view_msgpack(body, owner) : ObjectBody::from_msgpack(body);
    }
  }
  if (!r.ok) return bad("truncated object");
  if ((flags & 4) != 0) {
    KustomizationSummary k;
    k.namespace_ = std::string(r.bytes());
    k.name_prefix = std::string(r.bytes());
    k.name_suffix = std::string(r.bytes());
    const std::uint64_t references = r.varint();
    if (!r.ok || references > bytes.size() / 2) return bad("bad reference count");
    for (std::uint64_t i = 0; i < references && r.ok; ++i) {
      SummarizedReference ref;
      if (r.pos >= bytes.size() || static_cast<unsigned char>(bytes[r.pos]) > 1) {
        return bad("bad reference");
      }
      ref.file_or_kustomization = bytes[r.pos++] == 1;
      ref.path = std::string(r.bytes());
      k.references.push_back(std::move(ref));
    }
    if (!r.ok) return bad("truncated kustomization");
    summary.kustomization = std::move(k);
  }
  if (r.pos != bytes.size()) return bad("trailing bytes");
  return summary;
}

namespace {

std::string hex_of(const unsigned char* record) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < record[32] / 2u; ++i) {
    out += kDigits[record[i] >> 4];
    out += kDigits[record[i] & 15];
  }
  return out;
}

}  // namespace

std::optional<ObjectIndexStore::RecordKey> ObjectIndexStore::record_key(std::string_view blob_id,
                                                                        FileFormat format) {
  RecordKey key{};
  if (blob_id.empty() || blob_id.size() > 64 || blob_id.size() % 2 != 0) return std::nullopt;
  for (std::size_t i = 0; i < blob_id.size(); i += 2) {
    const int high = hex_digit(blob_id[i]);
    const int low = hex_digit(blob_id[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    key[i / 2] = static_cast<unsigned char>(high * 16 + low);
  }
  key[32] = static_cast<unsigned char>(blob_id.size());
  key[33] = format == FileFormat::kJson ? 'j' : 'y';
  return key;
}

std::string object_index_path(std::string_view git_dir) {
  std::string path(git_dir);
  if (!path.empty() && path.back() != '/') path += '/';
  return path + "pushgate/object-index";
}

std::string ObjectIndexStore::index_key(const ParseLimits& limits) {
  return std::to_string(kFormat) + "/" + kVersion + "/" + std::to_string(limits.max_bytes) + "/" +
         std::to_string(limits.max_depth) + "/" + std::to_string(limits.max_expanded_nodes);
}

ObjectIndexStore ObjectIndexStore::open(std::string path, std::string key) {
  ObjectIndexStore store(std::move(path), std::move(key));
  store.load();
  return store;
}

ObjectIndexStore::ObjectIndexStore(ObjectIndexStore&& other) noexcept {
  *this = std::move(other);
}

ObjectIndexStore& ObjectIndexStore::operator=(ObjectIndexStore&& other) noexcept {
  if (this == &other) return *this;
  unmap();
  path_ = std::move(other.path_);
  key_ = std::move(other.key_);
  state_ = other.state_;
  problem_ = std::move(other.problem_);
  dirty_ = other.dirty_;
  mutex_ = std::move(other.mutex_);
  mapping_ = std::move(other.mapping_);
  map_ = std::exchange(other.map_, nullptr);
  map_size_ = std::exchange(other.map_size_, 0);
  table_ = std::exchange(other.table_, nullptr);
  records_ = std::exchange(other.records_, 0);
  payloads_ = std::exchange(other.payloads_, nullptr);
  payload_bytes_ = std::exchange(other.payload_bytes_, 0);
  live_payload_bytes_ = std::exchange(other.live_payload_bytes_, 0);
  record_used_ = std::move(other.record_used_);
  record_summaries_ = std::move(other.record_summaries_);
  decoded_ = other.decoded_;
  stored_ = std::move(other.stored_);
  return *this;
}

ObjectIndexStore::~ObjectIndexStore() {
  unmap();
}

void ObjectIndexStore::unmap() {
  mapping_.reset();  // unmapped now, or when the last body viewing it is gone
  map_ = table_ = payloads_ = nullptr;
  map_size_ = records_ = payload_bytes_ = live_payload_bytes_ = 0;
  record_used_.clear();
  record_summaries_.clear();
}

void ObjectIndexStore::load() {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    state_ = LoadState::kMissing;
    return;
  }
  struct stat st {};
  const bool sized = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  void* mapped = MAP_FAILED;
  if (sized && st.st_size >= static_cast<off_t>(kHeaderBytes)) {
    mapped = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);  // the mapping keeps the file
  auto corrupt = [&](std::string why) {
    unmap();
    state_ = LoadState::kCorrupt;
    problem_ = std::move(why);
  };
  if (mapped == MAP_FAILED) {
    // Not a file, unreadable, or shorter than a header (an index of format 3 and before is
    // text, which starts with "pushgate-object-index": stale, rewritten like any other).
    state_ = LoadState::kCorrupt;
    problem_ = sized ? "shorter than a header or not mappable" : "not a regular file";
    return;
  }
  map_ = static_cast<const unsigned char*>(mapped);
  map_size_ = static_cast<std::size_t>(st.st_size);
  mapping_ = std::shared_ptr<const void>(
      mapped, [size = map_size_](const void* p) { ::munmap(const_cast<void*>(p), size); });
  if (std::memcmp(map_, kMagic, sizeof kMagic) != 0) {
    if (std::string_view(reinterpret_cast<const char*>(map_), 21) == "pushgate-object-index") {
      unmap();
      state_ = LoadState::kStale;
      problem_ = "an index of format 3 (text), this run reads format " + std::to_string(kFormat);
      return;
    }
    return corrupt("bad magic");
  }
  const auto format = load_le<std::uint32_t>(map_ + 8);
  const auto key_size = load_le<std::uint32_t>(map_ + 12);
  const auto records = load_le<std::uint64_t>(map_ + 16);
  const auto payload_bytes = load_le<std::uint64_t>(map_ + 24);
  if (format != kFormat) {
    unmap();
    state_ = LoadState::kStale;
    problem_ =
        "format " + std::to_string(format) + ", this run reads format " + std::to_string(kFormat);
    return;
  }
  // The exact size, from the counts (each bounded first, so nothing below overflows): a
  // truncated or extended file fails here.
  const std::size_t key_padded = (std::size_t{key_size} + 7) / 8 * 8;
  if (key_size > map_size_ || records > map_size_ / kRecordBytes || payload_bytes > map_size_ ||
      kHeaderBytes + key_padded + records * kRecordBytes + payload_bytes != map_size_) {
    return corrupt("size does not match the header");
  }
  std::string header(reinterpret_cast<const char*>(map_), kHeaderBytes);
  std::memset(header.data() + 32, 0, 8);
  // As save() computes it: the header, then the key, then the table.
  const std::uint64_t sum = checksum(map_ + kHeaderBytes + key_padded, records * kRecordBytes,
                                     checksum(map_ + kHeaderBytes, key_padded, checksum(header)));
  if (sum != load_le<std::uint64_t>(map_ + 32)) return corrupt("checksum mismatch");
  const std::string_view key(reinterpret_cast<const char*>(map_ + kHeaderBytes), key_size);
  if (key != key_) {
    const std::string written(key);
    unmap();
    state_ = LoadState::kStale;
    problem_ = "written for " + written + ", this run is " + key_;
    return;
  }
  table_ = map_ + kHeaderBytes + key_padded;
  records_ = static_cast<std::size_t>(records);
  payloads_ = table_ + records_ * kRecordBytes;
  payload_bytes_ = static_cast<std::size_t>(payload_bytes);
  // The table is covered by the checksum, but it must also make sense: sorted, strictly (no
  // key twice), every payload inside the payloads, the padding zero.
  live_payload_bytes_ = 0;
  for (std::size_t i = 0; i < records_; ++i) {
    const unsigned char* r = table_ + i * kRecordBytes;
    const auto length = load_le<std::uint32_t>(r + 36);
    const auto offset = load_le<std::uint64_t>(r + 40);
    if (offset > payload_bytes_ || length > payload_bytes_ - offset || r[32] == 0 || r[32] > 64 ||
        r[32] % 2 != 0 || (r[33] != 'y' && r[33] != 'j') || r[34] != 0 || r[35] != 0 ||
        (i > 0 && std::memcmp(r - kRecordBytes, r, kRecordKey) >= 0)) {
      return corrupt("bad record");
    }
    live_payload_bytes_ += length;
  }
  record_used_.assign(records_, false);
  record_summaries_.assign(records_, nullptr);
  state_ = LoadState::kLoaded;
}

std::ptrdiff_t ObjectIndexStore::find_record(const RecordKey& key) const {
  std::size_t lo = 0;
  std::size_t hi = records_;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const int c = std::memcmp(table_ + mid * kRecordBytes, key.data(), kRecordKey);
    if (c == 0) return static_cast<std::ptrdiff_t>(mid);
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return -1;
}

std::shared_ptr<const FileSummary> ObjectIndexStore::find(std::string_view blob_id,
                                                          FileFormat format) const {
  const std::optional<RecordKey> key = record_key(blob_id, format);
  if (!key) return nullptr;
  std::lock_guard lock(*mutex_);
  if (!stored_.empty()) {
    if (auto it = stored_.find(*key); it != stored_.end()) return it->second;
  }
  const std::ptrdiff_t found = find_record(*key);
  if (found < 0) return nullptr;
  const auto at = static_cast<std::size_t>(found);
  if (record_summaries_[at]) return record_summaries_[at];
  if (record_used_[at]) return nullptr;  // looked up before and found damaged
  record_used_[at] = true;
  const unsigned char* r = table_ + at * kRecordBytes;
  const std::string_view payload(
      reinterpret_cast<const char*>(payloads_ + load_le<std::uint64_t>(r + 40)),
      load_le<std::uint32_t>(r + 36));
  Result<FileSummary> summary = Error{ErrorCode::kInvalid, "checksum mismatch"};
  if (checksum(payload) == load_le<std::uint64_t>(r + 48)) {
    // The strings are copied out; the bodies view the mapping (kept alive by them).
    summary = decode_file_summary(payload, mapping_);
  }
  if (!summary) {
    // Damaged since it was written: not used, computed again by the caller, and the index
    // written without it (save() copies no record that failed here).
    dirty_ = true;
    problem_ = "entry " + hex_of(r) + ": " + summary.error().message;
    return nullptr;
  }
  ++decoded_;
  record_summaries_[at] = std::make_shared<const FileSummary>(std::move(summary).value());
  return record_summaries_[at];
}

void ObjectIndexStore::store(std::string_view blob_id, FileFormat format,
                             std::shared_ptr<const FileSummary> summary) {
  const std::optional<RecordKey> key = record_key(blob_id, format);
  if (!key || !summary) return;
  std::lock_guard lock(*mutex_);
  stored_[*key] = std::move(summary);
  dirty_ = true;
}

std::size_t ObjectIndexStore::size() const {
  std::lock_guard lock(*mutex_);
  std::size_t n = records_;
  for (const auto& [key, summary] : stored_) {
    if (find_record(key) < 0) ++n;
  }
  return n;
}

std::size_t ObjectIndexStore::decoded() const {
  std::lock_guard lock(*mutex_);
  return decoded_;
}

Result<bool> ObjectIndexStore::save(std::size_t max_entries) {
  std::lock_guard lock(*mutex_);
  if (!dirty_ && state_ == LoadState::kLoaded) return false;
  // The entries of the new file, in table order: the records of the mapped file this run did
  // not replace or find damaged, merged with what it stored (sorted by key).
  struct Kept {
    const unsigned char* key = nullptr;     // kRecordKey bytes
    const unsigned char* record = nullptr;  // a record of the mapped file: its payload as it is
    const FileSummary* summary = nullptr;   // else: encode
    bool used = false;
  };
  std::vector<std::pair<const RecordKey*, const FileSummary*>> stored;
  stored.reserve(stored_.size());
  for (const auto& [key, summary] : stored_) stored.emplace_back(&key, summary.get());
  std::sort(stored.begin(), stored.end(),
            [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::vector<Kept> all;
  all.reserve(records_ + stored.size());
  std::size_t kept_live = 0;  // payload bytes of the file's records kept
  std::size_t next = 0;       // in `stored`
  for (std::size_t i = 0; i < records_; ++i) {
    const unsigned char* r = table_ + i * kRecordBytes;
    for (; next < stored.size() && std::memcmp(stored[next].first->data(), r, kRecordKey) < 0;
         ++next) {
      all.push_back(Kept{stored[next].first->data(), nullptr, stored[next].second, true});
    }
    if (next < stored.size() && std::memcmp(stored[next].first->data(), r, kRecordKey) == 0) {
      continue;  // replaced: the stored one follows
    }
    if (record_used_[i] && !record_summaries_[i]) continue;  // looked up and found damaged
    all.push_back(Kept{r, r, nullptr, record_used_[i]});
    kept_live += load_le<std::uint32_t>(r + 36);
  }
  for (; next < stored.size(); ++next) {
    all.push_back(Kept{stored[next].first->data(), nullptr, stored[next].second, true});
  }
  // Over the cap: what this run used first (the trees it judged), then older summaries while
  // room is left.
  const bool capped = all.size() > max_entries;
  if (capped) {
    std::stable_partition(all.begin(), all.end(), [](const Kept& k) { return k.used; });
    all.resize(max_entries);
    std::sort(all.begin(), all.end(), [](const Kept& a, const Kept& b) {
      return std::memcmp(a.key, b.key, kRecordKey) < 0;
    });
  }
  // Appended (the payloads of the mapped file copied as one range, the new ones after them),
  // unless that would keep more dead bytes (payloads no record points to) than a quarter of the
  // live ones: then compacted, every payload copied in table order.
  const std::size_t dead = payload_bytes_ - kept_live;
  const bool append = !capped && records_ > 0 && dead <= kept_live / 4;
  const std::size_t base = append ? payload_bytes_ : 0;

  std::string table;
  std::string payloads;  // what follows the mapped file's payloads (appended), or all of them
  table.reserve(all.size() * kRecordBytes);
  std::string encoded;
  for (const Kept& k : all) {
    if (k.record != nullptr && append) {
      table.append(reinterpret_cast<const char*>(k.record), kRecordBytes);
      continue;
    }
    std::string_view payload;
    std::uint64_t sum = 0;
    if (k.record != nullptr) {
      payload = std::string_view(
          reinterpret_cast<const char*>(payloads_ + load_le<std::uint64_t>(k.record + 40)),
          load_le<std::uint32_t>(k.record + 36));
      sum = load_le<std::uint64_t>(k.record + 48);
    } else {
      encoded = encode_file_summary(*k.summary);
      if (encoded.size() > std::numeric_limits<std::uint32_t>::max()) continue;
      payload = encoded;
      sum = checksum(payload);
    }
    table.append(reinterpret_cast<const char*>(k.key), kRecordKey);
    table.append(2, '\0');
    put_le<std::uint32_t>(table, static_cast<std::uint32_t>(payload.size()));
    put_le<std::uint64_t>(table, base + payloads.size());
    put_le<std::uint64_t>(table, sum);
    payloads += payload;
  }
  std::string head(kMagic, sizeof kMagic);
  put_le<std::uint32_t>(head, kFormat);
  put_le<std::uint32_t>(head, static_cast<std::uint32_t>(key_.size()));
  put_le<std::uint64_t>(head, table.size() / kRecordBytes);
  put_le<std::uint64_t>(head, base + payloads.size());
  head.resize(kHeaderBytes, '\0');
  std::string key_padded = key_;
  key_padded.resize((key_.size() + 7) / 8 * 8, '\0');
  const std::uint64_t sum = checksum(table, checksum(key_padded, checksum(head)));
  std::memcpy(head.data() + 32, &sum, sizeof sum);
  head += key_padded;
  head += table;

  const std::string_view kept =
      append ? std::string_view(reinterpret_cast<const char*>(payloads_), payload_bytes_)
             : std::string_view();
  if (Status written = replace_file(path_, {head, kept, payloads}); !written) {
    return written.error();
  }
  dirty_ = false;
  if (state_ != LoadState::kLoaded) state_ = LoadState::kLoaded;
  return true;
}

}  // namespace pushgate
