// The JSON Schema's `refs` items must describe exactly what the `commits:` and `files:` readers
// take: the same keys, enum words and limits (schemas/pushgate-config.schema.json).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/config/refs_config.h"
#include "test_paths.h"

namespace pushgate {
namespace {

using nlohmann::json;

json ref_item_properties() {
  std::ifstream in(PUSHGATE_SOURCE_DIR "/schemas/pushgate-config.schema.json");
  return json::parse(in).at("properties").at("refs").at("items").at("properties");
}

template <typename Target>
std::set<std::string> implemented(std::span<const KeySpec<Target>> keys) {
  std::set<std::string> names;
  for (const KeySpec<Target>& key : keys) {
    if (key.read != nullptr) names.emplace(key.name);
  }
  return names;
}

std::set<std::string> properties(const json& object_schema) {
  std::set<std::string> names;
  for (const auto& [name, _] : object_schema.at("properties").items()) names.insert(name);
  return names;
}

TEST(CommitFileRulesSchemaTest, RefEntryKeysMatchTheLoader) {
  EXPECT_EQ(properties(json{{"properties", ref_item_properties()}}), implemented(ref_rule_keys()));
}

TEST(CommitFileRulesSchemaTest, CommitsKeysAndLimitsMatchTheLoader) {
  const json commits = ref_item_properties().at("commits");
  EXPECT_EQ(commits.at("additionalProperties"), false);
  EXPECT_EQ(properties(commits), implemented(commit_rules_keys()));
  EXPECT_EQ(commits.at("properties").at("subject_max_length").at("maximum"),
            kMaxSubjectLengthCeiling);
}

TEST(CommitFileRulesSchemaTest, FilesKeysEnumsAndLimitsMatchTheLoader) {
  const json files = ref_item_properties().at("files");
  EXPECT_EQ(files.at("additionalProperties"), false);
  EXPECT_EQ(properties(files), implemented(file_rules_keys()));
  const json& props = files.at("properties");
  std::vector<std::string> words;
  for (const EnumValue<SymlinkPolicy>& v : symlink_policies()) words.emplace_back(v.name);
  EXPECT_EQ(props.at("symlinks").at("enum").get<std::vector<std::string>>(), words);
  EXPECT_EQ(props.at("max_path_length").at("maximum"), kMaxPathLengthCeiling);
  EXPECT_EQ(props.at("max_blob_size").at("oneOf").at(0).at("maximum"), kMaxBlobSizeCeiling);
}

}  // namespace
}  // namespace pushgate
