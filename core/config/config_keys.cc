#include "core/config/config_keys.h"

#include <array>

#include "core/config/baseline_config.h"

namespace pushgate {
namespace {

constexpr std::array<EnumValue<ValidateMode>, 2> kValidateModes = {{
    {"tip", ValidateMode::kTip},
    {"every-commit", ValidateMode::kEveryCommit},
}};

constexpr std::array<EnumValue<FailureMode>, 2> kFailureModes = {{
    {"reject", FailureMode::kReject},
    {"accept", FailureMode::kAccept},
}};

void read_version(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  Config& config) {
  if (value.kind() == NodeKind::kInt && value.as_int() == 1) {
    config.version = 1;
    return;
  }
  reader.report(value, "`" + key_path + "` must be 1, got " + ConfigReader::describe(value) +
                           "; this pushgate reads version 1 configs");
}

void read_include(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  FilesConfig& files) {
  // An empty include list would check nothing: a silent accept of every push.
  if (auto globs = reader.read_globs(value, key_path, 1)) files.include = std::move(*globs);
}

void read_exclude(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  FilesConfig& files) {
  if (auto globs = reader.read_globs(value, key_path, 0)) files.exclude = std::move(*globs);
}

void read_max_size(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   FilesConfig& files) {
  if (auto bytes = reader.read_byte_size(value, key_path, 1, kMaxFileSizeCeiling)) {
    files.max_size = *bytes;
  }
}

void read_max_push_bytes(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         FilesConfig& files) {
  if (auto bytes = reader.read_byte_size(value, key_path, 1, kMaxPushBytesCeiling)) {
    files.max_push_bytes = *bytes;
  }
}

void read_max_depth(ConfigReader& reader, NodeRef value, const std::string& key_path,
                    FilesConfig& files) {
  if (auto depth = reader.read_count(value, key_path, 1, kMaxDepthCeiling)) {
    files.max_depth = static_cast<std::uint32_t>(*depth);
  }
}

void read_max_expanded_nodes(ConfigReader& reader, NodeRef value, const std::string& key_path,
                             FilesConfig& files) {
  if (auto nodes = reader.read_count(value, key_path, 1, kMaxExpandedNodesCeiling)) {
    files.max_expanded_nodes = *nodes;
  }
}

constexpr std::array<KeySpec<FilesConfig>, 6> kFilesKeys = {{
    {"include", read_include},
    {"exclude", read_exclude},
    {"max_size", read_max_size},
    {"max_push_bytes", read_max_push_bytes},
    {"max_depth", read_max_depth},
    {"max_expanded_nodes", read_max_expanded_nodes},
}};

void read_files(ConfigReader& reader, NodeRef value, const std::string& key_path, Config& config) {
  reader.read_mapping(value, key_path, files_keys(), config.files);
}

void read_validate(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   Config& config) {
  if (auto mode = reader.read_enum(value, key_path, validate_modes())) config.validate = *mode;
}

void read_validate_refs(ConfigReader& reader, NodeRef value, const std::string& key_path,
                        Config& config) {
  auto globs = reader.read_globs(value, key_path, 1);
  if (!globs) return;
  bool ok = true;
  for (std::size_t i = 0; i < globs->size(); ++i) {
    // A glob without '/' would match base names ("main" == any ref ending in /main): ask for
    // the full name, which is what git and the hook see.
    if (!(*globs)[i].starts_with("refs/")) {
      reader.report(value.item(i), "`" + key_path + "[" + std::to_string(i) +
                                       "]` must match full ref names starting with refs/, such "
                                       "as refs/heads/main or refs/tags/**");
      ok = false;
    }
  }
  if (ok) config.validate_refs = std::move(*globs);
}

void read_on_internal_error(ConfigReader& reader, NodeRef value, const std::string& key_path,
                            Config& config) {
  if (auto mode = reader.read_enum(value, key_path, failure_modes())) {
    config.on_internal_error = *mode;
  }
}

constexpr std::array<KeySpec<Config>, 14> kConfigKeys = {{
    {"version", read_version, "start the config with `version: 1`"},
    {"files", read_files},
    {"validate", read_validate},
    {"validate_refs", read_validate_refs},
    {"on_internal_error", read_on_internal_error},
    {"policies", read_policies},
    {"kubernetes", read_kubernetes_section},
    {"refs", read_refs_section},
    {"opa", read_opa_section},
    {"schemas", read_schemas_section},
    {"audit", read_audit_section},
    {"bypass", read_bypass_section},
    {"pusher", read_pusher_section},
    {"baseline", read_baseline_key},
}};

}  // namespace

std::span<const KeySpec<Config>> config_keys() {
  return kConfigKeys;
}
std::span<const KeySpec<FilesConfig>> files_keys() {
  return kFilesKeys;
}
std::span<const EnumValue<ValidateMode>> validate_modes() {
  return kValidateModes;
}
std::span<const EnumValue<FailureMode>> failure_modes() {
  return kFailureModes;
}

}  // namespace pushgate
