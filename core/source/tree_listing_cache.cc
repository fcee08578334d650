#include "core/source/tree_listing_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <functional>
#include <utility>

#include "core/base/byte_codec.h"
#include "core/base/replace_file.h"
#include "pushgate/version.h"

namespace pushgate {
namespace {

// The file is one or two listings back to back (the last tree listed, then the base it was
// patched from: the next push's base when this one is rejected). A listing (the encodings of
// core/base/byte_codec.h):
//   magic "PGTLIST\n", format (u32), key length (u32), key (pushgate's version), tree id length
//   (u32), tree id (hex), entry count (u64), the listing's size in bytes (u64, all of it), the
//   entries, then a checksum (u64) of every byte before it.
//   An entry, sorted by path (strictly): the length of the prefix it shares with the previous
//   path (varint), the rest of its path (varint length, bytes), its mode (one byte, EntryMode),
//   its id (varint length, lowercase hex).
// Bump when the layout or what an entry means changes: a listing of another format is stale.
constexpr char kMagic[8] = {'P', 'G', 'T', 'L', 'I', 'S', 'T', '\n'};
constexpr std::uint32_t kFormat = 1;

struct Header {
  std::string_view tree;
  std::uint64_t count = 0;
  std::uint64_t size = 0;      // of the whole listing
  std::size_t entries_at = 0;  // offset of the first entry
};

// The header of `bytes` when it is one of this format and version; else why not.
Result<Header> read_header(std::string_view bytes) {
  ByteReader r{bytes};
  if (r.take(sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) {
    return Error{ErrorCode::kInvalid, "not a tree listing (bad magic)"};
  }
  const auto format = r.fixed<std::uint32_t>();
  if (r.ok && format != kFormat) {
    return Error{ErrorCode::kInvalid, "format " + std::to_string(format) +
                                          ", this run reads format " + std::to_string(kFormat)};
  }
  const std::string_view key = r.take(r.fixed<std::uint32_t>());
  if (r.ok && key != kVersion) {
    return Error{ErrorCode::kInvalid, "written by pushgate " + std::string(key.substr(0, 40)) +
                                          ", this run is " + kVersion};
  }
  Header header;
  header.tree = r.take(r.fixed<std::uint32_t>());
  header.count = r.fixed<std::uint64_t>();
  header.size = r.fixed<std::uint64_t>();
  header.entries_at = r.pos;
  if (!r.ok) return Error{ErrorCode::kInvalid, "truncated header"};
  if (header.size < r.pos + sizeof(std::uint64_t) || header.size > bytes.size()) {
    return Error{ErrorCode::kInvalid, "truncated"};
  }
  return header;
}

bool is_hex_id(std::string_view id) {
  if (id.size() != 40 && id.size() != 64) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// True when `path` lies under the folder `folder` ("a/b" under "a").
bool is_under(std::string_view path, std::string_view folder) {
  return path.size() > folder.size() && path[folder.size()] == '/' && path.starts_with(folder);
}

// A listing where a changed entry's path is also a folder of the listing ("a" beside "a/b"), or
// lies under a path that is a file: no tree lists both, so the change did not fit.
bool conflicts(const std::vector<Entry>& listing, const Entry& changed) {
  const std::string& path = changed.path;
  // Every path under "path/" sorts at or after "path/" and before anything else that does.
  const std::string folder = path + "/";
  auto under = std::lower_bound(listing.begin(), listing.end(), folder,
                                [](const Entry& e, const std::string& p) { return e.path < p; });
  if (under != listing.end() && is_under(under->path, path)) return true;
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    const std::string_view folder(path.data(), slash);
    auto file = std::lower_bound(listing.begin(), listing.end(), folder,
                                 [](const Entry& e, std::string_view p) { return e.path < p; });
    if (file != listing.end() && file->path == folder) return true;
  }
  return false;
}

Entry listed_as_list_tree(const Entry& changed) {
  Entry entry;
  entry.path = changed.path;
  entry.mode = changed.mode;
  entry.id = changed.id;
  return entry;  // size unknown, as list_tree leaves it
}

}  // namespace

std::string tree_listing_path(std::string_view git_dir) {
  return std::string(git_dir) + "/pushgate/tree-listing";
}

std::string encode_tree_listing(std::string_view tree, const std::vector<Entry>& entries) {
  std::string out(kMagic, sizeof kMagic);
  std::size_t path_bytes = 0;
  for (const Entry& e : entries) path_bytes += e.path.size() + e.id.size() + 4;
  out.reserve(64 + tree.size() + path_bytes / 2);
  put_le<std::uint32_t>(out, kFormat);
  const std::string_view key = kVersion;
  put_le<std::uint32_t>(out, static_cast<std::uint32_t>(key.size()));
  out += key;
  put_le<std::uint32_t>(out, static_cast<std::uint32_t>(tree.size()));
  out += tree;
  put_le<std::uint64_t>(out, entries.size());
  const std::size_t size_at = out.size();
  put_le<std::uint64_t>(out, 0);  // the size, known at the end
  std::string_view previous;
  for (const Entry& e : entries) {
    const std::string_view path = e.path;
    const std::size_t limit = std::min(previous.size(), path.size());
    std::size_t shared = 0;
    while (shared < limit && previous[shared] == path[shared]) ++shared;
    put_varint(out, shared);
    put_bytes(out, path.substr(shared));
    out += static_cast<char>(e.mode);
    put_bytes(out, e.id);
    previous = path;
  }
  const std::uint64_t size = out.size() + sizeof(std::uint64_t);
  std::memcpy(out.data() + size_at, &size, sizeof size);
  put_le<std::uint64_t>(out, checksum(out));
  return out;
}

Result<std::vector<Entry>> decode_tree_listing(std::string_view bytes, std::string_view tree) {
  Result<Header> header = read_header(bytes);
  if (!header) return header.error();
  if (header.value().tree != tree) {
    return Error{ErrorCode::kNotFound, "the listing is of tree " +
                                           std::string(header.value().tree.substr(0, 40)) +
                                           ", not of " + std::string(tree)};
  }
  if (header.value().size != bytes.size()) return Error{ErrorCode::kInvalid, "not whole"};
  const std::string_view body = bytes.substr(0, bytes.size() - sizeof(std::uint64_t));
  std::uint64_t sum = 0;
  std::memcpy(&sum, bytes.data() + body.size(), sizeof sum);
  if (checksum(body) != sum) return Error{ErrorCode::kInvalid, "checksum mismatch"};
  // Covered by the checksum, but it must also make sense: every entry whole, paths sorted
  // strictly, known modes, hex ids, and nothing after the last entry.
  // An entry takes at least 44 bytes (four one-byte fields and a 40-digit id): a count beyond
  // that is damage, and must not size the allocation below.
  const std::uint64_t count = header.value().count;
  if (count > (body.size() - header.value().entries_at) / 44) {
    return Error{ErrorCode::kInvalid, "bad entry count"};
  }
  ByteReader r{body, header.value().entries_at};
  std::vector<Entry> entries;
  entries.reserve(static_cast<std::size_t>(count));
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t shared = r.varint();
    const std::string_view rest = r.bytes();
    const std::string_view mode = r.take(1);
    const std::string_view id = r.bytes();
    const std::string* previous = entries.empty() ? nullptr : &entries.back().path;
    if (!r.ok || shared > (previous ? previous->size() : 0) || shared + rest.size() == 0 ||
        static_cast<unsigned char>(mode[0]) > static_cast<unsigned char>(EntryMode::kSubmodule) ||
        !is_hex_id(id)) {
      return Error{ErrorCode::kInvalid, "bad entry " + std::to_string(i)};
    }
    Entry entry;
    entry.path.reserve(static_cast<std::size_t>(shared) + rest.size());
    if (previous != nullptr) entry.path.assign(*previous, 0, static_cast<std::size_t>(shared));
    entry.path += rest;
    if (previous != nullptr && !(*previous < entry.path)) {
      return Error{ErrorCode::kInvalid, "entry " + std::to_string(i) + " out of order"};
    }
    entry.mode = static_cast<EntryMode>(mode[0]);
    entry.id = id;
    entries.push_back(std::move(entry));
  }
  if (r.pos != body.size()) return Error{ErrorCode::kInvalid, "bytes after the last entry"};
  return entries;
}

std::optional<std::vector<Entry>> patch_listing(std::vector<Entry>&& old_listing,
                                                std::span<const Entry> changed,
                                                std::span<const std::string> deleted) {
  if (std::adjacent_find(changed.begin(), changed.end(),
                         [](const Entry& a, const Entry& b) { return !(a.path < b.path); }) !=
          changed.end() ||
      std::adjacent_find(deleted.begin(), deleted.end(), std::greater_equal<>()) != deleted.end()) {
    return std::nullopt;
  }
  std::vector<Entry> out;
  out.reserve(old_listing.size() + changed.size());
  std::size_t c = 0;
  std::size_t d = 0;
  for (Entry& entry : old_listing) {
    while (c < changed.size() && changed[c].path < entry.path) {
      out.push_back(listed_as_list_tree(changed[c++]));
    }
    if (d < deleted.size() && deleted[d] < entry.path) return std::nullopt;  // not listed
    const bool is_changed = c < changed.size() && changed[c].path == entry.path;
    if (d < deleted.size() && deleted[d] == entry.path) {
      if (is_changed) return std::nullopt;
      ++d;
      continue;
    }
    if (is_changed) {
      out.push_back(listed_as_list_tree(changed[c++]));
    } else {
      out.push_back(std::move(entry));
    }
  }
  if (d < deleted.size()) return std::nullopt;
  while (c < changed.size()) out.push_back(listed_as_list_tree(changed[c++]));
  old_listing.clear();
  // Only a changed entry can clash with another: the old listing was one tree's.
  for (const Entry& entry : changed) {
    if (conflicts(out, entry)) return std::nullopt;
  }
  return out;
}

void TreeListingCache::load() {
  loaded_ = true;
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    problem_ = "no listing kept";
    return;
  }
  struct stat st {};
  std::string bytes;
  bool read_all = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (read_all) {
    bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    read_all = got == bytes.size();
  }
  ::close(fd);
  if (!read_all) {
    problem_ = "cannot read " + path_ + " (not a whole regular file)";
    return;
  }
  // Each listing's header gives its size; what follows a bad header is not read (nor kept).
  std::string_view rest = bytes;
  while (!rest.empty() && kept_.size() < 2) {
    Result<Header> header = read_header(rest);
    if (!header) {
      problem_ = header.error().message;
      break;
    }
    const auto size = static_cast<std::size_t>(header.value().size);
    kept_.push_back(Kept{std::string(header.value().tree), std::string(rest.substr(0, size))});
    rest.remove_prefix(size);
  }
}

