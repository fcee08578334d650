#pragma once
// A git repository behind a small value-typed API: ids are hex strings, failures are Result /
// Status with an ErrorCode (GIT_ENOTFOUND -> kNotFound), and no libgit2 type leaves core/git.
//
//   Result<Repository> repo = Repository::open_for_hook(environment);   // sees quarantined objects
//   if (!repo) return Error::wrap(repo.error(), "open repository");
//   Result<std::vector<Entry>> files = repo.value().list_tree(commit_id);
//
// Thread-safety: a Repository is a shared handle; copies share one libgit2 repository and one
// mutex, and every method takes that mutex, so any method may be called from any thread (the
// engine reads blobs from several workers). libgit2 objects of one repository must not be used
// concurrently, and blob reads are cheap next to parsing, so one lock is enough.
//
// SHA-256 repositories (extensions.objectformat = sha256) cannot be read by libgit2 1.5: opening
// one fails with kUnsupported and says so, rather than with libgit2's bare "unsupported extension".
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/git/tree_entry.h"

namespace pushgate {

// The variables git sets for a hook that matter for reading objects. Filled by the caller (the
// hooks layer reads them from the process environment) so that this layer reads no globals.
struct GitEnvironment {
  std::string git_dir;  // GIT_DIR ("." during receive-pack); "" means the current directory
  // GIT_OBJECT_DIRECTORY: during pre-receive/update, the quarantine holding the pushed objects.
  std::string object_directory;
  // GIT_ALTERNATE_OBJECT_DIRECTORIES: ':'-separated, entries with ':' or '"' are C-quoted by git.
  std::string alternate_object_directories;
  std::string quarantine_path;  // GIT_QUARANTINE_PATH: the quarantine again (git >= 2.13)
  // GIT_INDEX_FILE: `git commit PATH…` and `git commit -a` run pre-commit on a temporary index.
  std::string index_file;
};

enum class ObjectKind : std::uint8_t { kCommit, kTree, kBlob, kTag };
std::string_view to_string(ObjectKind kind);  // "commit", "tree", "blob", "tag"

struct CommitInfo {
  std::string id;
  std::string tree;
  std::vector<std::string> parents;  // first parent first
  std::string author_name;
  std::string author_email;
  std::string committer_name;
  std::string committer_email;
  std::int64_t commit_time = 0;  // committer time, seconds since the epoch
  std::string message;           // the raw message, trailers included
};

// A signature and the exact bytes it signs (git verifies the same pair).
struct SignedPayload {
  std::string signature;  // the ASCII-armoured block: "-----BEGIN PGP SIGNATURE-----", SSH, …
  std::string payload;
};

// An annotated tag object.
struct TagInfo {
  std::string id;
  std::string name;
  std::string target;  // the object it tags
  std::string tagger_name;
  std::string tagger_email;
  std::optional<SignedPayload> signature;  // unset when the tag is not signed
};

// A ref and the commit it leads to (symbolic refs resolved, tags peeled).
struct RefTip {
  std::string name;
  std::string commit;  // "" when the ref leads to a tree or blob, or cannot be resolved
};

// What changed between two trees, as seen from the new one. Rename detection is off: a renamed
// file is a deleted path plus a changed entry, and the changed entry is what gets validated.
struct TreeChanges {
  // Added, modified or type-changed entries, sorted by path, with blob sizes known (read from
  // the object headers) so that oversized files can be refused before they are loaded.
  std::vector<Entry> changed;
  std::vector<std::string> deleted;  // paths only the old tree has; sorted
};

// A parsed `check --git` argument: "A..B", "A...B" (from the merge base) or a single revision.
struct RevRange {
  std::string from;  // commit id; "" for a single revision (its changes against its first parent)
  std::string to;    // commit id
};

class Repository {
 public:
  // Opens exactly `path` (a bare repository, a .git directory or a working tree root).
  static Result<Repository> open(const std::string& path);
  // Finds the repository containing `start_dir`, walking up like git does.
  static Result<Repository> discover(const std::string& start_dir);
  // Opens the repository a hook runs in (env.git_dir, else ".") and adds the quarantine object
  // directory and the alternates to its object database. Without this every pushed object is
  // "not found" during pre-receive. libgit2's GIT_REPOSITORY_OPEN_FROM_ENV is not used: it fails
  // whenever GIT_COMMON_DIR is set, and it reads the process environment behind our back.
  static Result<Repository> open_for_hook(const GitEnvironment& env);

