#include "core/tree/tree_view.h"

#include <gtest/gtest.h>

#include "core/tree/change_set.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::MemorySnapshot;

TEST(TreeView, ListsFilesAndFolders) {
  const MemorySnapshot snap({{"base/deploy.yaml", "kind: A\n"},
                             {"base-extra.yaml", "x: 1\n"},
                             {"base/sub/k.yaml", "y: 2\n"},
                             {"vendor/lib", "submodule:"}});
  const TreeView tree(snap, ParseLimits{});
  EXPECT_TRUE(tree.has_file("base/deploy.yaml"));
  EXPECT_FALSE(tree.has_file("base"));
  EXPECT_TRUE(tree.has_directory("base"));
  EXPECT_TRUE(tree.has_directory("base/sub"));
  EXPECT_TRUE(tree.has_directory(""));
  EXPECT_FALSE(tree.has_directory("bas"));
  EXPECT_FALSE(tree.has_directory("base/deploy.yaml"));
  ASSERT_EQ(tree.under("base").size(), 2u);  // not base-extra.yaml
  EXPECT_EQ(tree.under("base")[0].path, "base/deploy.yaml");
  EXPECT_EQ(tree.under("").size(), 4u);
  EXPECT_NE(tree.submodule_of("vendor/lib/chart/values.yaml"), nullptr);
  EXPECT_NE(tree.submodule_of("vendor/lib"), nullptr);
  EXPECT_EQ(tree.submodule_of("base/deploy.yaml"), nullptr);
  EXPECT_EQ(tree.submodule_of("base/deploy.yaml/x"), nullptr);
}

TEST(TreeView, ParsesOnDemandOnce) {
  const MemorySnapshot snap({{"a.yaml", "kind: A\n---\nkind: B\n"},
                             {"b.json", "{\"k\": 1}"},
                             {"bad.yaml", "a: [\n"},
                             {"link.yaml", "symlink:a.yaml"}});
  const TreeView tree(snap, ParseLimits{});
  const TreeFile* a = tree.file("a.yaml");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->parsed);
  EXPECT_EQ(a->parsed->documents.size(), 2u);
  EXPECT_EQ(tree.file("a.yaml"), a);  // cached: the same object
  const TreeFile* b = tree.file("b.json");
  ASSERT_TRUE(b && b->parsed);
  EXPECT_EQ(b->parsed->format, FileFormat::kJson);
  const TreeFile* bad = tree.file("bad.yaml");
  ASSERT_TRUE(bad && bad->parsed);
  EXPECT_FALSE(bad->parsed->findings.empty());  // parsed, with its syntax error
  const TreeFile* link = tree.file("link.yaml");
  ASSERT_NE(link, nullptr);
  EXPECT_FALSE(link->parsed);  // symlinks are listed, never followed
  EXPECT_EQ(tree.file("missing.yaml"), nullptr);
}

// HCL files are read once per run for every whole-tree rule; a file the run read already is lent
// to the view and not read again.
TEST(TreeView, ReadsHclOnceAndAdoptsTheRunsParse) {
  const MemorySnapshot snap({{"main.tf", "variable \"x\" {}\n"},
                             {"bad.tf", "a = \n"},
                             {"lent.hcl", "locals {}\n"},
                             {"link.tf", "symlink:main.tf"}});
  TreeView tree(snap, ParseLimits{});
  const HclFile lent = parse_hcl("lent.hcl", "inputs = {}\n", HclLimits{});
  tree.adopt_hcl(lent);
  const HclFile* main = tree.hcl("main.tf");
  ASSERT_NE(main, nullptr);
  ASSERT_EQ(main->body.blocks.size(), 1u);
  EXPECT_EQ(main->body.blocks[0].type, "variable");
  EXPECT_EQ(tree.hcl("main.tf"), main);    // cached: the same object
  EXPECT_EQ(tree.hcl("lent.hcl"), &lent);  // the run's own parse, not the snapshot's bytes
  const HclFile* bad = tree.hcl("bad.tf");
  ASSERT_NE(bad, nullptr);
  EXPECT_FALSE(bad->complete);
  EXPECT_EQ(tree.hcl("link.tf"), nullptr);
  EXPECT_EQ(tree.hcl("missing.tf"), nullptr);
  ParseLimits small;
  small.max_bytes = 5;
  const TreeView limited(snap, small);
  EXPECT_EQ(limited.hcl("main.tf"), nullptr);  // over files.max_size: hcl/too-large says so
}

TEST(TreeView, RefusesFilesOverTheSizeLimit) {
  const MemorySnapshot snap({{"big.yaml", std::string(100, 'a') + ": 1\n"}});
  ParseLimits limits;
  limits.max_bytes = 10;
  const TreeView tree(snap, limits);
  const TreeFile* big = tree.file("big.yaml");
  ASSERT_NE(big, nullptr);
  EXPECT_FALSE(big->parsed);
  EXPECT_NE(big->error.find("max_size"), std::string::npos);
}

TEST(TreePath, ResolvesRelativePaths) {
  EXPECT_EQ(resolve_tree_path("apps/prod", "../base"), "apps/base");
  EXPECT_EQ(resolve_tree_path("apps/prod", "./deploy.yaml"), "apps/prod/deploy.yaml");
  EXPECT_EQ(resolve_tree_path("", "a//b/./c"), "a/b/c");
  EXPECT_EQ(resolve_tree_path("apps", ".."), "");
  EXPECT_EQ(resolve_tree_path("apps", "../.."), std::nullopt);
  EXPECT_EQ(resolve_tree_path("", "../x"), std::nullopt);
  EXPECT_EQ(resolve_tree_path("apps", "/etc/passwd"), std::nullopt);
  EXPECT_EQ(parent_folder("a/b/c.yaml"), "a/b");
  EXPECT_EQ(parent_folder("c.yaml"), "");
}

TEST(ChangeSet, TouchesPathsAndFolders) {
  std::vector<Entry> changed(1);
  changed[0].path = "apps/base/deploy.yaml";
  const std::vector<std::string> deleted = {"infra/old.yaml"};
  const ChangeSet changes(changed, deleted);
  EXPECT_TRUE(changes.contains("infra/old.yaml"));
  EXPECT_FALSE(changes.contains("infra"));
  EXPECT_TRUE(changes.touches("apps/base"));
  EXPECT_TRUE(changes.touches("apps"));
  EXPECT_TRUE(changes.touches("infra/old.yaml"));
  EXPECT_FALSE(changes.touches("apps/bas"));
  EXPECT_FALSE(changes.touches("apps/base/deploy"));
  EXPECT_TRUE(changes.touches(""));
  EXPECT_TRUE(ChangeSet({}, {}).empty());
}

}  // namespace
}  // namespace pushgate