const TreeListingCache::Kept* TreeListingCache::kept_of(std::string_view tree) const {
  for (const Kept& k : kept_) {
    if (k.tree == tree) return &k;
  }
  return nullptr;
}

void TreeListingCache::forget(std::string_view tree) {
  std::erase_if(kept_, [&](const Kept& k) { return k.tree == tree; });
  dirty_ = true;
}

Result<std::unique_ptr<GitTreeSnapshot>> TreeListingCache::open(
    const Repository& repository, std::string_view commit, std::string label, std::string_view base,
    std::span<const Entry> changed, std::span<const std::string> deleted) {
  last_ = Listed::kFull;
  problem_.clear();
  Result<std::string> id = repository.resolve_commit(commit);
  Result<CommitInfo> info =
      id ? repository.read_commit(id.value()) : Result<CommitInfo>(id.error());
  if (!info) return GitTreeSnapshot::open(repository, commit, std::move(label));  // says why
  const std::string tree = info.value().tree;
  if (!loaded_) load();

  std::string base_tree;
  if (!base.empty()) {
    Result<CommitInfo> before = repository.read_commit(base);
    if (before) {
      base_tree = before.value().tree;
    } else {
      problem_ = before.error().message;
    }
  }
  if (!anchored_) {  // the ref's old tip: the base of the next push when this one is rejected
    anchored_ = true;
    anchor_ = base_tree;
  }

  std::optional<std::vector<Entry>> listed;
  if (const Kept* same = kept_of(tree)) {
    Result<std::vector<Entry>> entries = decode_tree_listing(same->bytes, tree);
    if (entries) {
      listed = std::move(entries).value();
      last_ = Listed::kCached;
    } else {
      problem_ = entries.error().message;
      forget(tree);
    }
  } else if (base_tree.empty()) {
    if (problem_.empty()) problem_ = "no base commit to patch from";
  } else if (kept_.empty()) {
    if (problem_.empty()) problem_ = "no listing kept";
  } else if (const Kept* old = kept_of(base_tree); old == nullptr) {
    problem_ = "the listing kept is of another tree";
  } else if (Result<std::vector<Entry>> entries = decode_tree_listing(old->bytes, base_tree);
             !entries) {
    problem_ = entries.error().message;
    forget(base_tree);
  } else {
    listed = patch_listing(std::move(entries).value(), changed, deleted);
    if (listed) {
      last_ = Listed::kPatched;
    } else {
      problem_ = "the change does not fit the listing kept";
      forget(base_tree);  // not that tree's listing after all
    }
  }

  std::unique_ptr<GitTreeSnapshot> snapshot;
  if (listed) {
    snapshot = GitTreeSnapshot::of_listing(repository, std::move(id).value(), std::move(label),
                                           std::move(*listed));
  } else {
    last_ = Listed::kFull;
    Result<std::unique_ptr<GitTreeSnapshot>> full =
        GitTreeSnapshot::open(repository, id.value(), std::move(label));
    if (!full) return full.error();
    snapshot = std::move(full).value();
  }
  // Kept for save(): this listing first, then the one of the first base this run had (the
  // ref's old tip), so that the push after a rejected one still finds its base.
  std::vector<Kept> next;
  if (last_ == Listed::kCached) {
    next.push_back(*kept_of(tree));
  } else {
    next.push_back(Kept{tree, encode_tree_listing(tree, snapshot->entries())});
  }
  if (const Kept* anchor = kept_of(anchor_);
      anchor != nullptr && !anchor_.empty() && anchor_ != tree) {
    next.push_back(*anchor);
  }
  dirty_ = dirty_ || next.size() != kept_.size() ||
           !std::equal(next.begin(), next.end(), kept_.begin(),
                       [](const Kept& a, const Kept& b) { return a.tree == b.tree; });
  kept_ = std::move(next);
  return snapshot;
}

Result<bool> TreeListingCache::save() {
  if (!dirty_ || kept_.empty()) return false;
  std::string bytes;
  for (const Kept& k : kept_) bytes += k.bytes;
  if (Status written = replace_file(path_, {bytes}); !written) return written.error();
  dirty_ = false;
  return true;
}

}  // namespace pushgate
