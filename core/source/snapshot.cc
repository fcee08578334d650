#include "core/source/snapshot.h"

namespace pushgate {

Result<std::optional<std::string>> Snapshot::read_within(const Entry& entry,
                                                         std::uint64_t max_bytes) const {
  if (entry.size_known && entry.size > max_bytes) return std::optional<std::string>{};
  Result<std::string> bytes = read(entry);
  if (!bytes) return bytes.error();
  if (bytes.value().size() > max_bytes) return std::optional<std::string>{};
  return std::optional<std::string>(std::move(bytes).value());
}

Result<std::string> Snapshot::read_head(const Entry& entry, std::size_t max_bytes) const {
  Result<std::string> bytes = read(entry);
  if (!bytes) return bytes.error();
  if (bytes.value().size() > max_bytes) bytes.value().resize(max_bytes);
  return bytes;
}

}  // namespace pushgate
