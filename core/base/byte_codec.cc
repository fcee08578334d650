#include "core/base/byte_codec.h"

namespace pushgate {

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>(0x80 | (v & 0x7F));
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_bytes(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out += s;
}

std::uint64_t checksum(const unsigned char* p, std::size_t n, std::uint64_t seed) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = seed;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ load_le<std::uint64_t>(p + i)) * kMul;
    h ^= h >> 32;
  }
  std::uint64_t tail = 0;
  if (n > i) std::memcpy(&tail, p + i, n - i);
  h = (h ^ tail ^ (static_cast<std::uint64_t>(n) << 56)) * kMul;
  return h ^ (h >> 29);
}

std::uint64_t checksum(std::string_view s, std::uint64_t seed) {
  return checksum(reinterpret_cast<const unsigned char*>(s.data()), s.size(), seed);
}

std::uint64_t ByteReader::varint() {
  std::uint64_t v = 0;
  for (int shift = 0; ok && shift < 64; shift += 7) {
    if (pos >= in.size()) break;
    const auto b = static_cast<unsigned char>(in[pos++]);
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return v;
  }
  ok = false;
  return 0;
}

std::string_view ByteReader::take(std::uint64_t n) {
  if (!ok || n > in.size() - pos) {
    ok = false;
    return {};
  }
  const std::string_view out = in.substr(pos, n);
  pos += n;
  return out;
}

}  // namespace pushgate
