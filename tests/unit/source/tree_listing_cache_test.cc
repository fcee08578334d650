// The kept tree listing (core/source/tree_listing_cache.h): a listing patched with a tree diff is
// the new tree's whole listing, entry by entry, for random trees and random changes; a missing,
// corrupt, stale or foreign listing, or a change that does not fit it, falls back to the whole
// listing.
#include "core/source/tree_listing_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "core/git/library.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::TempRepo;
using testing::write_file;
using Listed = TreeListingCache::Listed;

// A tree as a map from path to (mode, id): what list_tree gives, sorted.
using Model = std::map<std::string, std::pair<EntryMode, std::string>>;

std::vector<Entry> listing_of(const Model& model) {
  std::vector<Entry> entries;
  for (const auto& [path, value] : model) {
    Entry e;
    e.path = path;
    e.mode = value.first;
    e.id = value.second;
    entries.push_back(std::move(e));
  }
  return entries;
}

// What diff_trees gives between two trees: the entries of `after` that `before` lacks or holds
// otherwise (with sizes, as diff_trees reads them), and the paths only `before` has.
void diff_of(const Model& before, const Model& after, std::vector<Entry>& changed,
             std::vector<std::string>& deleted) {
  for (const Entry& e : listing_of(after)) {
    auto it = before.find(e.path);
    if (it == before.end() || it->second != std::make_pair(e.mode, e.id)) {
      Entry with_size = e;
      with_size.size = 7;
      with_size.size_known = true;
      changed.push_back(std::move(with_size));
    }
  }
  for (const auto& [path, value] : before) {
    if (!after.contains(path)) deleted.push_back(path);
  }
}

void expect_same_listing(const std::vector<Entry>& got, const std::vector<Entry>& want,
                         const std::string& where) {
  ASSERT_EQ(got.size(), want.size()) << where;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].path, want[i].path) << where;
    EXPECT_EQ(got[i].mode, want[i].mode) << where << " " << want[i].path;
    EXPECT_EQ(got[i].id, want[i].id) << where << " " << want[i].path;
    EXPECT_EQ(got[i].size, want[i].size) << where << " " << want[i].path;
    EXPECT_EQ(got[i].size_known, want[i].size_known) << where << " " << want[i].path;
  }
}

// Random changes to a tree: files added at random depths (over a folder or a file: a folder
// becomes a file and back), removed, renamed, given other content or another mode, and whole
// folders removed. Names that sort around '/' ("a", "a.b", "a-b", "a/…") on purpose.
class Changer {
 public:
  Changer(unsigned seed, std::vector<std::string> blobs)
      : random_(seed), blobs_(std::move(blobs)) {}

  std::string random_path() {
    static const std::vector<std::string> names = {"a", "a.b", "a-b", "b", "ab", "c d", "z"};
    std::string path;
    const int depth = 1 + static_cast<int>(random_() % 4);
    for (int i = 0; i < depth; ++i) {
      if (i > 0) path += "/";
      path += names[random_() % names.size()];
    }
    return path;
  }
  std::pair<EntryMode, std::string> random_value() {
    const unsigned pick = random_() % 10;
    if (pick == 0) return {EntryMode::kSubmodule, "2222222222222222222222222222222222222222"};
    const EntryMode mode = pick == 1   ? EntryMode::kSymlink
                           : pick == 2 ? EntryMode::kExecutable
                                       : EntryMode::kFile;
    return {mode, blobs_[random_() % blobs_.size()]};
  }
  // Puts `value` at `path`, removing what stands in its way (a file where a folder goes, a
  // folder where the file goes), as a commit of such a tree would.
  static void put(Model& model, const std::string& path, std::pair<EntryMode, std::string> value) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      model.erase(path.substr(0, slash));
    }
    const std::string folder = path + "/";
    for (auto it = model.lower_bound(folder); it != model.end() && it->first.starts_with(folder);) {
      it = model.erase(it);
    }
    model[path] = std::move(value);
  }
  const std::string& any_path(const Model& model) {
    auto it = model.begin();
    std::advance(it, static_cast<long>(random_() % model.size()));
    return it->first;
  }
  void change(Model& model, int operations) {
    for (int i = 0; i < operations; ++i) {
      const unsigned op = random_() % 7;
      if (model.empty() || op <= 1) {
        put(model, random_path(), random_value());
      } else if (op == 2) {
        model.erase(any_path(model));
      } else if (op == 3) {  // rename
        const std::string from = any_path(model);
        const auto value = model[from];
        model.erase(from);
        put(model, random_path(), value);
      } else if (op == 4) {  // another mode, same content
        auto& value = model[any_path(model)];
        if (value.first == EntryMode::kSubmodule) continue;
        value.first = value.first == EntryMode::kFile ? EntryMode::kExecutable : EntryMode::kFile;
      } else if (op == 5) {
        model[any_path(model)] = random_value();
      } else {  // a whole folder
        const std::string path = any_path(model);
        const std::size_t slash = path.find('/');
        if (slash == std::string::npos) continue;
        const std::string folder = path.substr(0, slash + 1);
        for (auto it = model.lower_bound(folder);
             it != model.end() && it->first.starts_with(folder);) {
          it = model.erase(it);
        }
      }
    }
  }
  unsigned next() { return static_cast<unsigned>(random_()); }

 private:
  std::mt19937 random_;
  std::vector<std::string> blobs_;
};

