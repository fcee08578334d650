#include "core/config/file_rules_config.h"

#include <array>

namespace pushgate {
namespace {

constexpr std::array<EnumValue<SymlinkPolicy>, 3> kSymlinkPolicies = {{
    {"allow", SymlinkPolicy::kAllow},
    {"forbid", SymlinkPolicy::kForbid},
    {"inside-tree", SymlinkPolicy::kInsideTree},
}};

template <bool FileRulesConfig::*Member>
void read_flag(ConfigReader& reader, NodeRef value, const std::string& key_path,
               FileRulesConfig& files) {
  if (value.kind() != NodeKind::kBool) {
    reader.report(value,
                  "`" + key_path + "` must be true or false, got " + ConfigReader::describe(value));
    return;
  }
  files.*Member = value.as_bool();
}

template <std::vector<std::string> FileRulesConfig::*Member>
void read_glob_list(ConfigReader& reader, NodeRef value, const std::string& key_path,
                    FileRulesConfig& files) {
  if (auto globs = reader.read_globs(value, key_path, 1)) files.*Member = std::move(*globs);
}

void read_max_blob_size(ConfigReader& reader, NodeRef value, const std::string& key_path,
                        FileRulesConfig& files) {
  if (auto size = reader.read_byte_size(value, key_path, 1, kMaxBlobSizeCeiling)) {
    files.max_blob_size = *size;
  }
}

void read_max_path_length(ConfigReader& reader, NodeRef value, const std::string& key_path,
                          FileRulesConfig& files) {
  if (auto length = reader.read_count(value, key_path, 1, kMaxPathLengthCeiling)) {
    files.max_path_length = *length;
  }
}

void read_extensions(ConfigReader& reader, NodeRef value, const std::string& key_path,
                     FileRulesConfig& files) {
  if (!value.is_sequence() || value.size() == 0) {
    reader.report(value, "`" + key_path + "` must be a non-empty list of extensions such as " +
                             "[.exe, .zip], got " + ConfigReader::describe(value));
    return;
  }
  std::vector<std::string> extensions;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = key_path + "[" + std::to_string(i) + "]";
    const std::optional<std::string> extension = reader.read_string(value.item(i), item_path);
    if (!extension) return;
    // ".tar.gz" is allowed; "exe" (no dot) or "." alone would match by accident or never.
    if (extension->size() < 2 || extension->front() != '.' ||
        extension->find('/') != std::string::npos) {
      reader.report(value.item(i), "`" + item_path +
                                       "` must be an extension starting with a dot, such as "
                                       "\".exe\"; use forbidden_paths for other patterns");
      return;
    }
    extensions.push_back(*extension);
  }
  files.forbidden_extensions = std::move(extensions);
}

void read_symlinks(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   FileRulesConfig& files) {
  if (auto policy = reader.read_enum(value, key_path, symlink_policies())) files.symlinks = *policy;
}

constexpr std::array<KeySpec<FileRulesConfig>, 9> kFileRulesKeys = {{
    {"max_blob_size", read_max_blob_size},
    {"forbidden_paths", read_glob_list<&FileRulesConfig::forbidden_paths>},
    {"forbidden_extensions", read_extensions},
    {"text_only", read_glob_list<&FileRulesConfig::text_only>},
    {"symlinks", read_symlinks},
    {"deny_case_collisions", read_flag<&FileRulesConfig::deny_case_collisions>},
    {"max_path_length", read_max_path_length},
    {"deny_unsafe_names", read_flag<&FileRulesConfig::deny_unsafe_names>},
    {"deny_submodules", read_flag<&FileRulesConfig::deny_submodules>},
}};

}  // namespace

void read_file_rules_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                            FileRulesConfig& files) {
  reader.read_mapping(value, key_path, file_rules_keys(), files);
}

std::span<const KeySpec<FileRulesConfig>> file_rules_keys() {
  return kFileRulesKeys;
}
std::span<const EnumValue<SymlinkPolicy>> symlink_policies() {
  return kSymlinkPolicies;
}

}  // namespace pushgate
