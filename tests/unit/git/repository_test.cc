#include "core/git/repository.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "core/git/object_id.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::entry_at;
using testing::paths_of;
using testing::TempDir;
using testing::TempRepo;

TEST(Repository, OpenMissingPathIsNotFound) {
  TempDir dir;
  Result<Repository> repo = Repository::open(dir / "nothing-here");
  ASSERT_FALSE(repo);
  EXPECT_EQ(repo.error().code, ErrorCode::kNotFound);
  EXPECT_NE(repo.error().message.find("nothing-here"), std::string::npos);
}

TEST(Repository, Sha256RepositoryIsUnsupportedWithAClearMessage) {
  TempDir dir;
  testing::CommandResult init =
      testing::run_command({"git", "init", "-q", "--object-format=sha256", dir.path()}, dir.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  for (const std::string& path : {dir.path(), dir / ".git"}) {
    Result<Repository> repo = Repository::open(path);
    ASSERT_FALSE(repo) << path;
    EXPECT_EQ(repo.error().code, ErrorCode::kUnsupported);
    EXPECT_NE(repo.error().message.find("sha256"), std::string::npos) << repo.error().message;
  }
  Result<Repository> found = Repository::discover(dir.path());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kUnsupported);
}

TEST(Repository, DiscoverWalksUpFromASubdirectory) {
  TempRepo work = TempRepo::init();
  work.write("a/b/c.yaml", "x: 1\n");
  Result<Repository> repo = Repository::discover(work.path() + "/a/b");
  ASSERT_TRUE(repo) << repo.error().message;
  EXPECT_EQ(repo.value().work_dir(), work.path());
  EXPECT_EQ(repo.value().git_dir(), work.path() + "/.git");
  EXPECT_FALSE(repo.value().is_bare());
}

TEST(Repository, ListTreeHasEveryModeSortedByPath) {
  TempRepo work = TempRepo::init();
  work.write("b.yaml", "b: 1\n");
  work.write("a/deep/x.yaml", "x: 1\n");
  work.write("a.yaml", "a: 1\n");
  work.write("run.sh", "#!/bin/sh\n");
  std::filesystem::permissions(work.path() + "/run.sh", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  work.symlink("../outside.yaml", "link.yaml");
  work.git({"add", "-A"});
  const std::string sub_commit = "1111111111111111111111111111111111111111";
  work.git({"update-index", "--add", "--cacheinfo", "160000," + sub_commit + ",vendor/sub"});
  work.git({"commit", "-q", "-m", "all modes"});
  std::string head = work.head();

  Result<Repository> repo = Repository::open(work.path());
  ASSERT_TRUE(repo) << repo.error().message;
  Result<std::vector<Entry>> entries = repo.value().list_tree(head);
  ASSERT_TRUE(entries) << entries.error().message;
  EXPECT_EQ(paths_of(entries.value()),
            (std::vector<std::string>{"a.yaml", "a/deep/x.yaml", "b.yaml", "link.yaml", "run.sh",
                                      "vendor/sub"}));
  EXPECT_EQ(entry_at(entries.value(), "a.yaml").mode, EntryMode::kFile);
  EXPECT_EQ(entry_at(entries.value(), "run.sh").mode, EntryMode::kExecutable);
  EXPECT_EQ(entry_at(entries.value(), "link.yaml").mode, EntryMode::kSymlink);
  const Entry& sub = entry_at(entries.value(), "vendor/sub");
  EXPECT_EQ(sub.mode, EntryMode::kSubmodule);
  EXPECT_EQ(sub.id, sub_commit);
  EXPECT_EQ(entry_at(entries.value(), "a/deep/x.yaml").id,
            work.git({"rev-parse", "HEAD:a/deep/x.yaml"}));

  Result<std::string> target = repo.value().read_blob(entry_at(entries.value(), "link.yaml").id);
  ASSERT_TRUE(target);
  EXPECT_EQ(target.value(), "../outside.yaml");
}

TEST(Repository, ReadBlobOfMissingOrWrongObject) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  std::string head = work.commit_all("one");
  Result<Repository> repo = Repository::open(work.path());
  ASSERT_TRUE(repo);
  Result<std::string> missing = repo.value().read_blob("0123456789012345678901234567890123456789");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  Result<std::string> not_blob = repo.value().read_blob(head);  // a commit
  EXPECT_FALSE(not_blob);
  Result<std::string> not_hex = repo.value().read_blob("HEAD");
  ASSERT_FALSE(not_hex);
  EXPECT_EQ(not_hex.error().code, ErrorCode::kInvalid);
}