const std::vector<std::string> kIds = {"1111111111111111111111111111111111111111",
                                       "3333333333333333333333333333333333333333",
                                       "abcdefabcdefabcdefabcdefabcdefabcdefabcd"};

TEST(PatchListing, EqualsTheNewListingForRandomTreesAndChanges) {
  Changer changer(15, kIds);
  for (int round = 0; round < 400; ++round) {
    Model before;
    changer.change(before, 1 + static_cast<int>(changer.next() % 60));
    Model after = before;
    changer.change(after, 1 + static_cast<int>(changer.next() % 12));
    std::vector<Entry> changed;
    std::vector<std::string> deleted;
    diff_of(before, after, changed, deleted);
    std::optional<std::vector<Entry>> patched = patch_listing(listing_of(before), changed, deleted);
    ASSERT_TRUE(patched) << "round " << round;
    expect_same_listing(*patched, listing_of(after), "round " + std::to_string(round));
  }
}

TEST(PatchListing, AChangeThatDoesNotFitTheListingIsRefused) {
  Model tree = {{"a/b.yaml", {EntryMode::kFile, kIds[0]}}, {"c.yaml", {EntryMode::kFile, kIds[1]}}};
  auto patch = [&](std::vector<Entry> changed, std::vector<std::string> deleted) {
    return patch_listing(listing_of(tree), changed, deleted);
  };
  Entry file;
  file.id = kIds[2];
  EXPECT_FALSE(patch({}, {"nope.yaml"}));  // deletes what the listing lacks
  file.path = "a";                         // a file where the listing has a folder
  EXPECT_FALSE(patch({file}, {}));
  file.path = "c.yaml/d.yaml";  // a file under a file
  EXPECT_FALSE(patch({file}, {}));
  file.path = "c.yaml";  // both changed and deleted
  EXPECT_FALSE(patch({file}, {"c.yaml"}));
  Entry other = file;
  other.path = "b.yaml";
  EXPECT_FALSE(patch({file, other}, {}));  // unsorted
  EXPECT_FALSE(patch({}, {"c.yaml", "a/b.yaml"}));
  // What fits: the folder replaced by a file once its files are deleted.
  file.path = "a";
  std::optional<std::vector<Entry>> fits = patch({file}, {"a/b.yaml"});
  ASSERT_TRUE(fits);
  EXPECT_EQ(testing::paths_of(*fits), (std::vector<std::string>{"a", "c.yaml"}));
}

TEST(TreeListingFile, RoundTripsAndRejectsEveryFlippedByte) {
  Model tree = {{"a/b.yaml", {EntryMode::kFile, kIds[0]}},
                {"a/bc.yaml", {EntryMode::kExecutable, kIds[1]}},
                {"link", {EntryMode::kSymlink, kIds[2]}},
                {"vendor/sub", {EntryMode::kSubmodule, kIds[1]}}};
  const std::string tree_id = "4444444444444444444444444444444444444444";
  const std::string bytes = encode_tree_listing(tree_id, listing_of(tree));
  Result<std::vector<Entry>> back = decode_tree_listing(bytes, tree_id);
  ASSERT_TRUE(back) << back.error().message;
  expect_same_listing(back.value(), listing_of(tree), "round trip");
  Result<std::vector<Entry>> foreign =
      decode_tree_listing(bytes, "5555555555555555555555555555555555555555");
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x20);
    EXPECT_FALSE(decode_tree_listing(flipped, tree_id)) << "byte " << i;
  }
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(decode_tree_listing(bytes.substr(0, n), tree_id)) << "first " << n << " bytes";
  }
  EXPECT_FALSE(decode_tree_listing(bytes + "x", tree_id));
}

