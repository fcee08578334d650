// Repository::entries_at (core/git/repository_objects.cc): the entries of a commit at given paths,
// found along each path's trees, as a push reads what it replaced or deleted without listing the
// tree before it. GitTreeSnapshot::at_paths, which serves it to the engine, is tested in
// tests/unit/source/git_snapshot_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/git/repository.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::entry_at;
using testing::paths_of;
using testing::TempRepo;
using Paths = std::vector<std::string>;

// A commit with every kind of entry: files at the root and nested, an executable, a symbolic
// link, a gitlink, and folders.
struct Fixture {
  TempRepo work = TempRepo::init();
  std::string head;
  Fixture() {
    work.write("a.yaml", "a: 1\n");
    work.write("b/c.yaml", "c: 1\n");
    work.write("b/d/e.yaml", "e: 1\n");
    work.write("b/d/f g.yaml", "f: 1\n");
    work.write("run.sh", "#!/bin/sh\n");
    std::filesystem::permissions(work.path() + "/run.sh", std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    work.symlink("a.yaml", "link.yaml");
    work.git({"add", "-A"});
    work.git({"update-index", "--add", "--cacheinfo",
              "160000,3333333333333333333333333333333333333333,vendor/sub"});
    work.git({"commit", "-q", "-m", "all kinds"});
    head = work.head();
  }
  Repository repo() const {
    Result<Repository> opened = Repository::open(work.path());
    EXPECT_TRUE(opened) << opened.error().message;
    return std::move(opened).value();
  }
};

std::vector<Entry> at(const Repository& repo, const std::string& commit, const Paths& paths) {
  Result<std::vector<Entry>> entries = repo.entries_at(commit, paths);
  EXPECT_TRUE(entries) << entries.error().message;
  return entries ? entries.value() : std::vector<Entry>{};
}

TEST(RepositoryEntriesAt, PresentPathsHaveTheirModeAndBlobId) {
  const Fixture f;
  const Repository repo = f.repo();
  // Asked out of order: given back sorted by path, as list_tree sorts.
  const std::vector<Entry> entries = at(
      repo, f.head, {"run.sh", "b/d/e.yaml", "a.yaml", "vendor/sub", "link.yaml", "b/d/f g.yaml"});
  EXPECT_EQ(paths_of(entries),
            (Paths{"a.yaml", "b/d/e.yaml", "b/d/f g.yaml", "link.yaml", "run.sh", "vendor/sub"}));
  EXPECT_EQ(entry_at(entries, "a.yaml").mode, EntryMode::kFile);
  EXPECT_EQ(entry_at(entries, "a.yaml").id, f.work.git({"rev-parse", "HEAD:a.yaml"}));
  EXPECT_EQ(entry_at(entries, "b/d/e.yaml").id, f.work.git({"rev-parse", "HEAD:b/d/e.yaml"}));
  EXPECT_EQ(entry_at(entries, "run.sh").mode, EntryMode::kExecutable);
  EXPECT_EQ(entry_at(entries, "link.yaml").mode, EntryMode::kSymlink);
  EXPECT_EQ(entry_at(entries, "vendor/sub").mode, EntryMode::kSubmodule);
  EXPECT_EQ(entry_at(entries, "vendor/sub").id, "3333333333333333333333333333333333333333");
}

TEST(RepositoryEntriesAt, AbsentPathsAndFoldersAreLeftOut) {
  const Fixture f;
  const Repository repo = f.repo();
  // Absent at the root, below a folder, below a folder that does not exist, below a file.
  EXPECT_EQ(paths_of(at(repo, f.head, {"nope.yaml", "b/nope.yaml", "x/y/z.yaml", "a.yaml/c"})),
            Paths{});
  // A folder is no entry (a push replaces files, never folders).
  EXPECT_EQ(paths_of(at(repo, f.head, {"b", "b/d", "vendor", "a.yaml"})), Paths{"a.yaml"});
  EXPECT_EQ(paths_of(at(repo, f.head, {})), Paths{});
}

TEST(RepositoryEntriesAt, DeletedPathsAreFoundInTheCommitBeforeOnly) {
  Fixture f;
  const std::string before = f.head;
  f.work.remove("b/d/e.yaml");
  f.work.remove("a.yaml");
  f.work.write("b/d/new.yaml", "n: 1\n");
  const std::string after = f.work.commit_all("delete two, add one");
  const Repository repo = f.repo();
  const Paths touched = {"a.yaml", "b/d/e.yaml", "b/d/new.yaml"};
  const std::vector<Entry> old_entries = at(repo, before, touched);
  EXPECT_EQ(paths_of(old_entries), (Paths{"a.yaml", "b/d/e.yaml"}));
  EXPECT_EQ(entry_at(old_entries, "b/d/e.yaml").id,
            f.work.git({"rev-parse", before + ":b/d/e.yaml"}));
  EXPECT_EQ(paths_of(at(repo, after, touched)), Paths{"b/d/new.yaml"});
  // A folder emptied by the deletions is gone too; its sibling file stays.
  f.work.remove("b/d/f g.yaml");
  f.work.remove("b/d/new.yaml");
  const std::string emptied = f.work.commit_all("empty b/d");
  EXPECT_EQ(paths_of(at(repo, emptied, {"b/d/f g.yaml", "b/c.yaml"})), Paths{"b/c.yaml"});
}

// What entries_at gives is what list_tree gives at those paths, for any set of paths (present,
// absent, folders).
TEST(RepositoryEntriesAt, AgreesWithTheWholeListing) {
  const Fixture f;
  const Repository repo = f.repo();
  Result<std::vector<Entry>> listed = repo.list_tree(f.head);
  ASSERT_TRUE(listed) << listed.error().message;
  const Paths candidates = {"a.yaml",       "b",         "b/c.yaml", "b/d",        "b/d/e.yaml",
                            "b/d/f g.yaml", "link.yaml", "run.sh",   "vendor/sub", "vendor",
                            "nope",         "b/d/nope"};
  std::mt19937 random(5);
  for (int round = 0; round < 40; ++round) {
    Paths asked;
    for (const std::string& p : candidates) {
      if (random() % 3 == 0) asked.push_back(p);
    }
    std::shuffle(asked.begin(), asked.end(), random);
    std::vector<Entry> expected;
    for (const Entry& e : listed.value()) {
      if (std::find(asked.begin(), asked.end(), e.path) != asked.end()) expected.push_back(e);
    }
    const std::vector<Entry> got = at(repo, f.head, asked);
    ASSERT_EQ(paths_of(got), paths_of(expected)) << round;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].id, expected[i].id) << got[i].path;
      EXPECT_EQ(got[i].mode, expected[i].mode) << got[i].path;
    }
  }
}

TEST(RepositoryEntriesAt, AnUnknownCommitIsAnError) {
  const Fixture f;
  const Repository repo = f.repo();
  EXPECT_FALSE(repo.entries_at("4444444444444444444444444444444444444444", Paths{"a.yaml"}));
}

}  // namespace
}  // namespace pushgate
