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

  bool take(std::size_t n) {
    if (n > in.size() - pos) return false;
    pos += n;
    return true;
  }
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

// Steps over one value, checking it as nlohmann's reader does.
bool skip(Cursor& c, int depth) {
  if (depth > kMaxDepth) return false;
  const std::size_t start = c.pos;
  const std::optional<unsigned char> b = c.byte();
  if (!b) return false;
  const unsigned char t = *b;
  if (t <= 0x7F || t >= 0xE0 || t == 0xC0 || t == 0xC2 || t == 0xC3) return true;
  auto items = [&](std::optional<std::uint64_t> n, bool map) {
    // Each item takes at least a byte: a count beyond what is left is damage, not a count.
    if (!n || *n > c.in.size() - c.pos) return false;
    for (std::uint64_t i = 0; i < *n; ++i) {
      if (map && !read_string(c)) return false;
      if (!skip(c, depth + 1)) return false;
    }
    return true;
  };
  auto sized = [&](std::size_t length_bytes, std::size_t extra) {
    const std::optional<std::uint64_t> n = c.number(length_bytes);
    return n && c.take(extra) && *n <= c.in.size() - c.pos && c.take(*n);
  };
  if (t >= 0x80 && t <= 0x8F) return items(t & 0x0Fu, true);
  if (t >= 0x90 && t <= 0x9F) return items(t & 0x0Fu, false);
  if ((t >= 0xA0 && t <= 0xBF) || (t >= 0xD9 && t <= 0xDB)) {
    c.pos = start;
    return read_string(c).has_value();
  }
  switch (t) {
    case 0xC4:
      return sized(1, 0);  // bin 8/16/32
    case 0xC5:
      return sized(2, 0);
    case 0xC6:
      return sized(4, 0);
    case 0xC7:
      return sized(1, 1);  // ext 8/16/32: length, type, data
    case 0xC8:
      return sized(2, 1);
    case 0xC9:
      return sized(4, 1);
    case 0xD4:
      return c.take(2);  // fixext 1/2/4/8/16: type, data
    case 0xD5:
      return c.take(3);
    case 0xD6:
      return c.take(5);
    case 0xD7:
      return c.take(9);
    case 0xD8:
      return c.take(17);
    case 0xCA:
      return c.take(4);  // float 32/64
    case 0xCB:
      return c.take(8);
    case 0xCC:
    case 0xD0:
      return c.take(1);  // (u)int 8/16/32/64
    case 0xCD:
    case 0xD1:
      return c.take(2);
    case 0xCE:
    case 0xD2:
      return c.take(4);
    case 0xCF:
    case 0xD3:
      return c.take(8);
    case 0xDC:
      return items(c.number(2), false);  // array 16/32
    case 0xDD:
      return items(c.number(4), false);
    case 0xDE:
      return items(c.number(2), true);  // map 16/32
    case 0xDF:
      return items(c.number(4), true);
    default:
      return false;  // 0xC1: never used
  }
}

}  // namespace

struct ObjectBody::State {
  std::string bytes;  // MessagePack; empty once made decoded
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
  body.state_->bytes = std::string(bytes);
  body.state_->kept_as_bytes = true;
  return body;
}

const nlohmann::json& ObjectBody::json() const {
  static const nlohmann::json kNull;
  if (!state_) return kNull;
  if (state_->kept_as_bytes) {
    std::call_once(state_->once, [this] {
      State& s = *state_;
      s.json = nlohmann::json::from_msgpack(s.bytes, /*strict=*/true, /*allow_exceptions=*/false);
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
