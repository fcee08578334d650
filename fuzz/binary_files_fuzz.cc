// pushgate's own binary files, as a damaged or hostile git directory could hold them: the tree
// listing cache (core/source/tree_listing_cache) and the object index's summaries
// (core/tree/object_index_store). Both are checksummed, so random bytes stop at the checksum;
// the input is therefore decoded three ways: as a whole file; as the entries of a listing whose
// header and checksum this target writes (so the entry decoder sees every input); as a summary
// payload. What decodes must encode and decode back to the same thing. Never a crash, a
// sanitizer report, an allocation sized by a damaged count, or a decoded listing that is not
// sorted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/base/byte_codec.h"
#include "core/source/tree_listing_cache.h"
#include "core/tree/object_index_store.h"
#include "fuzz/fuzz_support.h"

namespace {

constexpr std::string_view kTree = "4b825dc642cb6eb9a060e54bf8d69288fbe4904b";

// `entries` framed as a whole, intact listing of kTree claiming `count` entries: the header of
// an encoded empty listing (magic, format, version, tree), then count, size and checksum.
std::string framed_listing(std::string_view entries, std::uint64_t count) {
  const std::string empty = pushgate::encode_tree_listing(kTree, {});
  std::string out = empty.substr(0, empty.size() - 3 * sizeof(std::uint64_t));
  pushgate::put_le<std::uint64_t>(out, count);
  pushgate::put_le<std::uint64_t>(
      out, out.size() + sizeof(std::uint64_t) + entries.size() + sizeof(std::uint64_t));
  out += entries;
  pushgate::put_le<std::uint64_t>(out, pushgate::checksum(out));
  return out;
}

void check_listing(std::string_view bytes) {
  const auto entries = pushgate::decode_tree_listing(bytes, kTree);
  if (!entries) return;
  for (std::size_t i = 1; i < entries.value().size(); ++i) {
    if (!(entries.value()[i - 1].path < entries.value()[i].path)) std::abort();
  }
  const std::string again = pushgate::encode_tree_listing(kTree, entries.value());
  const auto back = pushgate::decode_tree_listing(again, kTree);
  if (!back || back.value().size() != entries.value().size()) std::abort();
  for (std::size_t i = 0; i < back.value().size(); ++i) {
    const pushgate::Entry& a = back.value()[i];
    const pushgate::Entry& b = entries.value()[i];
    if (a.path != b.path || a.mode != b.mode || a.id != b.id) std::abort();
  }
}

void check_summary(std::string_view bytes) {
  const auto summary = pushgate::decode_file_summary(bytes);
  if (!summary) return;
  const std::string encoded = pushgate::encode_file_summary(summary.value());
  const auto back = pushgate::decode_file_summary(encoded);
  if (!back || pushgate::encode_file_summary(back.value()) != encoded) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = pushgate::fuzz::as_text(data, size);
  check_listing(input);
  // The first byte picks the claimed count (0-255, including counts the bytes cannot hold).
  if (!input.empty()) {
    check_listing(framed_listing(input.substr(1), static_cast<unsigned char>(input[0])));
  }
  check_summary(input);
  return 0;
}
