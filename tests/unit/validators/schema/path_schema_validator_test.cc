#include "validators/schema/path_schema_validator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/config/config.h"
#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

class PathSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs the tests of this suite in parallel processes, and a
    // shared folder let one test read a schema file while another was rewriting it.
    dir_ = ::testing::TempDir() + "/pushgate-path-schema-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/values.schema.json") << R"({
      "$schema": "http://json-schema.org/draft-07/schema#",
      "type": "object",
      "required": ["image"],
      "properties": {
        "replicaCount": {"type": "integer", "minimum": 1},
        "image": {"type": "object", "properties": {"tag": {"type": "string"}},
                  "additionalProperties": false}
      }
    })";
    std::ofstream(dir_ + "/broken.json") << "{\"type\": 12}";
  }
  ConfigLoad load(const std::string& schemas_yaml) {
    return load_config_text(dir_ + "/pushgate.yaml", "version: 1\nschemas:\n" + schemas_yaml);
  }
  std::string dir_;
};

TEST_F(PathSchemaTest, MatchingFilesAreValidatedAtTheirNodes) {
  const ConfigLoad config =
      load("  - paths: [\"charts/*/values*.yaml\"]\n    schema: values.schema.json\n");
  ASSERT_TRUE(config.config) << (config.findings.empty() ? "" : config.findings[0].message);
  const PathSchemaValidator validator(config.config->schemas);
  const FindingList out = testing::run_rule(validator, "charts/web/values-prod.yaml",
                                            "replicaCount: 0\nimage:\n  tag: 1.2\n  repo: x\n");
  std::vector<std::string> rows;
  for (const Finding& f : out) rows.push_back(testing::describe(f));
  EXPECT_EQ(rows, (std::vector<std::string>{"schema/minimum 1:15", "schema/type 3:8",
                                            "schema/additional-property 4:3"}));
  EXPECT_NE(out[0].message.find("(schema values.schema.json)"), std::string::npos)
      << out[0].message;
  EXPECT_TRUE(testing::run_rule(validator, "apps/web/values.yaml", "replicaCount: 0\n").empty());
}

// The loader refuses bad globs; a mapping built around it must still fail closed, not vanish.
TEST_F(PathSchemaTest, AMappingWhoseGlobsDoNotCompileRejectsInsteadOfPassing) {
  const ConfigLoad config = load("  - paths: [values.yaml]\n    schema: values.schema.json\n");
  ASSERT_TRUE(config.config);
  std::vector<SchemaMapping> mappings = config.config->schemas;
  mappings[0].paths = {"v[0-9.yaml"};
  const FindingList out =
      testing::run_rule(PathSchemaValidator(mappings), "values.yaml", "image: {tag: x}\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "internal/error");
  EXPECT_EQ(out[0].severity, Severity::kError);
}

TEST_F(PathSchemaTest, MissingRequiredAtTheDocument) {
  const ConfigLoad config = load("  - paths: [values.yaml]\n    schema: values.schema.json\n");
  ASSERT_TRUE(config.config);
  const FindingList out =
      testing::run_rule(PathSchemaValidator(config.config->schemas), "values.yaml", "a: 1\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "schema/required");
}

TEST_F(PathSchemaTest, ConfigMistakesArePositioned) {
  const ConfigLoad missing = load("  - paths: [x.yaml]\n    schema: nowhere.json\n");
  EXPECT_FALSE(missing.config);
  ASSERT_FALSE(missing.findings.empty());
  EXPECT_EQ(missing.findings[0].position, (Position{4, 13}));
  EXPECT_NE(missing.findings[0].message.find("is not a file"), std::string::npos);

  const ConfigLoad broken = load("  - paths: [x.yaml]\n    schema: broken.json\n");
  EXPECT_FALSE(broken.config);
  ASSERT_FALSE(broken.findings.empty());
  EXPECT_NE(broken.findings[0].message.find("is not a usable JSON Schema"), std::string::npos);

  const ConfigLoad no_paths = load("  - schema: values.schema.json\n");
  EXPECT_FALSE(no_paths.config);
  ASSERT_FALSE(no_paths.findings.empty());
  EXPECT_NE(no_paths.findings[0].message.find("paths"), std::string::npos);

  const ConfigLoad empty = load("  []\n");
  EXPECT_FALSE(empty.config);
}

}  // namespace
}  // namespace pushgate
