#include "core/tree/object_body.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

namespace pushgate {
namespace {

std::atomic<std::size_t> g_decodes{0};

// Deeper than any document the parse limits let through; bounds the recursion of the checks.
constexpr int kMaxDepth = 4096;

// A read position in MessagePack bytes; every read is bounds-checked.
struct Cursor {
  std::string_view in;
  std::size_t pos = 0;

  // A big-endian unsigned number of `n` bytes.
  std::optional<std::uint64_t> number(std::size_t n) {
    if (n > in.size() - pos) return std::nullopt;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(in[pos + i]);
    pos += n;
    return v;
  }
  std::optional<unsigned char> byte() {
    if (pos >= in.size()) return std::nullopt;
    return static_cast<unsigned char>(in[pos++]);
  }
};

// A string (fixstr, str 8/16/32), as nlohmann reads map keys; nullopt for anything else.
std::optional<std::string_view> read_string(Cursor& c) {
  const std::optional<unsigned char> b = c.byte();
  if (!b) return std::nullopt;
  std::optional<std::uint64_t> n;
  if (*b >= 0xA0 && *b <= 0xBF) {
    n = *b & 0x1Fu;
  } else if (*b >= 0xD9 && *b <= 0xDB) {
    n = c.number(std::size_t{1} << (*b - 0xD9));
  }
  if (!n || *n > c.in.size() - c.pos) return std::nullopt;
  const std::string_view s = c.in.substr(c.pos, *n);
  c.pos += *n;
  return s;
}

// The entry count of a map (fixmap, map 16/32) at the cursor, read; nullopt for anything else
// (the cursor then moved by at most one byte).
std::optional<std::uint64_t> read_map_header(Cursor& c) {
  const std::optional<unsigned char> b = c.byte();
  if (!b) return std::nullopt;
  if (*b >= 0x80 && *b <= 0x8F) return *b & 0x0Fu;
  if (*b == 0xDE) return c.number(2);
  if (*b == 0xDF) return c.number(4);
  return std::nullopt;
}

// Steps over MessagePack values in [.., end), checking them as nlohmann's reader does: each
// function returns the position after what it read, or null for bytes nlohmann refuses. Raw
// pointers and no optional: the object index checks every Flux body it looks up with it.
struct Walker {
  const unsigned char* end;

