#pragma once
// The loader's walker (private to core/config): reads typed values out of the parsed config and
// turns every problem into a positioned "config/…" finding, so that one run reports them all.
//
//   ConfigReader reader(origin, text);
//   reader.read_mapping(root, "", kTopLevelKeys, config);   // tables: config_keys.cc
//   FindingList findings = reader.take_findings();
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document/document.h"
#include "core/finding/finding.h"

namespace pushgate {

class ConfigReader;

// One key of a config mapping. A key the build does not implement yet has no `read`: writing it
// is an error (config/unsupported), because a policy written down but not enforced would be a
// silent accept.
template <typename Target>
struct KeySpec {
  std::string_view name;
  void (*read)(ConfigReader& reader, NodeRef value, const std::string& key_path, Target& target);
  // Set for a required key: how to add it, for the "missing key" message.
  std::string_view required_hint = {};
};

// One allowed value of an enumerated key.
template <typename Enum>
struct EnumValue {
  std::string_view name;
  Enum value;
};

// A path written in the config, absolute and normalized: relative paths are relative to the
// config file's folder (hooks run in $GIT_DIR, CI anywhere), or to the working directory for a
// config without a file.
std::string resolve_config_path(const std::string& config_origin, const std::string& path);

class ConfigReader {
 public:
  ConfigReader(std::string_view origin, std::string_view text);

  // Reports `message` (rule config/invalid unless given) at `at`, underlining the node where it
  // fits on one line.
  void report(NodeRef at, std::string message, std::string_view rule = "config/invalid");
  void report(Position at, std::string message, std::string_view rule = "config/invalid");
  FindingList take_findings() { return std::move(findings_); }
  // The config file's path as given (for resolving relative paths in it).
  const std::string& origin() const { return origin_; }
  // Findings reported so far: a sub-reader compares it before and after to learn whether its
  // part of the config was valid.
  std::size_t finding_count() const { return findings_.size(); }

  // Checks `node` is a mapping whose keys are all in `keys`, then reads each value into
  // `target`. Unknown keys get a "did you mean"; missing required keys are reported at `node`.
  template <typename Target>
  void read_mapping(NodeRef node, const std::string& path, std::span<const KeySpec<Target>> keys,
                    Target& target);

  // Typed readers: the value, or nullopt after reporting why `node` is not one.
  std::optional<std::string> read_string(NodeRef node, const std::string& key_path);
  std::optional<std::uint64_t> read_count(NodeRef node, const std::string& key_path,
                                          std::uint64_t min, std::uint64_t max);
  std::optional<std::uint64_t> read_byte_size(NodeRef node, const std::string& key_path,
                                              std::uint64_t min, std::uint64_t max);
  // A list of valid globs; `min_items` 1 where an empty list would select nothing.
  std::optional<std::vector<std::string>> read_globs(NodeRef node, const std::string& key_path,
                                                     std::size_t min_items);
  template <typename Enum>
  std::optional<Enum> read_enum(NodeRef node, const std::string& key_path,
                                std::span<const EnumValue<Enum>> values);

  // How a value reads in a message: "tips" (quoted strings), 2, true, a list, an empty value.
  static std::string describe(NodeRef node);

 private:
  // Shared by read_mapping instances: checks the node and its keys, reports unknown and
  // unsupported ones, and returns the pair indices whose keys are known and implemented.
  struct KeyNames {
    std::vector<std::string_view> known;
    std::vector<std::string_view> implemented;
    std::vector<std::pair<std::string_view, std::string_view>> required;  // name, hint
  };
  std::vector<std::size_t> check_keys(NodeRef node, const std::string& path, const KeyNames& names);
  std::optional<std::string_view> read_enum_name(NodeRef node, const std::string& key_path,
                                                 std::span<const std::string_view> names);

  std::string origin_;
  std::string_view text_;
  FindingList findings_;
};

template <typename Target>
void ConfigReader::read_mapping(NodeRef node, const std::string& path,
                                std::span<const KeySpec<Target>> keys, Target& target) {
  KeyNames names;
  for (const KeySpec<Target>& key : keys) {
    names.known.push_back(key.name);
    if (key.read != nullptr) names.implemented.push_back(key.name);
    if (!key.required_hint.empty()) names.required.emplace_back(key.name, key.required_hint);
  }
  for (std::size_t pair : check_keys(node, path, names)) {
    const std::string_view name = node.key(pair).text();
    for (const KeySpec<Target>& key : keys) {
      if (key.name != name) continue;
      key.read(*this, node.value(pair),
               path.empty() ? std::string(name) : path + "." + std::string(name), target);
    }
  }
}

template <typename Enum>
std::optional<Enum> ConfigReader::read_enum(NodeRef node, const std::string& key_path,
                                            std::span<const EnumValue<Enum>> values) {
  std::vector<std::string_view> names;
  for (const EnumValue<Enum>& v : values) names.push_back(v.name);
  const std::optional<std::string_view> name = read_enum_name(node, key_path, names);
  if (!name) return std::nullopt;
  for (const EnumValue<Enum>& v : values) {
    if (v.name == *name) return v.value;
  }
  return std::nullopt;
}

}  // namespace pushgate
