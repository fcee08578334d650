#include "core/config/pusher_config.h"

#include <array>

#include "core/config/config.h"

namespace pushgate {
namespace {

bool is_variable_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

void read_variable(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   PusherConfig& pusher) {
  const std::optional<std::string> name = reader.read_string(value, key_path);
  if (!name) return;
  if (!is_variable_name(*name)) {
    reader.report(value, "`" + key_path +
                             "` must be an environment variable name such as GL_USER "
                             "(letters, digits, '_'), got " +
                             ConfigReader::describe(value));
    return;
  }
  pusher.variable = *name;
}

constexpr std::array<KeySpec<PusherConfig>, 1> kPusherKeys = {{
    {"variable", read_variable,
     "add `variable: NAME`, the environment variable your server sets to the pusher's name"},
}};

}  // namespace

void read_pusher_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         Config& config) {
  PusherConfig pusher;
  const std::size_t before = reader.finding_count();
  reader.read_mapping(value, key_path, pusher_keys(), pusher);
  if (reader.finding_count() == before) config.pusher = std::move(pusher);
}

std::span<const KeySpec<PusherConfig>> pusher_keys() {
  return kPusherKeys;
}

}  // namespace pushgate
