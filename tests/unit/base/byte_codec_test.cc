#include "core/base/byte_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace pushgate {
namespace {

TEST(ByteCodec, FixedVarintsAndBytesReadBackInOrder) {
  const std::vector<std::uint64_t> numbers = {
      0, 1, 127, 128, 300, 16383, 16384, std::numeric_limits<std::uint64_t>::max()};
  std::string out;
  put_le<std::uint32_t>(out, 0xDEADBEEF);
  for (std::uint64_t n : numbers) put_varint(out, n);
  put_bytes(out, "apps/shop/deployment.yaml");
  put_bytes(out, "");
  put_le<std::uint64_t>(out, 42);

  ByteReader r{out};
  EXPECT_EQ(r.fixed<std::uint32_t>(), 0xDEADBEEF);
  for (std::uint64_t n : numbers) EXPECT_EQ(r.varint(), n);
  EXPECT_EQ(r.bytes(), "apps/shop/deployment.yaml");
  EXPECT_EQ(r.bytes(), "");
  EXPECT_EQ(r.fixed<std::uint64_t>(), 42u);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.pos, out.size());
}

TEST(ByteCodec, VarintsTakeTheFewestBytes) {
  std::string out;
  put_varint(out, 127);
  EXPECT_EQ(out.size(), 1u);
  out.clear();
  put_varint(out, 128);
  EXPECT_EQ(out, std::string("\x80\x01", 2));
  out.clear();
  put_varint(out, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(out.size(), 10u);
}

// Every truncation of a valid encoding fails a read, and once failed every later read returns
// nothing, whatever follows.
TEST(ByteCodec, EveryTruncationFailsAndStaysFailed) {
  std::string out;
  put_le<std::uint32_t>(out, 7);
  put_varint(out, 1u << 20);
  put_bytes(out, "kustomization.yaml");
  for (std::size_t n = 0; n < out.size(); ++n) {
    ByteReader r{std::string_view(out).substr(0, n)};
    r.fixed<std::uint32_t>();
    r.varint();
    r.bytes();
    EXPECT_FALSE(r.ok) << "cut at " << n;
    EXPECT_EQ(r.varint(), 0u);
    EXPECT_EQ(r.take(0), "");
    EXPECT_FALSE(r.ok);
  }
}

TEST(ByteCodec, RejectsVarintsOfMoreThan64BitsAndNumbersThatDoNotFit) {
  const std::string too_long = std::string(10, '\x80') + '\x01';
  ByteReader eleven{too_long};
  EXPECT_EQ(eleven.varint(), 0u);
  EXPECT_FALSE(eleven.ok);

  std::string big;
  put_varint(big, std::uint64_t{1} << 32);
  ByteReader r{big};
  EXPECT_EQ(r.number<std::uint32_t>(), 0u);
  EXPECT_FALSE(r.ok);
}

TEST(ByteCodec, ALengthBeyondTheInputIsNoRead) {
  std::string out;
  put_varint(out, std::numeric_limits<std::uint64_t>::max());
  out += "abc";
  ByteReader r{out};
  EXPECT_EQ(r.bytes(), "");
  EXPECT_FALSE(r.ok);
}

// The object index and the tree listing carry this checksum; changing it makes every file on
// every server stale. Pinned to values of an independent implementation (Python, 2026-12-07).
TEST(ByteCodec, ChecksumIsPinned) {
  EXPECT_EQ(checksum(""), 0xf7e27bed97b0321eULL);
  EXPECT_EQ(checksum("pushgate"), 0xfb587966aff6776aULL);
  EXPECT_EQ(checksum("a tree listing, 30 bytes long."), 0x93872e143b289ac5ULL);
  EXPECT_EQ(checksum("abc", checksum("pushgate")), 0xebe4d0f378bc8a46ULL);
}

TEST(ByteCodec, ChecksumChangesWithEveryFlippedBitAndLength) {
  std::mt19937 random(11);
  std::string bytes(37, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  const std::uint64_t sum = checksum(bytes);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = bytes;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      EXPECT_NE(checksum(flipped), sum) << "byte " << i << " bit " << bit;
    }
  }
  EXPECT_NE(checksum(bytes + '\0'), sum);
  EXPECT_NE(checksum(bytes.substr(0, 36)), sum);
}

}  // namespace
}  // namespace pushgate