  std::string git_dir() const;     // absolute, no trailing '/'
  std::string common_dir() const;  // where refs, objects and hooks live (differs in worktrees)
  std::string work_dir() const;    // "" for a bare repository
  bool is_bare() const;
  // The directory git runs hooks from: core.hooksPath when set, else <common dir>/hooks.
  std::string hooks_dir() const;

  // Objects. `id` is a full hex id; `revision` is anything `git rev-parse` accepts.
  Result<ObjectKind> object_kind(std::string_view id) const;
  Result<std::string> resolve(std::string_view revision) const;  // the object itself, not peeled
  // Peels tags to the commit they name; a revision that ends at a tree or blob is kInvalid.
  Result<std::string> resolve_commit(std::string_view revision) const;
  Result<CommitInfo> read_commit(std::string_view id) const;
  Result<std::string> read_blob(std::string_view id) const;
  // A blob's size from its object header: the content is not inflated.
  Result<std::uint64_t> blob_size(std::string_view id) const;
  // The blob when it is at most `max_bytes`, else nullopt, judged from the object header before
  // any content is loaded. Loose objects are streamed into the result (one copy in memory);
  // packed ones are inflated by libgit2 and copied (two, briefly).
  Result<std::optional<std::string>> read_blob_within(std::string_view id,
                                                      std::uint64_t max_bytes) const;
  // At most the first `max_bytes` bytes of a blob; of a loose object no more is inflated.
  Result<std::string> read_blob_head(std::string_view id, std::size_t max_bytes) const;
  // The file at `path` ('/'-separated, repository-relative) of `commit`'s tree; kNotFound when
  // the commit has no file there (absent, a folder or a gitlink).
  Result<std::string> read_blob_at(std::string_view commit, std::string_view path) const;
  // The commit's `gpgsig` header and the commit without it (git_commit_extract_signature);
  // kNotFound when the commit is not signed.
  Result<SignedPayload> commit_signature(std::string_view commit) const;
  // An annotated tag; kInvalid when `id` is not a tag object. The signature is the last block in
  // the raw object that starts a line with a signature marker, as git's parse_signed_buffer reads
  // it; the payload is everything before it.
  Result<TagInfo> read_tag(std::string_view id) const;

  // Trees. Entries are blobs (kFile, kExecutable, kSymlink) and gitlinks (kSubmodule), never
  // directories, with repository-relative '/'-separated paths, sorted by path.
  Result<std::vector<Entry>> list_tree(std::string_view commit) const;
  // The entries list_tree would give at exactly `paths`, found through the trees along each path
  // (not by listing the whole tree); a path that is absent, or a folder, is left out. Sorted.
  Result<std::vector<Entry>> entries_at(std::string_view commit,
                                        std::span<const std::string> paths) const;
  // The names of the entries (files, links, gitlinks and subdirectories) directly in `directory`
  // ("" for the root, else '/'-separated without a trailing '/') of `commit`'s tree, in tree
  // order. kNotFound when there is no such directory.
  Result<std::vector<std::string>> list_directory(std::string_view commit,
                                                  std::string_view directory) const;
  // `old_commit` "" compares against the empty tree (every entry of `new_commit` is added).
  Result<TreeChanges> diff_trees(std::string_view old_commit, std::string_view new_commit) const;
  // The staged entries (stage 0) of `index_file`, or of the repository's own index when "".
  // Intent-to-add entries are skipped (git commit records nothing for them); unresolved merge
  // conflicts are kInvalid.
  Result<std::vector<Entry>> list_index(const std::string& index_file) const;

  // History.
  Result<std::vector<RefTip>> list_refs() const;  // every ref under refs/, sorted by name
  // Commits reachable from `tip` but from none of `hidden` (commit ids), parents before children.
  Result<std::vector<std::string>> new_commits(std::string_view tip,
                                               const std::vector<std::string>& hidden) const;
  // True when `ancestor` is reachable from `commit` (a commit is not its own descendant).
  Result<bool> is_descendant_of(std::string_view commit, std::string_view ancestor) const;
  Result<std::string> merge_base(std::string_view a, std::string_view b) const;
  Result<RevRange> parse_range(std::string_view spec) const;

  // Configuration (the repository's own config file for writes; all levels for reads).
  Result<std::string> config_string(const std::string& name) const;  // kNotFound when unset
  Status set_config_bool(const std::string& name, bool value) const;

  struct Impl;  // public so that core/git's own files can reach it; opaque to everyone else

 private:
  explicit Repository(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace pushgate
