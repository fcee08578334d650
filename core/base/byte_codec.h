#pragma once
// The encodings of pushgate's own binary files (the object index, the tree listing cache):
// fixed-width integers in the host's byte order (little-endian on every machine pushgate is
// built for; a file written in another order fails its format check and is rebuilt), LEB128
// varints, length-prefixed bytes, a bounds-checked reader of all three, and the 64-bit checksum
// such a file carries over its bytes.
//
//   std::string out;
//   put_le<std::uint32_t>(out, kFormat);
//   put_bytes(out, path);
//   put_le<std::uint64_t>(out, checksum(out));
//
//   ByteReader r{bytes};
//   const auto format = r.fixed<std::uint32_t>();
//   const std::string_view path = r.bytes();
//   if (!r.ok) ...   // a read did not fit: every later read returns nothing
//
// The checksum guards against torn or edited files, not against anyone who can write the
// repository's git directory (they can write its hooks too). Knows nothing about what the
// bytes mean.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace pushgate {

template <typename T>
void put_le(std::string& out, T v) {
  char b[sizeof v];
  std::memcpy(b, &v, sizeof v);
  out.append(b, sizeof v);
}

template <typename T>
T load_le(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void put_varint(std::string& out, std::uint64_t v);

// A varint length, then the bytes.
void put_bytes(std::string& out, std::string_view s);

inline constexpr std::uint64_t kChecksumSeed = 0x243F6A8885A308D3;

// 8 bytes per step, each step a bijection of the state, so any change of one word changes the
// result. `seed` chains checksums of separate ranges (pass the previous range's result).
std::uint64_t checksum(const unsigned char* p, std::size_t n, std::uint64_t seed = kChecksumSeed);
std::uint64_t checksum(std::string_view s, std::uint64_t seed = kChecksumSeed);

// Reads what the writers above wrote, from `in` at `pos`. Every read is bounds-checked; `ok`
// turns false at the first one that does not fit (or a varint of more than 64 bits) and stays
// false, and reads then return zero or empty.
struct ByteReader {
  std::string_view in;
  std::size_t pos = 0;
  bool ok = true;

  template <typename T>
  T fixed() {
    T v{};
    if (!ok || in.size() - pos < sizeof v) {
      ok = false;
      return v;
    }
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += sizeof v;
    return v;
  }
  std::uint64_t varint();
  // A varint that must fit T.
  template <typename T>
  T number() {
    const std::uint64_t v = varint();
    if (v > std::numeric_limits<T>::max()) ok = false;
    return ok ? static_cast<T>(v) : T{};
  }
  std::string_view take(std::uint64_t n);
  // What put_bytes wrote.
  std::string_view bytes() { return take(varint()); }
};

}  // namespace pushgate