  static std::uint64_t big_endian(const unsigned char* p, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v << 8 | p[i];
    return v;
  }
  std::size_t left(const unsigned char* p) const { return static_cast<std::size_t>(end - p); }
  const unsigned char* over(const unsigned char* p, std::uint64_t n) const {
    return n <= left(p) ? p + n : nullptr;
  }
  // Data of the length held in the `width` bytes at p, after `extra` bytes (ext's type).
  const unsigned char* sized(const unsigned char* p, std::size_t width, std::size_t extra) const {
    if (width + extra > left(p)) return nullptr;
    return over(p + width + extra, big_endian(p, width));
  }
  // A string (fixstr, str 8/16/32), as nlohmann reads map keys.
  const unsigned char* string(const unsigned char* p) const {
    if (p == end) return nullptr;
    const unsigned char t = *p++;
    if (t >= 0xA0 && t <= 0xBF) return over(p, t & 0x1Fu);
    if (t >= 0xD9 && t <= 0xDB) return sized(p, std::size_t{1} << (t - 0xD9), 0);
    return nullptr;
  }
  const unsigned char* items(const unsigned char* p, std::uint64_t n, bool map, int depth) const {
    // Each item takes at least a byte: a count beyond what is left is damage, not a count.
    if (n > left(p)) return nullptr;
    for (std::uint64_t i = 0; i < n && p != nullptr; ++i) {
      if (map && (p = string(p)) == nullptr) return nullptr;
      p = value(p, depth + 1);
    }
    return p;
  }
  // An array or map whose count is held in the `width` bytes at p.
  const unsigned char* counted(const unsigned char* p, std::size_t width, bool map,
                               int depth) const {
    if (width > left(p)) return nullptr;
    return items(p + width, big_endian(p, width), map, depth);
  }
  const unsigned char* value(const unsigned char* p, int depth) const {
    if (depth > kMaxDepth || p == end) return nullptr;
    const unsigned char t = *p++;
    if (t <= 0x7F || t >= 0xE0) return p;                     // fixint
    if (t <= 0x8F) return items(p, t & 0x0Fu, true, depth);   // fixmap
    if (t <= 0x9F) return items(p, t & 0x0Fu, false, depth);  // fixarray
    if (t <= 0xBF) return over(p, t & 0x1Fu);                 // fixstr
    switch (t) {
      case 0xC0:  // nil, false, true
      case 0xC2:
      case 0xC3:
        return p;
      case 0xC4:  // bin 8/16/32
      case 0xD9:  // str 8/16/32
        return sized(p, 1, 0);
      case 0xC5:
      case 0xDA:
        return sized(p, 2, 0);
      case 0xC6:
      case 0xDB:
        return sized(p, 4, 0);
      case 0xC7:  // ext 8/16/32: length, type, data
        return sized(p, 1, 1);
      case 0xC8:
        return sized(p, 2, 1);
      case 0xC9:
        return sized(p, 4, 1);
      case 0xD4:  // fixext 1/2/4/8/16: type, data
        return over(p, 2);
      case 0xD5:
        return over(p, 3);
      case 0xD6:
        return over(p, 5);
      case 0xD7:
        return over(p, 9);
      case 0xD8:
        return over(p, 17);
      case 0xCC:  // (u)int 8/16/32/64, float 32/64
      case 0xD0:
        return over(p, 1);
      case 0xCD:
      case 0xD1:
        return over(p, 2);
      case 0xCA:
      case 0xCE:
      case 0xD2:
        return over(p, 4);
      case 0xCB:
      case 0xCF:
      case 0xD3:
        return over(p, 8);
      case 0xDC:  // array 16/32
        return counted(p, 2, false, depth);
      case 0xDD:
        return counted(p, 4, false, depth);
      case 0xDE:  // map 16/32
        return counted(p, 2, true, depth);
      case 0xDF:
        return counted(p, 4, true, depth);
      default:
        return nullptr;  // 0xC1: never used
    }
  }
};

// Steps the cursor over one value (Walker::value).
bool skip(Cursor& c, int depth) {
  const auto* begin = reinterpret_cast<const unsigned char*>(c.in.data());
  const Walker walker{begin + c.in.size()};
  const unsigned char* after = walker.value(begin + c.pos, depth);
  if (after == nullptr) return false;
  c.pos = static_cast<std::size_t>(after - begin);
  return true;
}

}  // namespace

struct ObjectBody::State {
  std::string_view bytes;             // MessagePack, in `copy` or kept alive by `owner`
  std::string copy;                   // from_msgpack()
  std::shared_ptr<const void> owner;  // view_msgpack()
  bool kept_as_bytes = false;
  mutable std::once_flag once;
  mutable std::atomic<bool> done{false};
  mutable nlohmann::json json;
};

ObjectBody::ObjectBody(nlohmann::json json) {
  if (json.is_null()) return;
  state_ = std::make_shared<State>();
  state_->json = std::move(json);
  state_->done = true;
}

ObjectBody ObjectBody::from_msgpack(std::string_view bytes) {
  ObjectBody body;
  if (bytes.empty()) return body;
  body.state_ = std::make_shared<State>();
  body.state_->copy = std::string(bytes);
  body.state_->bytes = body.state_->copy;
  body.state_->kept_as_bytes = true;
  return body;
}

ObjectBody ObjectBody::view_msgpack(std::string_view bytes, std::shared_ptr<const void> owner) {
  ObjectBody body;
  if (bytes.empty()) return body;
  body.state_ = std::make_shared<State>();
  body.state_->bytes = bytes;
  body.state_->owner = std::move(owner);
  body.state_->kept_as_bytes = true;
  return body;
}

const nlohmann::json& ObjectBody::json() const {
  static const nlohmann::json kNull;
  if (!state_) return kNull;
  if (state_->kept_as_bytes) {
    std::call_once(state_->once, [this] {
      State& s = *state_;
      s.json = nlohmann::json::from_msgpack(s.bytes.begin(), s.bytes.end(), /*strict=*/true,
                                            /*allow_exceptions=*/false);
      if (s.json.is_discarded()) s.json = nullptr;  // not what the index checked: none
      ++g_decodes;
      s.done = true;
    });
  }
  return state_->json;
}

bool ObjectBody::is_null() const {
  if (!state_) return true;
  if (!state_->kept_as_bytes || state_->done) return json().is_null();
  return state_->bytes == std::string_view("\xC0", 1);
}

bool ObjectBody::decoded() const {
  return state_ && state_->done;
}

bool ObjectBody::spec_has_any(std::initializer_list<std::string_view> keys) const {
  if (!state_) return false;
  if (!state_->kept_as_bytes || state_->done) {
    const nlohmann::json& j = json();
    if (!j.is_object()) return false;
    const auto spec = j.find("spec");
    if (spec == j.end() || !spec->is_object()) return false;
    return std::any_of(keys.begin(), keys.end(),
                       [&](std::string_view key) { return spec->contains(key); });
  }
  // The bytes: the last "spec" of the top map counts, as when nlohmann reads them.
  Cursor c{state_->bytes};
  const std::optional<std::uint64_t> entries = read_map_header(c);
  if (!entries) return false;
  bool found = false;
  for (std::uint64_t i = 0; i < *entries; ++i) {
    const std::optional<std::string_view> key = read_string(c);
    if (!key) return false;
    if (*key != "spec") {
      if (!skip(c, 1)) return false;
      continue;
    }
    found = false;
    Cursor spec = c;
    const std::optional<std::uint64_t> members = read_map_header(spec);
    if (!skip(c, 1)) return false;
    for (std::uint64_t m = 0; members && m < *members; ++m) {
      const std::optional<std::string_view> name = read_string(spec);
      if (!name || !skip(spec, 2)) return false;
      found = found || std::find(keys.begin(), keys.end(), *name) != keys.end();
    }
  }
  return found;
}

void ObjectBody::append_msgpack(std::string& out) const {
  if (!state_) return;
  if (state_->kept_as_bytes) {
    out += state_->bytes;
    return;
  }
  std::vector<std::uint8_t> bytes;
  nlohmann::json::to_msgpack(state_->json, bytes);
  out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::size_t ObjectBody::decodes() {
  return g_decodes.load();
}

bool msgpack_well_formed(std::string_view bytes) {
  Cursor c{bytes};
  return skip(c, 0) && c.pos == bytes.size();
}

}  // namespace pushgate
