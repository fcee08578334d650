// terraform/version-constraints (opt-in): judged per module folder, at the changed .tf file.
#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::MemorySnapshot;
using V = std::vector<std::string>;

Config opted_in() {
  Config config;
  config.policies.rules["terraform/version-constraints"].enabled = true;
  return config;
}

TEST(TerraformVersionConstraints, PerFolderAtTheChangedFile) {
  const MemorySnapshot tree({
      {"ok/versions.tf",
       "terraform {\n  required_version = \">= 1.6\"\n  required_providers {\n"
       "    aws = { source = \"hashicorp/aws\" }\n  }\n}\n"},
      {"ok/main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n"},
      {"none/main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n"},
      {"noprov/main.tf", "terraform {\n  required_version = \">= 1.6\"\n}\nprovider \"aws\" {}\n"},
      {"vars-only/variables.tf",
       "terraform {\n  required_version = \">= 1.6\"\n}\nvariable \"x\" {}\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terraform/version-constraints", opted_in()),
            (V{"none/main.tf:1:1 terraform/version-constraints",
               "noprov/main.tf:1:1 terraform/version-constraints"}));
  // Off unless listed.
  EXPECT_EQ(check_tree(tree, {}, {}, "terraform/version-constraints"), V{});
  // A push judges only the folders of the .tf files it changed.
  EXPECT_EQ(check_tree(tree, {"ok/main.tf"}, {}, "terraform/version-constraints", opted_in()), V{});
}

}  // namespace
}  // namespace pushgate
