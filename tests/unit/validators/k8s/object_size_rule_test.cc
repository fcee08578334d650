#include "validators/k8s/object_size_rule.h"

#include <gtest/gtest.h>

#include "core/document/document.h"

namespace pushgate {
namespace {

// The rule over `text`, parsed with the default limits (files.max_size: 16 MiB).
FindingList run_rule(const ObjectSizeRule& rule, const std::string& path, const std::string& text) {
  const ParsedFile file = parse_yaml(path, text, ParseLimits{});
  EXPECT_TRUE(file.findings.empty()) << path;
  FindingList out;
  rule.check_file(FileContext{file, text}, out);
  return out;
}

std::string config_map(const std::string& kind, const std::string& field, std::size_t bytes) {
  return "apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: big\n" + field +
         ":\n  blob: " + std::string(bytes, 'x') + "\n";
}

// Issue 13, class 8: a single 5 MB ConfigMap is refused for its size as an object.
TEST(ObjectSizeRule, AnObjectOverOneAndAHalfMiBIsAnError) {
  const FindingList out =
      run_rule(ObjectSizeRule(), "big.yaml", config_map("ConfigMap", "data", 5000000));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "k8s/object-size");
  EXPECT_EQ(out[0].severity, Severity::kError);
  EXPECT_EQ(out[0].position, (Position{1, 1}));
  EXPECT_NE(out[0].message.find("ConfigMap big is 4.8 MiB"), std::string::npos) << out[0].message;
  EXPECT_NE(out[0].message.find("over the 1.5 MiB that etcd stores per object"), std::string::npos);
}

TEST(ObjectSizeRule, ConfigMapAndSecretDataOverOneMiBIsAnError) {
  FindingList out = run_rule(ObjectSizeRule(), "cm.yaml", config_map("ConfigMap", "data", 1100000));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].position, (Position{6, 3}));
  EXPECT_EQ(out[0].json_path, "data");
  EXPECT_NE(out[0].message.find("over the 1 MiB a ConfigMap may hold"), std::string::npos)
      << out[0].message;
  // Secret data is base64: 1.1 MB of it decodes to 0.8 MB, which is fine; stringData is not.
  EXPECT_TRUE(run_rule(ObjectSizeRule(), "s.yaml", config_map("Secret", "data", 1100000)).empty());
  EXPECT_EQ(
      run_rule(ObjectSizeRule(), "s.yaml", config_map("Secret", "stringData", 1100000)).size(), 1u);
  // Below the limits, and other kinds' data: nothing.
  EXPECT_TRUE(
      run_rule(ObjectSizeRule(), "cm.yaml", config_map("ConfigMap", "data", 1000000)).empty());
  EXPECT_TRUE(run_rule(ObjectSizeRule(), "x.yaml", config_map("Widget", "data", 1100000)).empty());
}

TEST(ObjectSizeRule, ListItemsAreJudgedOneByOne) {
  std::string list = "apiVersion: v1\nkind: List\nitems:\n";
  for (int i = 0; i < 3; ++i) {
    list += "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: d" + std::to_string(i) +
            "}\n  data:\n    blob: " + std::string(700000, 'x') + "\n";
  }
  EXPECT_TRUE(run_rule(ObjectSizeRule(), "list.yaml", list).empty());
}

}  // namespace
}  // namespace pushgate
