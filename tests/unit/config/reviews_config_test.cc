// `reviews:` in a `refs:` entry: what the reader takes, its defaults, and that the JSON Schema
// describes exactly the implemented keys and limits (schemas/pushgate-config.schema.json).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/config/config.h"
#include "core/config/refs_config.h"
#include "test_paths.h"

namespace pushgate {
namespace {

using nlohmann::json;

TEST(ReviewsConfigTest, ReadsEveryKeyAndDefaults) {
  ConfigLoad load = load_config_text("p.yaml",
                                     "version: 1\n"
                                     "refs:\n"
                                     "  - match: refs/heads/main\n"
                                     "    reviews:\n"
                                     "      approvals: 2\n"
                                     "      trailers: [Acked-by]\n"
                                     "      reviewers: [alice@example.com, Bob]\n"
                                     "      merge_bots: [merge-bot]\n"
                                     "  - match: refs/heads/**\n"
                                     "    reviews: {}\n"
                                     "  - match: refs/tags/**\n");
  ASSERT_TRUE(load.config) << (load.findings.empty() ? "" : load.findings[0].message);
  const std::vector<RefRuleConfig>& refs = load.config->refs;
  ASSERT_EQ(refs.size(), 3u);
  ASSERT_TRUE(refs[0].reviews);
  EXPECT_EQ(refs[0].reviews->approvals, 2u);
  EXPECT_EQ(refs[0].reviews->trailers, std::vector<std::string>{"Acked-by"});
  EXPECT_EQ(refs[0].reviews->reviewers, (std::vector<std::string>{"alice@example.com", "Bob"}));
  EXPECT_EQ(refs[0].reviews->merge_bots, std::vector<std::string>{"merge-bot"});
  ASSERT_TRUE(refs[1].reviews);
  EXPECT_EQ(refs[1].reviews->approvals, 1u);
  EXPECT_EQ(refs[1].reviews->trailers, (std::vector<std::string>{"Reviewed-by", "Approved-by"}));
  EXPECT_FALSE(refs[2].reviews);
}

TEST(ReviewsConfigTest, OwnershipKeysAreReadAndAloneAskForNoOtherApprovals) {
  ConfigLoad load = load_config_text("/etc/pushgate/p.yaml",
                                     "version: 1\n"
                                     "refs:\n"
                                     "  - match: refs/heads/main\n"
                                     "    reviews:\n"
                                     "      codeowners: ./.github/CODEOWNERS\n"
                                     "      codeowners_ref: refs/heads/main\n"
                                     "      policy_admins: ['@alice', sec@example.com]\n"
                                     "  - match: refs/heads/**\n"
                                     "    reviews: {codeowners: CODEOWNERS, approvals: 2}\n");
  ASSERT_TRUE(load.config) << (load.findings.empty() ? "" : load.findings[0].message);
  const std::vector<RefRuleConfig>& refs = load.config->refs;
  ASSERT_TRUE(refs[0].reviews);
  EXPECT_EQ(refs[0].reviews->codeowners, ".github/CODEOWNERS");
  EXPECT_EQ(refs[0].reviews->codeowners_ref, "refs/heads/main");
  EXPECT_EQ(refs[0].reviews->policy_admins,
            (std::vector<std::string>{"@alice", "sec@example.com"}));
  EXPECT_EQ(refs[0].reviews->approvals, 0u);
  EXPECT_EQ(refs[1].reviews->approvals, 2u);
}

TEST(ReviewsConfigTest, CodeownersFileIsRelativeToTheConfigAndExcludesCodeowners) {
  const std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/CODEOWNERS") << "* @alice\n";
  ConfigLoad load = load_config_text(dir + "/p.yaml",
                                     "version: 1\n"
                                     "refs: [{match: refs/heads/main, reviews: "
                                     "{codeowners_file: CODEOWNERS}}]\n");
  ASSERT_TRUE(load.config) << (load.findings.empty() ? "" : load.findings[0].message);
  std::string expected = dir + "/CODEOWNERS";
  if (expected.starts_with("//")) expected.erase(0, 1);
  EXPECT_EQ(std::filesystem::path(load.config->refs[0].reviews->codeowners_file),
            std::filesystem::path(expected).lexically_normal());

  ConfigLoad both = load_config_text(dir + "/p.yaml",
                                     "version: 1\n"
                                     "refs: [{match: refs/heads/main, reviews: "
                                     "{codeowners: CODEOWNERS, codeowners_file: CODEOWNERS}}]\n");
  ASSERT_FALSE(both.config);
  ASSERT_EQ(both.findings.size(), 1u);
  EXPECT_NE(both.findings[0].message.find("sets both `codeowners`"), std::string::npos)
      << both.findings[0].message;
  EXPECT_EQ(both.findings[0].position.line, 2u);
}

TEST(ReviewsConfigTest, SchemaMatchesTheReader) {
  std::ifstream in(PUSHGATE_SOURCE_DIR "/schemas/pushgate-config.schema.json");
  const json reviews =
      json::parse(in).at("properties").at("refs").at("items").at("properties").at("reviews");
  EXPECT_EQ(reviews.at("additionalProperties"), false);
  std::set<std::string> in_schema;
  for (const auto& [name, _] : reviews.at("properties").items()) in_schema.insert(name);
  std::set<std::string> implemented;
  for (const KeySpec<ReviewsConfig>& key : reviews_keys()) {
    if (key.read != nullptr) implemented.emplace(key.name);
  }
  EXPECT_EQ(in_schema, implemented);
  EXPECT_EQ(reviews.at("properties").at("approvals").at("maximum"), kMaxApprovalsCeiling);
}

}  // namespace
}  // namespace pushgate
