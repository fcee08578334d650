// hcl/syntax, hcl/duplicate-attribute and hcl/duplicate-block through the engine: HCL files are
// selected by default, read by the HCL reader and judged by the rules' check_hcl.
#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::MemorySnapshot;
using V = std::vector<std::string>;
using Files = std::map<std::string, std::string>;

TEST(HclSyntaxRule, ReportsTheFirstErrorWithItsPosition) {
  const MemorySnapshot tree({
      {"live/app/terragrunt.hcl", "inputs = {\n  a = 1\n  b = \n}\n"},
      {"modules/vpc/main.tf", "variable \"x\" {\n}\n"},
      {"prod.tfvars", "region = \"eu-west-1\"\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "hcl/"), (V{"live/app/terragrunt.hcl:3:7 hcl/syntax"}));
}

TEST(HclSyntaxRule, GoTemplatesAreNotedNotRejected) {
  const MemorySnapshot tree(
      Files{{"scaffold/terragrunt.hcl",
             "inputs = {\n  {{ range .requiredVariables }}\n  {{ .Name }} = 1\n  {{ end }}\n}\n"}});
  EXPECT_EQ(check_tree(tree, {}, {}, "hcl/"),
            (V{"scaffold/terragrunt.hcl:0:0 hcl/template-skipped"}));
  // Braces inside strings are text: a real error elsewhere is still an error.
  const MemorySnapshot broken(Files{{"a.tf", "x = \"{{ .y }}\"\ny = \n"}});
  EXPECT_EQ(check_tree(broken, {}, {}, "hcl/"), (V{"a.tf:2:5 hcl/syntax"}));
}

TEST(HclSyntaxRule, TfJsonGoesThroughTheJsonReader) {
  const MemorySnapshot tree(Files{{"main.tf.json", "{\"variable\": {\"x\": {}},}"}});
  EXPECT_EQ(check_tree(tree, {}, {}, "json/"), (V{"main.tf.json:1:24 json/syntax"}));
  EXPECT_EQ(check_tree(tree, {}, {}, "hcl/"), V{});
}

TEST(DuplicateAttributeRule, SecondDefinitionInOneBody) {
  const MemorySnapshot tree(Files{{"terragrunt.hcl",
                                   "locals {\n  region = \"a\"\n  region = \"b\"\n}\n"
                                   "inputs = {}\n"
                                   "dependency \"x\" {\n  config_path = \"../x\"\n}\n"
                                   "dependency \"y\" {\n  config_path = \"../x\"\n}\n"}});
  EXPECT_EQ(check_tree(tree, {}, {}, "hcl/duplicate-attribute"),
            (V{"terragrunt.hcl:3:3 hcl/duplicate-attribute"}));
}

TEST(DuplicateBlockRule, BlocksTerraformAndTerragruntForbidTwice) {
  const MemorySnapshot tree({
      {"mod/main.tf",
       "variable \"x\" {}\n"
       "variable \"x\" {}\n"
       "resource \"aws_s3_bucket\" \"b\" {}\n"
       "resource \"aws_s3_bucket\" \"b\" {}\n"
       "resource \"aws_s3_bucket\" \"c\" {}\n"  // near miss: another name
       "data \"aws_s3_bucket\" \"b\" {}\n"      // near miss: data, not resource
       "provider \"aws\" {}\n"
       "provider \"aws\" {\n  alias = \"west\"\n}\n"  // near miss: aliased
       "provider \"aws\" {}\n"
       "module \"m\" {\n  source = \"./m\"\n}\n"
       "output \"o\" {\n  value = 1\n}\n"
       "output \"o\" {\n  value = 2\n}\n"
       "locals {\n  a = 1\n}\n"
       "locals {\n  a = 2\n}\n"},
      {"unit/terragrunt.hcl",
       "dependency \"vpc\" {\n  config_path = \"../vpc\"\n}\n"
       "dependency \"vpc\" {\n  config_path = \"../vpc2\"\n}\n"
       "variable \"x\" {}\nvariable \"x\" {}\n"},  // near miss: not a Terraform file
      {"vpc/terragrunt.hcl", ""},
      {"vpc2/terragrunt.hcl", ""},
  });
  EXPECT_EQ(
      check_tree(tree, {}, {}, "hcl/duplicate-block"),
      (V{"mod/main.tf:2:1 hcl/duplicate-block", "mod/main.tf:4:1 hcl/duplicate-block",
         "mod/main.tf:11:1 hcl/duplicate-block", "mod/main.tf:18:1 hcl/duplicate-block",
         "mod/main.tf:25:3 hcl/duplicate-block", "unit/terragrunt.hcl:4:1 hcl/duplicate-block"}));
}

TEST(DuplicateBlockRule, AcrossTheTfFilesOfOneModule) {
  const MemorySnapshot tree({
      {"mod/main.tf",
       "variable \"region\" {}\n"
       "resource \"aws_s3_bucket\" \"b\" {}\n"
       "locals {\n  name = \"a\"\n}\n"
       "provider \"aws\" {}\n"},
      {"mod/variables.tf",
       "variable \"region\" {\n  default = \"eu-west-1\"\n}\n"  // 1:1, first in main.tf
       "variable \"zone\" {}\n"},
      {"mod/resources.tf",
       "resource \"aws_s3_bucket\" \"b\" {}\n"          // 1:1
       "resource \"aws_s3_bucket\" \"c\" {}\n"          // near miss: another name
       "data \"aws_s3_bucket\" \"b\" {}\n"              // near miss: data, not resource
       "locals {\n  name = \"b\"\n}\n"                  // 5:3
       "provider \"aws\" {\n  alias = \"west\"\n}\n"},  // near miss: aliased
      {"mod/zz.tf", "variable \"zone\" {}\nvariable \"zone\" {}\n"},  // 1:1 across; 2:1 in file
      {"mod/main_override.tf", "variable \"region\" {}\n"},  // an override: merges, by design
      {"mod/override.tf", "provider \"aws\" {}\n"},          // the same
      {"mod/sub/main.tf", "variable \"region\" {}\n"},       // another module
      {"other/main.tf", "variable \"region\" {}\n"},         // another module
      {"mod/.terraform/modules/x/main.tf", "variable \"region\" {}\n"},  // a download cache
      {"mod/.terraform/modules/x/vars.tf", "variable \"region\" {}\n"},
      {"live/terragrunt.hcl", "locals {\n  name = 1\n}\n"},  // Terragrunt: not a module
      {"live/root.hcl", "locals {\n  name = 2\n}\n"},
  });
  // Each file's own findings first, then the whole-module ones.
  EXPECT_EQ(check_tree(tree, {}, {}, "hcl/duplicate-block"),
            (V{"mod/zz.tf:2:1 hcl/duplicate-block", "mod/resources.tf:1:1 hcl/duplicate-block",
               "mod/resources.tf:5:3 hcl/duplicate-block",
               "mod/variables.tf:1:1 hcl/duplicate-block", "mod/zz.tf:1:1 hcl/duplicate-block"}));
  const FindingList found = check_tree_findings(tree, {}, {}, "hcl/duplicate-block");
  bool names_first = false;
  for (const Finding& f : found) {
    names_first =
        names_first || (f.path == "mod/variables.tf" &&
                        f.message.find("already declared in mod/main.tf:1") != std::string::npos);
  }
  EXPECT_TRUE(names_first);
}

TEST(DuplicateBlockRule, AcrossFilesIsJudgedWhenTheModuleChanged) {
  const MemorySnapshot tree({
      {"mod/a.tf", "variable \"x\" {}\n"},
      {"mod/b.tf", "variable \"x\" {}\n"},
      {"mod/c.tf", "variable \"y\" {}\n"},
      {"other/a.tf", "variable \"x\" {}\n"},
  });
  // A push that changes another module: this one is not re-judged.
  EXPECT_EQ(check_tree(tree, {"other/a.tf"}, {}, "hcl/duplicate-block"), V{});
  // A change to any file of the module re-judges it; the later declaration is reported.
  EXPECT_EQ(check_tree(tree, {"mod/c.tf"}, {}, "hcl/duplicate-block"),
            (V{"mod/b.tf:1:1 hcl/duplicate-block"}));
  EXPECT_EQ(check_tree(tree, {"mod/a.tf"}, {}, "hcl/duplicate-block"),
            (V{"mod/b.tf:1:1 hcl/duplicate-block"}));
}

// Terraform reads a module's `.tf` and `.tf.json` files as one configuration, in file-name order:
// a declaration repeated across the two syntaxes is the same error.
TEST(DuplicateBlockRule, AcrossTfAndTfJsonFiles) {
  const MemorySnapshot tree({
      {"mod/main.tf",
       "variable \"region\" {}\n"
       "resource \"aws_s3_bucket\" \"b\" {}\n"
       "provider \"aws\" {}\n"
       "locals {\n  name = \"a\"\n}\n"},
      {"mod/vars.tf.json",
       "{\n"
       "  \"//\": \"generated\",\n"
       "  \"variable\": {\"region\": {}, \"zone\": {}},\n"                       // 3: region
       "  \"resource\": {\"aws_s3_bucket\": {\"b\": {}, \"c\": {}}},\n"          // 4: b
       "  \"provider\": {\"aws\": [{\"alias\": \"west\"}, {\"region\": 1}]},\n"  // 5: no alias
       "  \"locals\": [{\"name\": \"b\"}],\n"                                    // 6: name
       "  \"output\": {\"zone\": {\"value\": 1}}\n"
       "}\n"},
      {"mod/zz.tf", "output \"zone\" {}\nvariable \"other\" {}\n"},    // 1:1, first in vars.tf.json
      {"mod/override.tf.json", "{\"variable\": {\"region\": {}}}\n"},  // an override
      {"other/a.tf.json", "{\"variable\": {\"region\": {}}}\n"},       // another module
      {"other/b.tf", "variable \"region\" {}\n"},
  });
  EXPECT_EQ(
      check_tree(tree, {}, {}, "hcl/duplicate-block"),
      (V{"mod/vars.tf.json:3:16 hcl/duplicate-block", "mod/vars.tf.json:4:34 hcl/duplicate-block",
         "mod/vars.tf.json:5:16 hcl/duplicate-block", "mod/vars.tf.json:6:15 hcl/duplicate-block",
         "mod/zz.tf:1:1 hcl/duplicate-block", "other/b.tf:1:1 hcl/duplicate-block"}));
  // A change to the JSON file alone re-judges the module.
  EXPECT_EQ(check_tree(tree, {"other/a.tf.json"}, {}, "hcl/duplicate-block"),
            (V{"other/b.tf:1:1 hcl/duplicate-block"}));
}

}  // namespace
}  // namespace pushgate
