// The Terragrunt rules through the engine over an in-memory tree: references that resolve to no
// file of the tree, cycles, unpinned sources, stacks, and incremental re-judging.
#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::MemorySnapshot;
using V = std::vector<std::string>;
using Files = std::map<std::string, std::string>;

const char* kRootInclude = "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\n";

TEST(TerragruntIncludePath, FindInParentFoldersAndLiteralPaths) {
  const MemorySnapshot tree({
      {"live/root.hcl", "locals {}\n"},
      {"live/prod/app/terragrunt.hcl", kRootInclude},  // resolves
      {"other/app/terragrunt.hcl", kRootInclude},      // no root.hcl above
      {"live/prod/db/terragrunt.hcl",
       "include \"common\" {\n  path = \"${get_terragrunt_dir()}/../../_common/db.hcl\"\n}\n"
       "include \"env\" {\n  path = "
       "\"${dirname(find_in_parent_folders(\"root.hcl\"))}/env.hcl\"\n}\n"},
      {"live/env.hcl", "locals {}\n"},
      {"live/prod/dyn/terragrunt.hcl", "include \"x\" {\n  path = var.somewhere\n}\n"},  // computed
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/include-path"),
            (V{"live/prod/db/terragrunt.hcl:2:10 terragrunt/include-path",
               "other/app/terragrunt.hcl:2:10 terragrunt/include-path"}));
}

TEST(TerragruntDependencyPath, ConfigPathMustBeAUnit) {
  const MemorySnapshot tree({
      {"live/vpc/terragrunt.hcl", ""},
      {"live/empty/readme.txt", "x"},
      {"live/app/terragrunt.hcl",
       "dependency \"vpc\" {\n  config_path = \"../vpc\"\n}\n"
       "dependency \"typo\" {\n  config_path = \"../vcp\"\n}\n"
       "dependency \"folder\" {\n  config_path = \"../empty\"\n}\n"
       "dependencies {\n  paths = [\"../vpc\", \"../gone\"]\n}\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/dependency-path"),
            (V{"live/app/terragrunt.hcl:5:17 terragrunt/dependency-path",
               "live/app/terragrunt.hcl:8:17 terragrunt/dependency-path",
               "live/app/terragrunt.hcl:11:22 terragrunt/dependency-path"}));
}

TEST(TerragruntSourcePath, LocalSourcesAndStacks) {
  const MemorySnapshot tree({
      {"modules/vpc/main.tf", "variable \"x\" {}\n"},
      {"live/a/terragrunt.hcl", "terraform {\n  source = \"../..//modules/vpc\"\n}\n"},
      {"live/b/terragrunt.hcl", "terraform {\n  source = \"../../modules/gone\"\n}\n"},
      {"live/c/terragrunt.hcl",
       "terraform {\n  source = \"git::https://github.com/acme/m.git//vpc?ref=v1\"\n}\n"},
      {"units/app/terragrunt.hcl",
       "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\n"
       "terraform {\n  source = \"../../../../modules//vpc\"\n}\n"
       "inputs = { name = values.name }\n"},
      {"stacks/prod/terragrunt.stack.hcl",
       "unit \"app\" {\n  source = \"../../units/app\"\n  path = \"app\"\n  values = { name = "
       "\"x\" }\n}\n"
       "unit \"gone\" {\n  source = \"../../units/gone\"\n  path = \"gone\"\n}\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/source-path"),
            (V{"live/b/terragrunt.hcl:2:12 terragrunt/source-path",
               "stacks/prod/terragrunt.stack.hcl:7:12 terragrunt/source-path"}));
  // The stack-generated unit's include is not judged in place, but where the stack generates it
  // (stacks/prod/.terragrunt-stack/app): no root.hcl above it either, reported at the block.
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/include-path"),
            (V{"stacks/prod/terragrunt.stack.hcl:1:1 terragrunt/include-path"}));
}

TEST(TerragruntReadConfigPath, EvaluatedAsTheIncludingUnit) {
  const MemorySnapshot tree({
      {"live/root.hcl",
       "locals {\n  env = read_terragrunt_config(find_in_parent_folders(\"env.hcl\"))\n}\n"},
      {"live/prod/env.hcl", "locals {}\n"},
      {"live/prod/app/terragrunt.hcl", kRootInclude},  // finds live/prod/env.hcl
      {"live/dev/app/terragrunt.hcl", kRootInclude},   // no env.hcl above
      {"live/dev/db/terragrunt.hcl",
       "locals {\n  x = read_terragrunt_config(\"${get_terragrunt_dir()}/missing.hcl\")\n}\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/read-config-path"),
            (V{"live/dev/db/terragrunt.hcl:2:30 terragrunt/read-config-path",
               "live/root.hcl:2:32 terragrunt/read-config-path"}));
}

TEST(TerragruntDependencyCycle, ReportedOnce) {
  const MemorySnapshot tree({
      {"a/terragrunt.hcl", "dependency \"b\" {\n  config_path = \"../b\"\n}\n"},
      {"b/terragrunt.hcl", "dependency \"c\" {\n  config_path = \"../c\"\n}\n"},
      {"c/terragrunt.hcl", "dependency \"a\" {\n  config_path = \"../a\"\n}\n"},
      {"d/terragrunt.hcl", "dependency \"a\" {\n  config_path = \"../a\"\n}\n"},  // not in it
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/dependency-cycle"),
            (V{"c/terragrunt.hcl:2:17 terragrunt/dependency-cycle"}));
}

TEST(TerragruntSourceUnpinned, RemoteWithoutRefWarns) {
  const MemorySnapshot tree({
      {"a/terragrunt.hcl",
       "terraform {\n  source = \"git::https://github.com/acme/m.git//vpc\"\n}\n"},
      {"b/terragrunt.hcl",
       "terraform {\n  source = \"github.com/acme/m//vpc?ref=main\"\n}\n"},  // a branch
      {"c/terragrunt.hcl",
       "locals {\n  base = \"git::git@github.com:acme/m.git\"\n}\n"
       "terraform {\n  source = \"${local.base}//vpc\"\n}\n"},  // via locals
      {"d/terragrunt.hcl", "terraform {\n  source = \"github.com/acme/m//vpc?ref=v1.2.0\"\n}\n"},
      {"e/terragrunt.hcl",
       "terraform {\n  source = \"github.com/acme/m//vpc?ref=${values.v}\"\n}\n"},
      {"f/terragrunt.hcl", "terraform {\n  source = \"${include.x.locals.url}?ref=v1\"\n}\n"},
      {"g/terragrunt.hcl", "terraform {\n  source = \"../modules/vpc\"\n}\n"},
      {"modules/vpc/main.tf", ""},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/source-unpinned"),
            (V{"a/terragrunt.hcl:2:12 terragrunt/source-unpinned",
               "b/terragrunt.hcl:2:12 terragrunt/source-unpinned",
               "c/terragrunt.hcl:5:12 terragrunt/source-unpinned"}));
}

TEST(TerraformModuleSourceUnpinned, RegistryNeedsVersionGitNeedsRef) {
  const MemorySnapshot tree(Files{
      {"main.tf",
       "module \"a\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n"
       "module \"b\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.8.1\"\n}\n"
       "module \"c\" {\n  source = \"git::https://example.com/m.git\"\n}\n"
       "module \"d\" {\n  source = \"git::https://example.com/m.git?ref=v2\"\n}\n"
       "module \"e\" {\n  source = \"../modules/x\"\n}\n"}});
  EXPECT_EQ(check_tree(tree, {}, {}, "terraform/"),
            (V{"main.tf:2:12 terraform/module-source-unpinned",
               "main.tf:9:12 terraform/module-source-unpinned"}));
}

TEST(TerragruntIncremental, APushReJudgesWhatItsChangeReaches) {
  const MemorySnapshot tree({
      {"live/vpc/terragrunt.hcl", kRootInclude},
      {"live/app/terragrunt.hcl", "dependency \"vpc\" {\n  config_path = \"../vpc\"\n}\n"},
      {"live/old/terragrunt.hcl", "dependency \"x\" {\n  config_path = \"../gone\"\n}\n"},
  });
  // A push that only touches an unrelated file: the old broken unit is not re-judged.
  EXPECT_EQ(check_tree(tree, {"live/app/terragrunt.hcl"}, {}, "terragrunt/"), V{});
  // Deleting root.hcl reaches the unit that includes it.
  EXPECT_EQ(check_tree(tree, {"live/app/terragrunt.hcl"}, {"live/root.hcl"}, "terragrunt/"),
            (V{"live/vpc/terragrunt.hcl:2:10 terragrunt/include-path"}));
  // A full check reports everything.
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/"),
            (V{"live/old/terragrunt.hcl:2:17 terragrunt/dependency-path",
               "live/vpc/terragrunt.hcl:2:10 terragrunt/include-path"}));
}

// include "NAME" { expose = true } makes the included file's locals and inputs readable as
// include.NAME.locals.X / include.NAME.inputs.X; they are evaluated in the included file, as
// the including unit (get_terragrunt_dir() is the unit's folder).
TEST(TerragruntExposedIncludes, LocalsAndInputsOfAnExposedIncludeAreResolved) {
  const char* include_envcommon =
      "include \"envcommon\" {\n  path = \"../../_envcommon/app.hcl\"\n";
  const MemorySnapshot tree({
      {"_envcommon/app.hcl",
       "locals {\n  vpc_dir = \"../vpc\"\n  gone_dir = local.gone\n  gone = \"../gone\"\n"
       "  module = \"${get_terragrunt_dir()}/../../modules/missing\"\n}\n"
       "inputs = {\n  db_dir = \"../db\"\n  \"vpc\" = \"../vpc\"\n}\n"},
      {"live/vpc/terragrunt.hcl", ""},
      {"live/app/terragrunt.hcl",
       std::string(include_envcommon) + "  expose = true\n}\n" +                            // 1-4
           "dependency \"vpc\" {\n  config_path = include.envcommon.locals.vpc_dir\n}\n"    // 5-7
           "dependency \"gone\" {\n  config_path = include.envcommon.locals.gone_dir\n}\n"  // 8-10
           "dependency \"db\" {\n  config_path = include.envcommon.inputs.db_dir\n}\n"      // 11-13
           "dependency \"quoted\" {\n  config_path = include.envcommon.inputs.vpc\n}\n"     // 14-16
           "terraform {\n  source = include.envcommon.locals.module\n}\n"},                 // 17-19
      // Not exposed: Terragrunt refuses include.envcommon.* there; nothing is judged.
      {"live/hidden/terragrunt.hcl",
       std::string(include_envcommon) + "}\n" +
           "dependency \"gone\" {\n  config_path = include.envcommon.locals.gone_dir\n}\n"},
      // Another label, or a key the file does not have: not judged.
      {"live/other/terragrunt.hcl",
       std::string(include_envcommon) + "  expose = true\n}\n" +
           "dependency \"a\" {\n  config_path = include.root.locals.gone_dir\n}\n"
           "dependency \"b\" {\n  config_path = include.envcommon.locals.nothing\n}\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/dependency-path"),
            (V{"live/app/terragrunt.hcl:9:17 terragrunt/dependency-path",
               "live/app/terragrunt.hcl:12:17 terragrunt/dependency-path"}));
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/source-path"),
            (V{"live/app/terragrunt.hcl:18:12 terragrunt/source-path"}));
  // The included file changed: the units that expose it are judged again.
  EXPECT_EQ(check_tree(tree, {"_envcommon/app.hcl"}, {}, "terragrunt/dependency-path"),
            (V{"live/app/terragrunt.hcl:9:17 terragrunt/dependency-path",
               "live/app/terragrunt.hcl:12:17 terragrunt/dependency-path"}));
  // A change it does not reach: nothing is judged again.
  EXPECT_EQ(check_tree(tree, {"live/hidden/terragrunt.hcl"}, {}, "terragrunt/dependency-path"),
            V{});
}

// Units a stack generates are units for config_path: `<stack>/.terragrunt-stack/<path>`,
// `<stack>/<path>` with no_dot_terragrunt_stack, and a nested stack's units below its folder.
TEST(TerragruntStackUnits, GeneratedUnitsAreDependencyTargets) {
  const MemorySnapshot tree({
      {"units/vpc/terragrunt.hcl", ""},
      {"stacks/prod/terragrunt.stack.hcl",
       "unit \"vpc\" {\n  source = \"../../units/vpc\"\n  path = \"vpc\"\n}\n"
       "unit \"db\" {\n  source = \"git::https://example.com/c.git//units/db?ref=v1\"\n"
       "  path = \"data/db\"\n  no_dot_terragrunt_stack = true\n}\n"
       "stack \"svc\" {\n  source = \"../../catalog/svc\"\n  path = \"svc\"\n}\n"},
      {"catalog/svc/terragrunt.stack.hcl",
       "unit \"api\" {\n  source = \"../../units/vpc\"\n  path = \"api\"\n}\n"},
      {"stacks/prod/app/terragrunt.hcl",
       "dependency \"vpc\" {\n  config_path = \"../.terragrunt-stack/vpc\"\n}\n"
       "dependency \"db\" {\n  config_path = \"../data/db\"\n}\n"
       "dependency \"api\" {\n  config_path = "
       "\"../.terragrunt-stack/svc/.terragrunt-stack/api\"\n}\n"
       "dependency \"typo\" {\n  config_path = \"../.terragrunt-stack/vcp\"\n}\n"},  // 11:17
      // A unit whose place is computed: nothing under that stack's folder can be proven missing.
      {"other/terragrunt.stack.hcl",
       "unit \"x\" {\n  source = \"../units/vpc\"\n  path = \"${get_env(\"ENV\", "
       "\"dev\")}/x\"\n}\n"},
      {"other/app/terragrunt.hcl",
       "dependency \"x\" {\n  config_path = \"../.terragrunt-stack/dev/x\"\n}\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/dependency-path"),
            (V{"stacks/prod/app/terragrunt.hcl:11:17 terragrunt/dependency-path"}));
  // The stack changed (it may no longer generate the unit): its dependents are judged again.
  EXPECT_EQ(
      check_tree(tree, {"stacks/prod/terragrunt.stack.hcl"}, {}, "terragrunt/dependency-path"),
      (V{"stacks/prod/app/terragrunt.hcl:11:17 terragrunt/dependency-path"}));
  EXPECT_EQ(check_tree(tree, {"units/vpc/terragrunt.hcl"}, {}, "terragrunt/dependency-path"), V{});
}

// A unit a stack generates from a local source is judged where it is generated
// (`<stack>/.terragrunt-stack/<path>`, or `<stack>/<path>` with no_dot_terragrunt_stack), with
// the block's values: findings at the block (at the `values` member a path came from).
const Files kStackTree = {
    {"live/root.hcl", "locals {}\n"},
    {"modules/db/main.tf", ""},
    {"units/vpc/terragrunt.hcl", kRootInclude},
    {"units/db/terragrunt.hcl",
     std::string(kRootInclude) +                                            // 1-3
         "dependency \"vpc\" {\n  config_path = values.vpc_path\n}\n"       // 4-6
         "terraform {\n  source = \"../../../../modules//db\"\n}\n"         // 7-9
         "inputs = { name = values.name, tier = try(values.tier, 1) }\n"},  // 10
    {"units/app/terragrunt.hcl",
     "terraform {\n  source = \"${get_terragrunt_dir()}/../../../modules/app\"\n}\n"},
    {"live/prod/terragrunt.stack.hcl",
     "unit \"vpc\" {\n  source = \"../../units/vpc\"\n  path = \"vpc\"\n}\n"    // 1-4
     "unit \"db\" {\n  source = \"../../units/db\"\n  path = \"db\"\n"          // 5-7
     "  values = {\n    vpc_path = \"../vpc\"\n    name = \"db\"\n  }\n}\n"     // 8-12
     "unit \"db2\" {\n  source = \"../../units/db\"\n  path = \"db2\"\n"        // 13-15
     "  values = {\n    vpc_path = \"../vcp\"\n  }\n}\n"                        // 16-19
     "unit \"app\" {\n  source = \"../../units/app\"\n  path = \"app\"\n}\n"},  // 20-23
    // No root.hcl above other/; generated at other/db.
    {"other/terragrunt.stack.hcl",
     "unit \"db\" {\n  source = \"../units/db\"\n  path = \"db\"\n"
     "  no_dot_terragrunt_stack = true\n  values = {\n    vpc_path = \"../vpc\"\n"
     "    name = \"x\"\n  }\n}\n"},
};

TEST(TerragruntStackInstances, GeneratedUnitsAreJudgedWhereGenerated) {
  const MemorySnapshot tree(kStackTree);
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/"),
            (V{"live/prod/terragrunt.stack.hcl:17:16 terragrunt/dependency-path",
               "live/prod/terragrunt.stack.hcl:20:1 terragrunt/source-path",
               "live/prod/terragrunt.stack.hcl:16:3 terragrunt/stack-values",
               "other/terragrunt.stack.hcl:1:1 terragrunt/include-path",
               "other/terragrunt.stack.hcl:6:16 terragrunt/dependency-path"}));
  // The message names the block, the unit source, where it is generated and the reference.
  const FindingList found = testing::check_tree_findings(tree, {}, {}, "terragrunt/include-path");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message,
            "unit \"db\" generates units/db at other/db: include \"root\": "
            "find_in_parent_folders(\"root.hcl\") finds no such file in any folder above "
            "\"other/db\"; add it or fix the name (units/db/terragrunt.hcl:2:10)");
}

TEST(TerragruntStackInstances, APushReJudgesTheStacksItsChangeReaches) {
  const MemorySnapshot tree(kStackTree);
  // The unit source changed: every stack generating it is judged again.
  EXPECT_EQ(check_tree(tree, {"units/db/terragrunt.hcl"}, {}, "terragrunt/"),
            (V{"live/prod/terragrunt.stack.hcl:17:16 terragrunt/dependency-path",
               "live/prod/terragrunt.stack.hcl:16:3 terragrunt/stack-values",
               "other/terragrunt.stack.hcl:1:1 terragrunt/include-path",
               "other/terragrunt.stack.hcl:6:16 terragrunt/dependency-path"}));
  // One stack changed: only its blocks.
  EXPECT_EQ(check_tree(tree, {"other/terragrunt.stack.hcl"}, {}, "terragrunt/"),
            (V{"other/terragrunt.stack.hcl:1:1 terragrunt/include-path",
               "other/terragrunt.stack.hcl:6:16 terragrunt/dependency-path"}));
  // A change no generated reference reaches.
  EXPECT_EQ(check_tree(tree, {"units/vpc/terragrunt.hcl"}, {}, "terragrunt/"), V{});
  // root.hcl deleted: the units generated below live/ lose their include.
  Files without_root = kStackTree;
  without_root.erase("live/root.hcl");
  EXPECT_EQ(
      check_tree(MemorySnapshot(without_root), {}, {"live/root.hcl"}, "terragrunt/include-path"),
      (V{"live/prod/terragrunt.stack.hcl:1:1 terragrunt/include-path",
         "live/prod/terragrunt.stack.hcl:5:1 terragrunt/include-path",
         "live/prod/terragrunt.stack.hcl:13:1 terragrunt/include-path"}));
}

// The values contract: only literal values objects, plain values.NAME reads outside try/can.
TEST(TerragruntStackValues, KeysTheUnitReadsMustBeSet) {
  const MemorySnapshot tree({
      {"units/opt/terragrunt.hcl",
       "inputs = {\n  a = try(values.a, 1)\n  b = can(values.b) ? values.b : 2\n"
       "  c = values.c\n  d = values[\"d\"]\n}\n"},
      {"units/dyn/terragrunt.hcl",
       "inputs = {\n  x = lookup(values, \"x\", 1)\n  y = values.y\n}\n"},
      // A nested stack: its own values.* reads are judged against the stack block.
      {"stacks/svc/terragrunt.stack.hcl",
       "unit \"api\" {\n  source = \"./api\"\n  path = \"api\"\n  values = { name = values.name "
       "}\n}\n"},
      {"stacks/svc/api/terragrunt.hcl", "inputs = { name = values.name, port = values.port }\n"},
      {"live/terragrunt.stack.hcl",
       "unit \"opt\" {\n  source = \"../units/opt\"\n  path = \"opt\"\n  values = { c = 1 }\n}\n"
       "unit \"dyn\" {\n  source = \"../units/dyn\"\n  path = \"dyn\"\n  values = {}\n}\n"
       "unit \"merged\" {\n  source = \"../units/opt\"\n  path = \"m\"\n"
       "  values = merge(local.x, {})\n}\n"
       "unit \"none\" {\n  source = \"../units/opt\"\n  path = \"none\"\n  values = {}\n}\n"
       "stack \"svc\" {\n  source = \"../stacks/svc\"\n  path = \"svc\"\n"
       "  values = { env = \"prod\" }\n}\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, "terragrunt/stack-values"),
            (V{"live/terragrunt.stack.hcl:19:3 terragrunt/stack-values",
               "live/terragrunt.stack.hcl:24:3 terragrunt/stack-values",
               "stacks/svc/terragrunt.stack.hcl:4:3 terragrunt/stack-values"}));
}

}  // namespace
}  // namespace pushgate