// A repository whose commits are built from models: `git update-index --index-info` then
// write-tree and commit-tree, so that modes, gitlinks and file/folder swaps are exact.
class ListingRepo {
 public:
  ListingRepo() {
    for (const char* content : {"one\n", "two\n", "three\n", "kind: Pod\n"}) {
      blobs.push_back(work.git({"hash-object", "-w", "--stdin"}, content));
    }
  }
  std::string commit(const Model& model, const std::string& parent) {
    work.git({"read-tree", "--empty"});
    std::string info;
    for (const auto& [path, value] : model) {
      const char* mode = value.first == EntryMode::kFile         ? "100644"
                         : value.first == EntryMode::kExecutable ? "100755"
                         : value.first == EntryMode::kSymlink    ? "120000"
                                                                 : "160000";
      info += std::string(mode) + " " + value.second + "\t" + path + "\n";
    }
    if (!info.empty()) work.git({"update-index", "--index-info"}, info);
    const std::string tree = work.git({"write-tree"});
    std::vector<std::string> args = {"commit-tree", tree, "-m", "step"};
    if (!parent.empty()) args.insert(args.end(), {"-p", parent});
    return work.git(args);
  }
  Repository repo() const {
    Result<Repository> opened = Repository::open(work.path());
    EXPECT_TRUE(opened) << opened.error().message;
    return opened.value();
  }

  GitLibrary library;
  TempRepo work = TempRepo::init();
  std::vector<std::string> blobs;
};

// The push path end to end: each step is a new hook process (a new cache read from the file),
// its tree diff from diff_trees, its listing patched and compared with list_tree's.
TEST(TreeListingCache, PatchedListingEqualsListTreeOnRandomCommits) {
  ListingRepo f;
  const Repository repo = f.repo();
  const std::string path = tree_listing_path(repo.git_dir());
  Changer changer(9, f.blobs);
  Model model;
  changer.change(model, 30);
  std::string previous = f.commit(model, "");
  {
    TreeListingCache first(path);
    auto snap = first.open(repo, previous, "", "", {}, {});
    ASSERT_TRUE(snap) << snap.error().message;
    EXPECT_EQ(first.last(), Listed::kFull);  // no base to patch
    ASSERT_TRUE(first.save());
  }
  int patched = 0;
  for (int step = 0; step < 40; ++step) {
    changer.change(model, 1 + static_cast<int>(changer.next() % 6));
    const std::string commit = f.commit(model, previous);
    Result<TreeChanges> diff = repo.diff_trees(previous, commit);
    ASSERT_TRUE(diff) << diff.error().message;
    TreeListingCache cache(path);
    auto snap = cache.open(repo, commit, "refs/heads/main", previous, diff.value().changed,
                           diff.value().deleted);
    ASSERT_TRUE(snap) << snap.error().message;
    // Patched, or taken as it is when the tree is one of the two kept (a change undone).
    EXPECT_NE(cache.last(), Listed::kFull) << "step " << step << ": " << cache.problem();
    if (cache.last() == Listed::kPatched) ++patched;
    EXPECT_EQ(snap.value()->commit(), commit);
    Result<std::vector<Entry>> full = repo.list_tree(commit);
    ASSERT_TRUE(full) << full.error().message;
    expect_same_listing(snap.value()->entries(), full.value(), "step " + std::to_string(step));
    ASSERT_TRUE(cache.save());
    previous = commit;
  }
  EXPECT_GE(patched, 30);  // the walk patched, it did not just find its trees again
}

// Every-commit mode: one cache patches a chain of commits from what it listed last.
TEST(TreeListingCache, ACacheChainsItsListingsInMemory) {
  ListingRepo f;
  const Repository repo = f.repo();
  TempDir elsewhere;
  TreeListingCache cache(elsewhere / "listing");
  Changer changer(4, f.blobs);
  Model model;
  changer.change(model, 20);
  std::string previous = f.commit(model, "");
  ASSERT_TRUE(cache.open(repo, previous, "", "", {}, {}));
  for (int step = 0; step < 5; ++step) {
    changer.change(model, 3);
    const std::string commit = f.commit(model, previous);
    Result<TreeChanges> diff = repo.diff_trees(previous, commit);
    ASSERT_TRUE(diff);
    auto snap = cache.open(repo, commit, "", previous, diff.value().changed, diff.value().deleted);
    ASSERT_TRUE(snap);
    EXPECT_NE(cache.last(), Listed::kFull) << cache.problem();
    expect_same_listing(snap.value()->entries(), repo.list_tree(commit).value(), "chain");
    previous = commit;
  }
  EXPECT_FALSE(std::filesystem::exists(elsewhere / "listing"));  // written by save() only
  ASSERT_TRUE(cache.save());
  EXPECT_FALSE(cache.save().value());  // nothing new to write
}

