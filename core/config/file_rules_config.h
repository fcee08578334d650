#pragma once
// `files:` inside a `refs:` entry: what every new blob of every new commit pushed to a matching ref
// may be (docs/git-rules.md). Only entries a new commit adds or changes are judged.
//
//   files:
//     max_blob_size: 5MiB
//     forbidden_paths: ['**/*.pem', 'secrets/**']
//     forbidden_extensions: [.exe, .zip]
//     text_only: ['**/*.yaml', '**/*.md']
//     symlinks: inside-tree          # allow | forbid | inside-tree
//     deny_case_collisions: true
//     max_path_length: 255
//     deny_unsafe_names: true        # non-UTF-8 bytes or control characters in a path
//     deny_submodules: true
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/config/config_reader.h"

namespace pushgate {

enum class SymlinkPolicy : std::uint8_t {
  kAllow,
  kForbid,      // no symlink at all
  kInsideTree,  // only relative targets that stay inside the repository
};

struct FileRulesConfig {
  std::optional<std::uint64_t> max_blob_size;     // bytes
  std::vector<std::string> forbidden_paths;       // globs
  std::vector<std::string> forbidden_extensions;  // ".exe", compared case-insensitively
  std::vector<std::string> text_only;             // globs of paths that must not be binary
  SymlinkPolicy symlinks = SymlinkPolicy::kAllow;
  bool deny_case_collisions = false;
  std::optional<std::uint64_t> max_path_length;  // bytes of the repository-relative path
  bool deny_unsafe_names = false;
  bool deny_submodules = false;

  bool any() const {
    return max_blob_size.has_value() || !forbidden_paths.empty() || !forbidden_extensions.empty() ||
           !text_only.empty() || symlinks != SymlinkPolicy::kAllow || deny_case_collisions ||
           max_path_length.has_value() || deny_unsafe_names || deny_submodules;
  }
};

inline constexpr std::uint64_t kMaxBlobSizeCeiling = std::uint64_t{1} << 40;  // 1 TiB
inline constexpr std::uint64_t kMaxPathLengthCeiling = 65'535;

void read_file_rules_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                            FileRulesConfig& files);
std::span<const KeySpec<FileRulesConfig>> file_rules_keys();
std::span<const EnumValue<SymlinkPolicy>> symlink_policies();

}  // namespace pushgate
