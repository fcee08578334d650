#pragma once
// The listing of the last tree the hook checked, kept beside the object index, so that the next
// push lists its tree by patching that listing with the tree diff it computes anyway
// (Repository::diff_trees, reads only the subtrees that differ) instead of reading every tree
// object of the new commit (docs/gitops.md, "The tree listing"; docs/benchmarks.md, issue 15).
//
//   TreeListingCache listings(tree_listing_path(repo.git_dir()));
//   auto snap = listings.open(repo, plan.tip, ref, plan.base, plan.changed, plan.deleted);
//   listings.save();   // once, when the hook is done
//
// `changed` and `deleted` must be the whole difference from `base` to `commit` as diff_trees
// gives it: the listing of `base` patched with them is then the listing of `commit`, entry by
// entry what Repository::list_tree gives (sizes unknown, as list_tree leaves them).
//
// Never trusted, only reused when it proves intact, like the object index: the file is keyed by
// the root tree id it lists and carries pushgate's version, its format and a checksum of every
// byte. A missing, unreadable, corrupt, stale or foreign listing (another tree than the base's),
// a change that does not fit it (a deleted path it lacks, a file where the change puts a folder)
// and a commit without a base all fall back to listing the whole tree. The file keeps two
// listings: the last tree listed and the ref's old tip, which is the next push's base when this
// one is rejected. save() writes a temporary file and renames it over the old one (atomic on
// POSIX): two hooks at once each leave intact listings of their own trees, never half of one.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/git/repository.h"
#include "core/source/git_tree_snapshot.h"

namespace pushgate {

class TreeListingCache {
 public:
  // How the last open() listed its tree, and why not from the cache (for tests and the bench).
  enum class Listed { kNone, kPatched, kCached, kFull };

  explicit TreeListingCache(std::string path) : path_(std::move(path)) {}

  // The snapshot of `commit` (a commit id), labelled `label`: the remembered listing of `base`'s
  // tree patched with `changed` and `deleted`, or that listing itself when `commit` has the same
  // tree, else the whole tree listed. Reads the file at the first call only; later calls patch
  // what the previous call listed (every-commit mode walks a chain of commits).
  Result<std::unique_ptr<GitTreeSnapshot>> open(const Repository& repository,
                                                std::string_view commit, std::string label,
                                                std::string_view base,
                                                std::span<const Entry> changed,
                                                std::span<const std::string> deleted);

  // Writes the listing of the last tree open() listed when the file does not hold it already.
  // Creates the folder. A cache only: failing costs the next push time, never a wrong listing.
  Result<bool> save();

  Listed last() const { return last_; }
  const std::string& problem() const { return problem_; }  // why the last open() listed in full

 private:
  struct Kept {
    std::string tree;   // the root tree id it lists
    std::string bytes;  // encode_tree_listing() of it, checked when decoded
  };
  void load();
  const Kept* kept_of(std::string_view tree) const;
  void forget(std::string_view tree);  // a listing found bad: neither used nor written again

  std::string path_;
  bool loaded_ = false;
  // The last tree listed first, then the base of the first open() (the ref's old tip); read
  // from the file, then what open() listed.
  std::vector<Kept> kept_;
  bool anchored_ = false;
  std::string anchor_;  // the base tree of the first open(); "" for none
  bool dirty_ = false;  // kept_ differs from the file
  Listed last_ = Listed::kNone;
  std::string problem_;
};

// Where a repository keeps it: `<git dir>/pushgate/tree-listing`, beside the object index.
std::string tree_listing_path(std::string_view git_dir);

// The listing of `old_listing` (sorted by path, one tree's entries) after a tree diff: `changed`
// (added, modified or type-changed entries) replaces or adds, `deleted` removes. Both must be
// sorted by path. Nullopt when the diff does not fit the listing (unsorted, a deleted path the
// listing lacks, a path both changed and deleted, a file left where a folder is or under a file).
// Consumes `old_listing`; the changed entries lose their sizes, as list_tree has none.
std::optional<std::vector<Entry>> patch_listing(std::vector<Entry>&& old_listing,
                                                std::span<const Entry> changed,
                                                std::span<const std::string> deleted);

// The file's bytes for the listing of tree `tree`, and back: decode fails (kInvalid, saying why)
// on bytes that are not a whole, intact listing of this format and version, and (kNotFound) on
// an intact listing of another tree than `tree`.
std::string encode_tree_listing(std::string_view tree, const std::vector<Entry>& entries);
Result<std::vector<Entry>> decode_tree_listing(std::string_view bytes, std::string_view tree);

}  // namespace pushgate