// Two hooks at once: each writes its listing while a third reads. Every read finds whole
// listings (taken as they are, equal to the full listing) or falls back; none is half written.
TEST(TreeListingCache, ConcurrentWritersLeaveWholeListings) {
  ListingRepo f;
  const Repository repo = f.repo();
  const std::string path = tree_listing_path(repo.git_dir());
  Changer changer(21, f.blobs);
  Model model;
  changer.change(model, 200);
  const std::string one = f.commit(model, "");
  changer.change(model, 20);
  const std::string two = f.commit(model, one);
  auto writer = [&](const std::string& commit) {
    for (int i = 0; i < 30; ++i) {
      std::filesystem::remove(path);  // so that each round lists and writes again
      TreeListingCache cache(path);
      EXPECT_TRUE(cache.open(repo, commit, "", "", {}, {}));
      EXPECT_TRUE(cache.save());
    }
  };
  int taken = 0;
  auto read_both = [&] {
    for (const std::string& commit : {one, two}) {
      TreeListingCache cache(path);
      auto snap = cache.open(repo, commit, "", "", {}, {});
      ASSERT_TRUE(snap);
      if (cache.last() == Listed::kCached) ++taken;
      const std::string why = cache.last() == Listed::kFull ? cache.problem() : "";
      EXPECT_TRUE(why.empty() || why == "no listing kept" || why == "no base commit to patch from")
          << why;
      expect_same_listing(snap.value()->entries(), repo.list_tree(commit).value(), "read");
    }
  };
  std::thread first(writer, one);
  std::thread second(writer, two);
  for (int i = 0; i < 60; ++i) read_both();
  first.join();
  second.join();
  taken = 0;
  read_both();
  EXPECT_EQ(taken, 1);  // the last rename's listing, whole
}

// What a cache must not be trusted for: each case lists the whole tree, correctly, and says why.
class TreeListingFallback : public ::testing::Test {
 protected:
  void SetUp() override {
    before = f.commit({{"apps/a.yaml", {EntryMode::kFile, f.blobs[0]}},
                       {"apps/b.yaml", {EntryMode::kFile, f.blobs[1]}},
                       {"README", {EntryMode::kFile, f.blobs[2]}}},
                      "");
    after = f.commit({{"apps/a.yaml", {EntryMode::kFile, f.blobs[3]}},
                      {"README", {EntryMode::kFile, f.blobs[2]}}},
                     before);
    diff = repo.diff_trees(before, after).value();
    TreeListingCache writer(path);
    ASSERT_TRUE(writer.open(repo, before, "", "", {}, {}));
    ASSERT_TRUE(writer.save());
  }
  // Opens `after` on top of `before` as the next push would; expects the whole listing.
  std::string fallback_problem() {
    TreeListingCache cache(path);
    auto snap = cache.open(repo, after, "", before, diff.changed, diff.deleted);
    EXPECT_TRUE(snap);
    if (!snap) return "";
    EXPECT_EQ(cache.last(), Listed::kFull);
    expect_same_listing(snap.value()->entries(), repo.list_tree(after).value(), "fallback");
    // The whole listing replaces the bad one: the push after it patches again.
    EXPECT_TRUE(cache.save());
    TreeListingCache again(path);
    EXPECT_TRUE(again.open(repo, after, "", before, diff.changed, diff.deleted));
    EXPECT_EQ(again.last(), Listed::kCached) << again.problem();
    return cache.problem();
  }

  ListingRepo f;
  Repository repo = f.repo();
  std::string path = tree_listing_path(repo.git_dir());
  std::string before;
  std::string after;
  TreeChanges diff;
};