TEST(Repository, ResolveCommitPeelsTagsAndRefusesTrees) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  std::string head = work.commit_all("one");
  work.git({"tag", "-a", "-m", "release", "v1"});
  std::string tree = work.git({"rev-parse", "HEAD^{tree}"});
  work.git({"tag", "-a", "-m", "a tree", "tree-tag", tree});
  Result<Repository> repo = Repository::open(work.path());
  ASSERT_TRUE(repo);

  Result<std::string> tag = repo.value().resolve_commit("v1");
  ASSERT_TRUE(tag) << tag.error().message;
  EXPECT_EQ(tag.value(), head);
  EXPECT_NE(repo.value().resolve("v1").value(), head);  // the tag object itself
  EXPECT_EQ(repo.value().object_kind(repo.value().resolve("v1").value()).value(), ObjectKind::kTag);

  Result<std::string> of_tree = repo.value().resolve_commit("tree-tag");
  ASSERT_FALSE(of_tree);
  EXPECT_EQ(of_tree.error().code, ErrorCode::kInvalid);
  EXPECT_NE(of_tree.error().message.find("points at a tree, not a commit"), std::string::npos)
      << of_tree.error().message;

  Result<std::string> unknown = repo.value().resolve_commit("no-such-branch");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST(Repository, ReadCommitHasParentsAndIdentity) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  std::string first = work.commit_all("first");
  work.write("a.yaml", "a: 2\n");
  std::string second = work.commit_all("second\n\nbody");
  Result<Repository> repo = Repository::open(work.path());
  Result<CommitInfo> info = repo.value().read_commit(second);
  ASSERT_TRUE(info);
  EXPECT_EQ(info.value().id, second);
  EXPECT_EQ(info.value().parents, std::vector<std::string>{first});
  EXPECT_EQ(info.value().author_email, "author@example.com");
  EXPECT_EQ(info.value().committer_name, "Test Committer");
  EXPECT_EQ(info.value().message, "second\n\nbody\n");
  EXPECT_TRUE(repo.value().read_commit(first).value().parents.empty());
}

TEST(Repository, DiffTreesListsChangedAndDeleted) {
  TempRepo work = TempRepo::init();
  work.write("keep.yaml", "k: 1\n");
  work.write("edit.yaml", "e: 1\n");
  work.write("gone.yaml", "g: 1\n");
  work.write("becomes-link.yaml", "l: 1\n");
  std::string before = work.commit_all("before");
  work.write("edit.yaml", "e: 2\n");
  work.remove("gone.yaml");
  work.write("new/added.yaml", "n: 1\n");
  work.remove("becomes-link.yaml");
  work.symlink("keep.yaml", "becomes-link.yaml");
  std::string after = work.commit_all("after");

  Result<Repository> repo = Repository::open(work.path());
  Result<TreeChanges> diff = repo.value().diff_trees(before, after);
  ASSERT_TRUE(diff) << diff.error().message;
  EXPECT_EQ(paths_of(diff.value().changed),
            (std::vector<std::string>{"becomes-link.yaml", "edit.yaml", "new/added.yaml"}));
  EXPECT_EQ(entry_at(diff.value().changed, "becomes-link.yaml").mode, EntryMode::kSymlink);
  EXPECT_EQ(entry_at(diff.value().changed, "edit.yaml").id,
            work.git({"rev-parse", "HEAD:edit.yaml"}));
  EXPECT_EQ(diff.value().deleted, std::vector<std::string>{"gone.yaml"});
  const Entry& edited = entry_at(diff.value().changed, "edit.yaml");
  EXPECT_TRUE(edited.size_known);
  EXPECT_EQ(edited.size, 5u);
  EXPECT_EQ(entry_at(diff.value().changed, "becomes-link.yaml").size, 9u);  // "keep.yaml"

  Result<TreeChanges> from_empty = repo.value().diff_trees("", before);
  ASSERT_TRUE(from_empty);
  EXPECT_EQ(from_empty.value().changed.size(), 4u);
  EXPECT_TRUE(from_empty.value().deleted.empty());
}

TEST(Repository, ListIndexIsTheStagedStateNotTheWorkingTree) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  work.commit_all("one");
  work.write("a.yaml", "a: staged\n");
  work.git({"add", "a.yaml"});
  work.write("a.yaml", "a: unstaged\n");
  work.write("untracked.yaml", "u: 1\n");
  work.write("intent.yaml", "i: 1\n");
  work.git({"add", "-N", "intent.yaml"});

  Result<Repository> repo = Repository::open(work.path());
  Result<std::vector<Entry>> index = repo.value().list_index("");
  ASSERT_TRUE(index) << index.error().message;
  EXPECT_EQ(paths_of(index.value()), std::vector<std::string>{"a.yaml"});
  const Entry& a = index.value().front();
  EXPECT_TRUE(a.size_known);
  EXPECT_EQ(a.size, std::string("a: staged\n").size());
  EXPECT_EQ(repo.value().read_blob(a.id).value(), "a: staged\n");
}

