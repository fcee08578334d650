// The JSON reader and the document builder on arbitrary bytes (core/document): strict RFC 8259
// parsing to documents and findings, never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>

#include "core/document/document.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pushgate::ParseLimits limits;
  limits.max_depth = 64;
  pushgate::parse_json("fuzz.json", pushgate::fuzz::as_text(data, size), limits);
  return 0;
}
