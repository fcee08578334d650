#pragma once
// Sizes as people write them in pushgate.yaml: a number of bytes, or a number with a unit.
//   1048576   "1048576"   512KiB   "1 MiB"   2GiB   500KB   10MB   1GB   100B
// Binary units (KiB, MiB, GiB) are powers of 1024, decimal ones (KB, MB, GB) powers of 1000, as
// in IEC 80000-13; units are case-sensitive because "mb" is not a byte count anyone means.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pushgate {

// The bytes `text` stands for; nullopt when it is not a size or does not fit in 64 bits.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

// The shortest exact spelling: 1048576 -> "1MiB", 1500 -> "1500B", 2000 -> "2KB".
std::string format_byte_size(std::uint64_t bytes);

}  // namespace pushgate
