#include "core/config/bypass_config.h"

#include <array>

#include "core/config/config.h"

namespace pushgate {
namespace {

void read_users(ConfigReader& reader, NodeRef value, const std::string& key_path,
                BypassConfig& bypass) {
  // An empty list would make the section a no-op that looks like a policy.
  if (!value.is_sequence() || value.size() == 0) {
    reader.report(value, "`" + key_path +
                             "` must be a non-empty list of pusher names such as [alice], got " +
                             ConfigReader::describe(value));
    return;
  }
  std::vector<std::string> users;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = key_path + "[" + std::to_string(i) + "]";
    const std::optional<std::string> name = reader.read_string(value.item(i), item_path);
    if (!name) return;
    if (name->empty()) {
      reader.report(value.item(i), "`" + item_path + "` is empty; write a pusher name");
      return;
    }
    users.push_back(*name);
  }
  bypass.users = std::move(users);
}

void read_refs(ConfigReader& reader, NodeRef value, const std::string& key_path,
               BypassConfig& bypass) {
  auto globs = reader.read_globs(value, key_path, 1);
  if (!globs) return;
  for (std::size_t i = 0; i < globs->size(); ++i) {
    if (!(*globs)[i].starts_with("refs/")) {
      reader.report(value.item(i), "`" + key_path + "[" + std::to_string(i) +
                                       "]` must match full ref names starting with refs/, such "
                                       "as refs/heads/main or refs/heads/**");
      return;
    }
  }
  bypass.refs = std::move(*globs);
}

void read_push_option(ConfigReader& reader, NodeRef value, const std::string& key_path,
                      BypassConfig& bypass) {
  const std::optional<std::string> name = reader.read_string(value, key_path);
  if (!name) return;
  // git sends "-o KEY=VALUE" as one string; the key must not itself contain '=' or spaces.
  const bool ok = !name->empty() && name->find_first_of("= \t\n") == std::string::npos;
  if (!ok) {
    reader.report(value, "`" + key_path +
                             "` must be a push option name without '=' or spaces, such as "
                             "pushgate.bypass, got " +
                             ConfigReader::describe(value));
    return;
  }
  bypass.push_option = *name;
}

constexpr std::array<KeySpec<BypassConfig>, 3> kBypassKeys = {{
    {"users", read_users, "add `users: [NAME]`, the pushers allowed to bypass"},
    {"refs", read_refs},
    {"push_option", read_push_option},
}};

}  // namespace

void read_bypass_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         Config& config) {
  BypassConfig bypass;
  reader.read_mapping(value, key_path, bypass_keys(), bypass);
  config.bypass = std::move(bypass);
}

std::span<const KeySpec<BypassConfig>> bypass_keys() {
  return kBypassKeys;
}

}  // namespace pushgate