TEST(Repository, ListIndexReadsAnAlternateIndexFile) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  work.commit_all("one");
  work.write("b.yaml", "b: 1\n");
  std::string other_index = work.path() + "/.git/other-index";
  work.try_git({"add", "b.yaml"}, {{"GIT_INDEX_FILE", other_index}});

  Result<Repository> repo = Repository::open(work.path());
  EXPECT_EQ(paths_of(repo.value().list_index("").value()), std::vector<std::string>{"a.yaml"});
  Result<std::vector<Entry>> other = repo.value().list_index(other_index);
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(paths_of(other.value()), std::vector<std::string>{"b.yaml"});
}

TEST(Repository, ListIndexRefusesUnresolvedConflicts) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: base\n");
  work.commit_all("base");
  work.git({"checkout", "-q", "-b", "other"});
  work.write("a.yaml", "a: other\n");
  work.commit_all("other");
  work.git({"checkout", "-q", "main"});
  work.write("a.yaml", "a: main\n");
  work.commit_all("main");
  EXPECT_NE(work.try_git({"merge", "-q", "other"}).exit_code, 0);

  Result<Repository> repo = Repository::open(work.path());
  Result<std::vector<Entry>> index = repo.value().list_index("");
  ASSERT_FALSE(index);
  EXPECT_EQ(index.error().code, ErrorCode::kInvalid);
  EXPECT_NE(index.error().message.find("conflict in a.yaml"), std::string::npos);
}

TEST(Repository, HistoryWalksDescentAndMergeBase) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  work.write("a.yaml", "a: 2\n");
  std::string c2 = work.commit_all("c2");
  work.git({"checkout", "-q", "-b", "side", c1});
  work.write("b.yaml", "b: 1\n");
  std::string s1 = work.commit_all("s1");
  work.write("b.yaml", "b: 2\n");
  std::string s2 = work.commit_all("s2");

  Result<Repository> repo = Repository::open(work.path());
  const Repository& r = repo.value();
  EXPECT_EQ(r.new_commits(s2, {c2}).value(), (std::vector<std::string>{s1, s2}));
  EXPECT_EQ(r.new_commits(s2, {}).value(), (std::vector<std::string>{c1, s1, s2}));
  EXPECT_TRUE(r.new_commits(c1, {c2}).value().empty());
  EXPECT_TRUE(r.is_descendant_of(c2, c1).value());
  EXPECT_FALSE(r.is_descendant_of(c1, c2).value());
  EXPECT_FALSE(r.is_descendant_of(s2, c2).value());
  EXPECT_FALSE(r.is_descendant_of(c2, c2).value());
  EXPECT_EQ(r.merge_base(s2, c2).value(), c1);

  Result<std::vector<RefTip>> refs = r.list_refs();
  ASSERT_TRUE(refs);
  ASSERT_EQ(refs.value().size(), 2u);
  EXPECT_EQ(refs.value()[0].name, "refs/heads/main");
  EXPECT_EQ(refs.value()[0].commit, c2);
  EXPECT_EQ(refs.value()[1].name, "refs/heads/side");
  EXPECT_EQ(refs.value()[1].commit, s2);
}

TEST(Repository, ParseRangeForms) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  std::string c1 = work.commit_all("c1");
  work.write("a.yaml", "a: 2\n");
  std::string c2 = work.commit_all("c2");
  work.git({"checkout", "-q", "-b", "side", c1});
  work.write("b.yaml", "b: 1\n");
  std::string s1 = work.commit_all("s1");

  Result<Repository> repo = Repository::open(work.path());
  const Repository& r = repo.value();
  Result<RevRange> two_dots = r.parse_range("main..side");
  ASSERT_TRUE(two_dots) << two_dots.error().message;
  EXPECT_EQ(two_dots.value().from, c2);
  EXPECT_EQ(two_dots.value().to, s1);
  Result<RevRange> three_dots = r.parse_range("main...side");
  ASSERT_TRUE(three_dots);
  EXPECT_EQ(three_dots.value().from, c1);  // the merge base
  EXPECT_EQ(three_dots.value().to, s1);
  Result<RevRange> open_end = r.parse_range("main..");  // HEAD is side
  ASSERT_TRUE(open_end);
  EXPECT_EQ(open_end.value().to, s1);
  Result<RevRange> single = r.parse_range("main~1");
  ASSERT_TRUE(single);
  EXPECT_EQ(single.value().from, "");
  EXPECT_EQ(single.value().to, c1);

  Result<RevRange> bad = r.parse_range("main..nope");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
  EXPECT_NE(bad.error().message.find("main..nope"), std::string::npos);
  EXPECT_FALSE(r.parse_range(""));
}