TEST_F(TreeListingFallback, AnIntactListingIsPatched) {
  TreeListingCache cache(path);
  auto snap = cache.open(repo, after, "", before, diff.changed, diff.deleted);
  ASSERT_TRUE(snap);
  EXPECT_EQ(cache.last(), Listed::kPatched) << cache.problem();
  EXPECT_EQ(testing::paths_of(snap.value()->entries()),
            (std::vector<std::string>{"README", "apps/a.yaml"}));
}

// The listing of `after` is kept, and that of `before` beside it: when the push of `after` is
// rejected, the next push from `before` patches too.
TEST_F(TreeListingFallback, APushAfterARejectedOneStillPatches) {
  {
    TreeListingCache rejected(path);
    ASSERT_TRUE(rejected.open(repo, after, "", before, diff.changed, diff.deleted));
    ASSERT_TRUE(rejected.save());
  }
  const std::string retry = f.commit({{"apps/a.yaml", {EntryMode::kExecutable, f.blobs[0]}},
                                      {"apps/b.yaml/c", {EntryMode::kFile, f.blobs[1]}},
                                      {"README", {EntryMode::kFile, f.blobs[2]}}},
                                     before);
  TreeChanges retry_diff = repo.diff_trees(before, retry).value();
  TreeListingCache cache(path);
  auto snap = cache.open(repo, retry, "", before, retry_diff.changed, retry_diff.deleted);
  ASSERT_TRUE(snap);
  EXPECT_EQ(cache.last(), Listed::kPatched) << cache.problem();
  expect_same_listing(snap.value()->entries(), repo.list_tree(retry).value(), "retry");
  // And the push after it (accepted: its base is `retry`).
  ASSERT_TRUE(cache.save());
  TreeListingCache next(path);
  ASSERT_TRUE(next.open(repo, after, "", retry, repo.diff_trees(retry, after).value().changed,
                        repo.diff_trees(retry, after).value().deleted));
  EXPECT_EQ(next.last(), Listed::kPatched) << next.problem();
}

TEST_F(TreeListingFallback, AMissingListing) {
  std::filesystem::remove(path);
  EXPECT_EQ(fallback_problem(), "no listing kept");
}

TEST_F(TreeListingFallback, ACorruptListing) {
  std::string bytes = read_file(path);
  bytes[bytes.size() - 20] = static_cast<char>(bytes[bytes.size() - 20] ^ 1);
  write_file(path, bytes);
  EXPECT_EQ(fallback_problem(), "checksum mismatch");
}

TEST_F(TreeListingFallback, ATruncatedListing) {
  write_file(path, read_file(path).substr(0, 30));
  EXPECT_FALSE(fallback_problem().empty());
}

TEST_F(TreeListingFallback, AListingOfAnotherVersion) {
  std::string bytes = read_file(path);
  bytes[16] = '9';  // the first byte of the version
  write_file(path, bytes);
  EXPECT_NE(fallback_problem().find("written by pushgate 9"), std::string::npos);
}

TEST_F(TreeListingFallback, AListingOfAnotherTree) {
  write_file(path, encode_tree_listing("6666666666666666666666666666666666666666", {}));
  EXPECT_EQ(fallback_problem(), "the listing kept is of another tree");
}

// Intact and of the base's tree, yet not that tree's listing (it lacks a file the change
// deletes): the change does not fit, and nothing of it is used.
TEST_F(TreeListingFallback, AListingThatLies) {
  const std::string base_tree = repo.read_commit(before).value().tree;
  std::vector<Entry> lying = repo.list_tree(before).value();
  std::erase_if(lying, [](const Entry& e) { return e.path == "apps/b.yaml"; });
  write_file(path, encode_tree_listing(base_tree, lying));
  EXPECT_EQ(fallback_problem(), "the change does not fit the listing kept");
}

TEST_F(TreeListingFallback, AFolderWhereTheListingShouldBe) {
  std::filesystem::remove(path);
  std::filesystem::create_directories(path);
  TreeListingCache cache(path);
  auto snap = cache.open(repo, after, "", before, diff.changed, diff.deleted);
  ASSERT_TRUE(snap);
  EXPECT_EQ(cache.last(), Listed::kFull);
  expect_same_listing(snap.value()->entries(), repo.list_tree(after).value(), "folder");
  EXPECT_FALSE(cache.save());  // cannot replace a folder: an error, not a crash
}

TEST_F(TreeListingFallback, AnUnknownCommitIsAnError) {
  TreeListingCache cache(path);
  EXPECT_FALSE(cache.open(repo, "7777777777777777777777777777777777777777", "", before, {}, {}));
}

}  // namespace
}  // namespace pushgate
