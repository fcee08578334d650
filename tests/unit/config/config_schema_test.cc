// The JSON Schema of pushgate.yaml must describe exactly what the loader reads: the same keys at
// each level, the same enum words, the same limits. This pins schemas/pushgate-config.schema.json
// to the key tables in core/config/config_keys.cc, and its rule ids to the policy catalogue.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/config/config_keys.h"
#include "core/policy/builtin_rules.h"
#include "test_paths.h"

namespace pushgate {
namespace {

using nlohmann::json;

json load_schema() {
  std::ifstream in(PUSHGATE_SOURCE_DIR "/schemas/pushgate-config.schema.json");
  return json::parse(in);
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

template <typename Enum>
std::vector<std::string> enum_words(std::span<const EnumValue<Enum>> values) {
  std::vector<std::string> words;
  for (const EnumValue<Enum>& v : values) words.emplace_back(v.name);
  return words;
}

TEST(ConfigSchemaTest, TopLevelKeysMatchTheLoader) {
  const json schema = load_schema();
  EXPECT_EQ(schema.at("$schema"), "http://json-schema.org/draft-07/schema#");
  EXPECT_EQ(schema.at("additionalProperties"), false);
  EXPECT_EQ(properties(schema), implemented(config_keys()));
  std::set<std::string> required;
  for (const KeySpec<Config>& key : config_keys()) {
    if (!key.required_hint.empty()) required.emplace(key.name);
  }
  EXPECT_EQ(schema.at("required").get<std::set<std::string>>(), required);
}

TEST(ConfigSchemaTest, UnsupportedSectionsAreNotInTheSchema) {
  const json schema = load_schema();
  for (const KeySpec<Config>& key : config_keys()) {
    if (key.read == nullptr) {
      EXPECT_FALSE(schema.at("properties").contains(std::string(key.name))) << key.name;
    }
  }
}

TEST(ConfigSchemaTest, FilesKeysAndLimitsMatchTheLoader) {
  const json files = load_schema().at("properties").at("files");
  EXPECT_EQ(files.at("additionalProperties"), false);
  EXPECT_EQ(properties(files), implemented(files_keys()));
  const json& props = files.at("properties");
  EXPECT_EQ(props.at("max_depth").at("maximum"), kMaxDepthCeiling);
  EXPECT_EQ(props.at("max_expanded_nodes").at("maximum"), kMaxExpandedNodesCeiling);
  const FilesConfig defaults;
  EXPECT_EQ(props.at("max_depth").at("default"), defaults.max_depth);
  EXPECT_EQ(props.at("max_expanded_nodes").at("default"), defaults.max_expanded_nodes);
  EXPECT_EQ(props.at("include").at("default").get<std::vector<std::string>>(), defaults.include);
  const json size = load_schema().at("definitions").at("byte_size").at("oneOf");
  EXPECT_EQ(size.at(0).at("maximum"), kMaxFileSizeCeiling);
}

TEST(ConfigSchemaTest, EnumWordsMatchTheLoader) {
  const json props = load_schema().at("properties");
  EXPECT_EQ(props.at("validate").at("enum").get<std::vector<std::string>>(),
            enum_words(validate_modes()));
  EXPECT_EQ(props.at("on_internal_error").at("enum").get<std::vector<std::string>>(),
            enum_words(failure_modes()));
  EXPECT_EQ(props.at("validate_refs").at("default").get<std::vector<std::string>>(),
            Config{}.validate_refs);
}

TEST(ConfigSchemaTest, BreakGlassSectionsMatchTheLoader) {
  const json props = load_schema().at("properties");
  EXPECT_EQ(properties(props.at("bypass")), implemented(bypass_keys()));
  EXPECT_EQ(properties(props.at("audit")), implemented(audit_keys()));
  EXPECT_EQ(properties(props.at("pusher")), implemented(pusher_keys()));
  EXPECT_EQ(
      props.at("audit").at("properties").at("on_error").at("enum").get<std::vector<std::string>>(),
      enum_words(audit_on_error_values()));
  const BypassConfig bypass;
  EXPECT_EQ(
      props.at("bypass").at("properties").at("refs").at("default").get<std::vector<std::string>>(),
      bypass.refs);
  EXPECT_EQ(props.at("bypass").at("properties").at("push_option").at("default"),
            bypass.push_option);
}

TEST(ConfigSchemaTest, SignaturesKeysMatchTheLoader) {
  const json signatures =
      load_schema().at("properties").at("refs").at("items").at("properties").at("signatures");
  EXPECT_EQ(signatures.at("additionalProperties"), false);
  EXPECT_EQ(properties(signatures), implemented(signatures_keys()));
  EXPECT_EQ(signatures.at("properties").at("tags").at("enum").get<std::vector<std::string>>(),
            enum_words(tag_requirements()));
}

// An id the catalogue knows but the schema does not is a config the loader accepts and an
// editor marks as wrong (k8s/object-size and gitops/duplicate-object-unapplied were). Git rules
// are in both: `policies.rules` grades them too.
TEST(ConfigSchemaTest, RuleIdsMatchThePolicyCatalogue) {
  const json schema = load_schema();
  const json& names =
      schema.at("properties").at("policies").at("properties").at("rules").at("propertyNames");
  std::vector<std::string> in_schema = names.at("anyOf").at(0).at("enum");
  std::vector<std::string> in_catalogue;
  for (const BuiltinRule& rule : builtin_rules()) in_catalogue.emplace_back(rule.id);
  std::sort(in_schema.begin(), in_schema.end());
  EXPECT_EQ(in_schema, in_catalogue)  // both sorted by id
      << "the schema's rule ids are written from core/policy/rule_table.inc by "
         "`python3 cmake/rule_ids.py`";
}

}  // namespace
}  // namespace pushgate