// The objects git receives are in a quarantine directory until pre-receive accepts the push.
// Build exactly that: objects written to a separate directory, invisible to a plain open.
TEST(Repository, OpenForHookSeesQuarantinedObjects) {
  TempRepo bare = TempRepo::init_bare();
  TempDir quarantine;
  std::map<std::string, std::string> env = {
      {"GIT_OBJECT_DIRECTORY", quarantine.path()},
      {"GIT_ALTERNATE_OBJECT_DIRECTORIES", bare.path() + "/objects"}};
  testing::CommandResult written = testing::run_command({"git", "hash-object", "-w", "--stdin"},
                                                        bare.path(), "pushed: true\n", env);
  ASSERT_EQ(written.exit_code, 0) << written.err;
  std::string blob = written.out.substr(0, 40);
  ASSERT_TRUE(is_object_id(blob));

  Result<Repository> plain = Repository::open(bare.path());
  ASSERT_TRUE(plain);
  Result<std::string> unseen = plain.value().read_blob(blob);
  ASSERT_FALSE(unseen);
  EXPECT_EQ(unseen.error().code, ErrorCode::kNotFound);

  GitEnvironment hook_env;
  hook_env.git_dir = bare.path();
  hook_env.object_directory = quarantine.path();
  hook_env.quarantine_path = quarantine.path();
  hook_env.alternate_object_directories = bare.path() + "/objects";
  Result<Repository> hooked = Repository::open_for_hook(hook_env);
  ASSERT_TRUE(hooked) << hooked.error().message;
  Result<std::string> seen = hooked.value().read_blob(blob);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen.value(), "pushed: true\n");
}

// In a linked worktree git sets GIT_DIR to .git/worktrees/NAME (and may set GIT_COMMON_DIR);
// libgit2's FROM_ENV open fails then, ours follows the worktree's commondir file.
TEST(Repository, OpenForHookInALinkedWorktreeGitDir) {
  TempRepo work = TempRepo::init();
  work.write("a.yaml", "a: 1\n");
  std::string head = work.commit_all("one");
  work.git({"worktree", "add", "-q", "-b", "side", work.path() + "/wt"});
  GitEnvironment hook_env;
  hook_env.git_dir = work.path() + "/.git/worktrees/wt";
  Result<Repository> repo = Repository::open_for_hook(hook_env);
  ASSERT_TRUE(repo) << repo.error().message;
  EXPECT_EQ(repo.value().common_dir(), work.path() + "/.git");
  EXPECT_EQ(repo.value().hooks_dir(), work.path() + "/.git/hooks");
  EXPECT_EQ(repo.value().resolve_commit("HEAD").value(), head);
}

TEST(Repository, OpenForHookRefusesAMissingObjectDirectory) {
  TempRepo bare = TempRepo::init_bare();
  GitEnvironment hook_env;
  hook_env.git_dir = bare.path();
  hook_env.object_directory = bare.path() + "/objects/tmp_objdir-gone";
  Result<Repository> hooked = Repository::open_for_hook(hook_env);
  ASSERT_FALSE(hooked);
  EXPECT_NE(hooked.error().message.find("tmp_objdir-gone"), std::string::npos);
}

TEST(Repository, ConfigAndHooksDirectory) {
  TempRepo bare = TempRepo::init_bare();
  Result<Repository> repo = Repository::open(bare.path());
  ASSERT_TRUE(repo);
  EXPECT_EQ(repo.value().hooks_dir(), bare.path() + "/hooks");
  EXPECT_EQ(repo.value().config_string("receive.advertisePushOptions").error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(repo.value().set_config_bool("receive.advertisePushOptions", true));
  EXPECT_EQ(bare.git({"config", "--bool", "receive.advertisePushOptions"}), "true");

  bare.git({"config", "core.hooksPath", "custom-hooks"});
  Result<Repository> reopened = Repository::open(bare.path());
  EXPECT_EQ(reopened.value().hooks_dir(), bare.path() + "/custom-hooks");
}

TEST(Repository, CopiesShareOneHandleAcrossThreads) {
  TempRepo work = TempRepo::init();
  for (int i = 0; i < 20; ++i) {
    work.write("f" + std::to_string(i) + ".yaml", "value: " + std::to_string(i) + "\n");
  }
  std::string head = work.commit_all("many");
  Result<Repository> repo = Repository::open(work.path());
  std::vector<Entry> entries = repo.value().list_tree(head).value();
  std::vector<std::thread> workers;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&, t, copy = repo.value()] {
      for (int round = 0; round < 25; ++round) {
        for (const Entry& e : entries) {
          Result<std::string> bytes = copy.read_blob(e.id);
          std::string expected = "value: " + e.path.substr(1, e.path.find('.') - 1) + "\n";
          if (!bytes || bytes.value() != expected) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& w : workers) w.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace pushgate
