#include "core/schema_store/kubernetes_version.h"

#include <charconv>

namespace pushgate {
namespace {

std::optional<int> read_number(std::string_view& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data() || value < 0 || value > 999) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

}  // namespace

std::optional<KubernetesVersion> parse_kubernetes_version(std::string_view text) {
  if (text.starts_with('v')) text.remove_prefix(1);
  KubernetesVersion version;
  std::optional<int> major = read_number(text);
  if (!major || !text.starts_with('.')) return std::nullopt;
  text.remove_prefix(1);
  std::optional<int> minor = read_number(text);
  if (!minor) return std::nullopt;
  if (text.starts_with('.')) {
    text.remove_prefix(1);
    if (!read_number(text)) return std::nullopt;
  }
  if (!text.empty() || *major != 1) return std::nullopt;
  version.major = *major;
  version.minor = *minor;
  return version;
}

}  // namespace pushgate
