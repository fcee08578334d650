// The YAML reader and the document builder on arbitrary bytes (core/document): every input
// parses to documents and findings, never a crash, a sanitizer report or a hang. Small limits
// keep the alias-expansion and depth paths reachable by short inputs.
#include <cstddef>
#include <cstdint>

#include "core/document/document.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = pushgate::fuzz::as_text(data, size);
  pushgate::ParseLimits limits;
  limits.max_depth = 64;
  limits.max_expanded_nodes = 10'000;
  pushgate::parse_yaml("fuzz.yaml", bytes, limits);
  return 0;
}
