// Objects, trees, the index and tree diffs.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/git/git_status.h"
#include "core/git/oid.h"
#include "core/git/repository_impl.h"

namespace pushgate {
namespace {

// Trees are not entries; every other git mode is one of ours.
std::optional<EntryMode> entry_mode_of(std::uint32_t git_mode) {
  switch (git_mode & 0170000) {
    case 0120000:
      return EntryMode::kSymlink;
    case 0160000:
      return EntryMode::kSubmodule;
    case 0100000:
      return (git_mode & 0111) != 0 ? EntryMode::kExecutable : EntryMode::kFile;
    default:
      return std::nullopt;
  }
}

void sort_by_path(std::vector<Entry>& entries) {
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.path < b.path; });
}

ObjectKind kind_of(git_object_t type) {
  switch (type) {
    case GIT_OBJECT_COMMIT:
      return ObjectKind::kCommit;
    case GIT_OBJECT_TREE:
      return ObjectKind::kTree;
    case GIT_OBJECT_TAG:
      return ObjectKind::kTag;
    default:
      return ObjectKind::kBlob;
  }
}

Result<git::TreePtr> tree_of_commit(git_repository* repo, std::string_view commit_id) {
  Result<git::CommitPtr> commit = git::lookup_commit(repo, commit_id);
  if (!commit) return commit.error();
  git_tree* raw = nullptr;
  int rc = git_commit_tree(&raw, commit.value().get());
  if (rc != 0) return git::to_error(rc, "read the tree of commit " + std::string(commit_id));
  return git::TreePtr(raw);
}

}  // namespace

std::string_view to_string(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kCommit:
      return "commit";
    case ObjectKind::kTree:
      return "tree";
    case ObjectKind::kBlob:
      return "blob";
    case ObjectKind::kTag:
      return "tag";
  }
  return "object";
}

namespace git {

Result<ObjectPtr> lookup_object(git_repository* repo, std::string_view id, git_object_t type) {
  Result<git_oid> oid = parse_oid(id);
  if (!oid) return oid.error();
  git_object* raw = nullptr;
  int rc = git_object_lookup(&raw, repo, &oid.value(), type);
  if (rc != 0) {
    std::string what = type == GIT_OBJECT_ANY ? "object" : git_object_type2string(type);
    return to_error(rc, "read " + what + " " + std::string(id));
  }
  return ObjectPtr(raw);
}

Result<CommitPtr> lookup_commit(git_repository* repo, std::string_view id) {
  Result<ObjectPtr> object = lookup_object(repo, id, GIT_OBJECT_ANY);
  if (!object) return object.error();
  return peel_commit(repo, object.value().get(), "object " + std::string(id));
}

Result<CommitPtr> peel_commit(git_repository* /*repo*/, git_object* object, std::string_view what) {
  git_object* peeled = nullptr;
  int rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
  if (rc == 0) return CommitPtr(reinterpret_cast<git_commit*>(peeled));
  // Say what it does point at: a tag of a tree or blob is valid git, but not something to check.
  git_object* target = nullptr;
  std::string kind = git_object_type2string(git_object_type(object));
  if (git_object_peel(&target, object, GIT_OBJECT_ANY) == 0) {
    ObjectPtr owned(target);
    kind = git_object_type2string(git_object_type(target));
  }
  return Error{ErrorCode::kInvalid, std::string(what) + " points at a " + kind + ", not a commit"};
}

}  // namespace git

Result<ObjectKind> Repository::object_kind(std::string_view id) const {
  std::lock_guard lock(impl_->mutex);
  Result<git::ObjectPtr> object = git::lookup_object(impl_->repo.get(), id, GIT_OBJECT_ANY);
  if (!object) return object.error();
  return kind_of(git_object_type(object.value().get()));
}

Result<std::string> Repository::resolve(std::string_view revision) const {
  std::lock_guard lock(impl_->mutex);
  git_object* raw = nullptr;
  std::string spec(revision);
  int rc = git_revparse_single(&raw, impl_->repo.get(), spec.c_str());
  if (rc != 0) return git::to_error(rc, "resolve revision \"" + spec + "\"");
  git::ObjectPtr object(raw);
  return git::to_hex(*git_object_id(object.get()));
}

Result<std::string> Repository::resolve_commit(std::string_view revision) const {
  std::lock_guard lock(impl_->mutex);
  git_object* raw = nullptr;
  std::string spec(revision);
  int rc = git_revparse_single(&raw, impl_->repo.get(), spec.c_str());
  if (rc != 0) return git::to_error(rc, "resolve revision \"" + spec + "\"");
  git::ObjectPtr object(raw);
  Result<git::CommitPtr> commit =
      git::peel_commit(impl_->repo.get(), object.get(), "revision \"" + spec + "\"");
  if (!commit) return commit.error();
  return git::to_hex(*git_commit_id(commit.value().get()));
}

Result<CommitInfo> Repository::read_commit(std::string_view id) const {
  std::lock_guard lock(impl_->mutex);
  Result<git::CommitPtr> found = git::lookup_commit(impl_->repo.get(), id);
  if (!found) return found.error();
  const git_commit* commit = found.value().get();
  CommitInfo info;
  info.id = git::to_hex(*git_commit_id(commit));
  info.tree = git::to_hex(*git_commit_tree_id(commit));
  for (unsigned i = 0; i < git_commit_parentcount(commit); ++i) {
    info.parents.push_back(git::to_hex(*git_commit_parent_id(commit, i)));
  }
  if (const git_signature* author = git_commit_author(commit)) {
    info.author_name = author->name != nullptr ? author->name : "";
    info.author_email = author->email != nullptr ? author->email : "";
  }
  if (const git_signature* committer = git_commit_committer(commit)) {
    info.committer_name = committer->name != nullptr ? committer->name : "";
    info.committer_email = committer->email != nullptr ? committer->email : "";
  }
  info.commit_time = git_commit_time(commit);
  const char* message = git_commit_message_raw(commit);
  info.message = message != nullptr ? message : "";
  return info;
}

Result<std::string> Repository::read_blob(std::string_view id) const {
  std::lock_guard lock(impl_->mutex);
  Result<git::ObjectPtr> object = git::lookup_object(impl_->repo.get(), id, GIT_OBJECT_BLOB);
  if (!object) return object.error();
  auto* blob = reinterpret_cast<const git_blob*>(object.value().get());
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob)));
}

namespace {

// The object database and the blob's id; an error names the blob.
struct OpenBlob {
  git::OdbPtr odb;
  git_oid oid{};
  std::uint64_t size = 0;
};

Result<OpenBlob> open_blob(git_repository* repo, std::string_view id) {
  Result<git_oid> oid = git::parse_oid(id);
  if (!oid) return oid.error();
  git_odb* raw = nullptr;
  int rc = git_repository_odb(&raw, repo);
  if (rc != 0) return git::to_error(rc, "open the object database");
  OpenBlob blob{git::OdbPtr(raw), oid.value(), 0};
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  rc = git_odb_read_header(&size, &type, blob.odb.get(), &blob.oid);
  if (rc != 0) return git::to_error(rc, "read blob " + std::string(id));
  if (type != GIT_OBJECT_BLOB) {
    return Error{ErrorCode::kInvalid, "object " + std::string(id) + " is a " +
                                          git_object_type2string(type) + ", not a blob"};
  }
  blob.size = size;
  return blob;
}

// Up to `max_bytes` of the blob's content: streamed where the backend can (loose objects),
// else inflated whole by libgit2 and the first `max_bytes` copied.
Result<std::string> read_content(const OpenBlob& blob, std::string_view id, std::size_t max_bytes) {
  const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(blob.size, max_bytes));
  git_odb_stream* raw_stream = nullptr;
  std::size_t length = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_odb_open_rstream(&raw_stream, &length, &type, blob.odb.get(), &blob.oid) == 0) {
    std::unique_ptr<git_odb_stream, void (*)(git_odb_stream*)> stream(raw_stream,
                                                                      git_odb_stream_free);
    std::string bytes;
    bytes.resize(want);
    std::size_t got = 0;
    while (got < want) {
      const int n = git_odb_stream_read(stream.get(), bytes.data() + got,
                                        std::min<std::size_t>(want - got, 1 << 20));
      if (n < 0) return git::to_error(n, "read blob " + std::string(id));
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    return bytes;
  }
  git_error_clear();  // no stream from this backend (packed objects): read it whole
  git_odb_object* raw_object = nullptr;
  const int rc = git_odb_read(&raw_object, blob.odb.get(), &blob.oid);
  if (rc != 0) return git::to_error(rc, "read blob " + std::string(id));
  std::unique_ptr<git_odb_object, void (*)(git_odb_object*)> object(raw_object,
                                                                    git_odb_object_free);
  const std::size_t size = std::min(git_odb_object_size(object.get()), want);
  return std::string(static_cast<const char*>(git_odb_object_data(object.get())), size);
}

}  // namespace

Result<std::uint64_t> Repository::blob_size(std::string_view id) const {
  std::lock_guard lock(impl_->mutex);
  Result<OpenBlob> blob = open_blob(impl_->repo.get(), id);
  if (!blob) return blob.error();
  return blob.value().size;
}

Result<std::optional<std::string>> Repository::read_blob_within(std::string_view id,
                                                                std::uint64_t max_bytes) const {
  std::lock_guard lock(impl_->mutex);
  Result<OpenBlob> blob = open_blob(impl_->repo.get(), id);
  if (!blob) return blob.error();
  if (blob.value().size > max_bytes) return std::optional<std::string>{};
  Result<std::string> bytes =
      read_content(blob.value(), id, static_cast<std::size_t>(blob.value().size));
  if (!bytes) return bytes.error();
  return std::optional<std::string>(std::move(bytes).value());
}

Result<std::string> Repository::read_blob_head(std::string_view id, std::size_t max_bytes) const {
  std::lock_guard lock(impl_->mutex);
  Result<OpenBlob> blob = open_blob(impl_->repo.get(), id);
  if (!blob) return blob.error();
  return read_content(blob.value(), id, max_bytes);
}

Result<std::string> Repository::read_blob_at(std::string_view commit, std::string_view path) const {
  std::lock_guard lock(impl_->mutex);
  git_repository* repo = impl_->repo.get();
  Result<git::TreePtr> root = tree_of_commit(repo, commit);
  if (!root) return root.error();
  git_tree_entry* raw_entry = nullptr;
  const std::string where(path);
  int rc = git_tree_entry_bypath(&raw_entry, root.value().get(), where.c_str());
  if (rc != 0) return git::to_error(rc, "find " + where + " in commit " + std::string(commit));
  const git::TreeEntryPtr entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return Error{ErrorCode::kNotFound, where + " is not a file in commit " + std::string(commit)};
  }
  git_blob* raw_blob = nullptr;
  rc = git_blob_lookup(&raw_blob, repo, git_tree_entry_id(entry.get()));
  if (rc != 0) return git::to_error(rc, "read " + where + " of commit " + std::string(commit));
  const git::BlobPtr blob(raw_blob);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

Result<std::vector<Entry>> Repository::list_tree(std::string_view commit) const {
  std::lock_guard lock(impl_->mutex);
  Result<git::TreePtr> tree = tree_of_commit(impl_->repo.get(), commit);
  if (!tree) return tree.error();
  std::vector<Entry> entries;
  auto collect = [](const char* root, const git_tree_entry* item, void* payload) -> int {
    std::optional<EntryMode> mode = entry_mode_of(git_tree_entry_filemode(item));
    if (!mode) return 0;  // a tree: the walk descends into it
    Entry entry;
    entry.path = std::string(root) + git_tree_entry_name(item);
    entry.mode = *mode;
    entry.id = git::to_hex(*git_tree_entry_id(item));
    static_cast<std::vector<Entry>*>(payload)->push_back(std::move(entry));
    return 0;
  };
  int rc = git_tree_walk(tree.value().get(), GIT_TREEWALK_PRE, collect, &entries);
  if (rc != 0) return git::to_error(rc, "list the tree of commit " + std::string(commit));
  sort_by_path(entries);
  return entries;
}

Result<std::vector<Entry>> Repository::entries_at(std::string_view commit,
                                                  std::span<const std::string> paths) const {
  std::lock_guard lock(impl_->mutex);
  Result<git::TreePtr> root = tree_of_commit(impl_->repo.get(), commit);
  if (!root) return root.error();
  std::vector<Entry> entries;
  for (const std::string& path : paths) {
    git_tree_entry* raw_entry = nullptr;
    const int rc = git_tree_entry_bypath(&raw_entry, root.value().get(), path.c_str());
    if (rc == GIT_ENOTFOUND) continue;
    if (rc != 0) return git::to_error(rc, "find " + path + " in commit " + std::string(commit));
    const git::TreeEntryPtr item(raw_entry);
    std::optional<EntryMode> mode = entry_mode_of(git_tree_entry_filemode(item.get()));
    if (!mode) continue;  // a folder
    Entry entry;
    entry.path = path;
    entry.mode = *mode;
    entry.id = git::to_hex(*git_tree_entry_id(item.get()));
    entries.push_back(std::move(entry));
  }
  sort_by_path(entries);
  return entries;
}

Result<std::vector<std::string>> Repository::list_directory(std::string_view commit,
                                                            std::string_view directory) const {
  std::lock_guard lock(impl_->mutex);
  git_repository* repo = impl_->repo.get();
  Result<git::TreePtr> root = tree_of_commit(repo, commit);
  if (!root) return root.error();
  git::TreePtr subtree;
  const git_tree* tree = root.value().get();
  if (!directory.empty()) {
    git_tree_entry* raw_entry = nullptr;
    const std::string path(directory);
    int rc = git_tree_entry_bypath(&raw_entry, tree, path.c_str());
    if (rc != 0) {
      return git::to_error(rc, "find directory " + path + " in commit " + std::string(commit));
    }
    const git::TreeEntryPtr entry(raw_entry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
      return Error{ErrorCode::kNotFound, path + " is not a directory"};
    }
    git_tree* raw_tree = nullptr;
    rc = git_tree_lookup(&raw_tree, repo, git_tree_entry_id(entry.get()));
    if (rc != 0) return git::to_error(rc, "read directory " + path);
    subtree = git::TreePtr(raw_tree);
    tree = subtree.get();
  }
  std::vector<std::string> names;
  names.reserve(git_tree_entrycount(tree));
  for (std::size_t i = 0; i < git_tree_entrycount(tree); ++i) {
    names.emplace_back(git_tree_entry_name(git_tree_entry_byindex(tree, i)));
  }
  return names;
}

Result<TreeChanges> Repository::diff_trees(std::string_view old_commit,
                                           std::string_view new_commit) const {
  std::lock_guard lock(impl_->mutex);
  git_repository* repo = impl_->repo.get();
  git::TreePtr old_tree;
  if (!old_commit.empty()) {
    Result<git::TreePtr> tree = tree_of_commit(repo, old_commit);
    if (!tree) return tree.error();
    old_tree = std::move(tree.value());
  }
  Result<git::TreePtr> new_tree = tree_of_commit(repo, new_commit);
  if (!new_tree) return new_tree.error();

  // Our own walk instead of git_diff_tree_to_tree: libgit2 1.5 loads every tree of both sides,
  // while a subtree whose id did not change cannot hold a change. A 1-file push into a
  // 10,000-file repository then reads a handful of trees instead of all of them
  // (docs/benchmarks.md). Type changes stay one changed entry; a mode change is a change.
  git_odb* raw_odb = nullptr;
  int rc = git_repository_odb(&raw_odb, repo);
  if (rc != 0) return git::to_error(rc, "open the object database");
  git::OdbPtr odb(raw_odb);
  TreeChanges changes;
  struct Pending {
    git::TreePtr old_tree;  // null: everything under new_tree is added
    git::TreePtr new_tree;  // null: everything under old_tree is deleted
    std::string prefix;
  };
  auto subtree = [&](const git_tree_entry* entry, git::TreePtr& out) -> Status {
    git_tree* raw = nullptr;
    const int code = git_tree_lookup(&raw, repo, git_tree_entry_id(entry));
    if (code != 0)
      return git::to_error(code, std::string("read tree ") + git_tree_entry_name(entry));
    out = git::TreePtr(raw);
    return Status::ok();
  };
  auto is_tree = [](const git_tree_entry* e) { return git_tree_entry_type(e) == GIT_OBJECT_TREE; };
  auto add_changed = [&](const git_tree_entry* e, const std::string& prefix) {
    std::optional<EntryMode> mode = entry_mode_of(git_tree_entry_filemode(e));
    if (!mode) return;
    Entry entry;
    entry.path = prefix + git_tree_entry_name(e);
    entry.mode = *mode;
    entry.id = git::to_hex(*git_tree_entry_id(e));
    // Blob sizes from the object headers, so that the engine can refuse an oversized file
    // without inflating it (a header read does not load the content).
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (*mode != EntryMode::kSubmodule &&
        git_odb_read_header(&size, &type, odb.get(), git_tree_entry_id(e)) == 0) {
      entry.size = size;
      entry.size_known = true;
    }
    changes.changed.push_back(std::move(entry));
  };
  std::vector<Pending> stack;
  stack.push_back(Pending{std::move(old_tree), std::move(new_tree.value()), ""});
  while (!stack.empty()) {
    Pending p = std::move(stack.back());
    stack.pop_back();
    if (p.new_tree) {
      for (std::size_t i = 0; i < git_tree_entrycount(p.new_tree.get()); ++i) {
        const git_tree_entry* n = git_tree_entry_byindex(p.new_tree.get(), i);
        const git_tree_entry* o =
            p.old_tree ? git_tree_entry_byname(p.old_tree.get(), git_tree_entry_name(n)) : nullptr;
        if (o != nullptr && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(n)) &&
            git_tree_entry_filemode(o) == git_tree_entry_filemode(n)) {
          continue;  // identical entry or identical subtree
        }
        const std::string child = p.prefix + git_tree_entry_name(n) + "/";
        if (is_tree(n)) {
          Pending next{nullptr, nullptr, child};
          if (Status s = subtree(n, next.new_tree); !s) return s.error();
          if (o != nullptr && is_tree(o)) {
            if (Status s = subtree(o, next.old_tree); !s) return s.error();
          } else if (o != nullptr) {
            changes.deleted.push_back(p.prefix + git_tree_entry_name(o));  // a file became a folder
          }
          stack.push_back(std::move(next));
        } else {
          add_changed(n, p.prefix);
          if (o != nullptr && is_tree(o)) {  // a folder became a file: its contents are gone
            Pending gone{nullptr, nullptr, child};
            if (Status s = subtree(o, gone.old_tree); !s) return s.error();
            stack.push_back(std::move(gone));
          }
        }
      }
    }
    if (p.old_tree) {
      for (std::size_t i = 0; i < git_tree_entrycount(p.old_tree.get()); ++i) {
        const git_tree_entry* o = git_tree_entry_byindex(p.old_tree.get(), i);
        if (p.new_tree &&
            git_tree_entry_byname(p.new_tree.get(), git_tree_entry_name(o)) != nullptr) {
          continue;  // handled from the new side
        }
        if (is_tree(o)) {
          Pending gone{nullptr, nullptr, p.prefix + git_tree_entry_name(o) + "/"};
          if (Status s = subtree(o, gone.old_tree); !s) return s.error();
          stack.push_back(std::move(gone));
        } else {
          changes.deleted.push_back(p.prefix + git_tree_entry_name(o));
        }
      }
    }
  }
  sort_by_path(changes.changed);
  std::sort(changes.deleted.begin(), changes.deleted.end());
  return changes;
}

Result<std::vector<Entry>> Repository::list_index(const std::string& index_file) const {
  std::lock_guard lock(impl_->mutex);
  git_index* raw = nullptr;
  int rc = index_file.empty() ? git_repository_index(&raw, impl_->repo.get())
                              : git_index_open(&raw, index_file.c_str());
  std::string which = index_file.empty() ? std::string("the index") : "index " + index_file;
  if (rc != 0) return git::to_error(rc, "open " + which);
  git::IndexPtr index(raw);
  // The repository's index object is cached by libgit2; re-read it if git changed the file.
  rc = git_index_read(index.get(), /*force=*/0);
  if (rc != 0) return git::to_error(rc, "read " + which);

  std::vector<Entry> entries;
  for (std::size_t i = 0; i < git_index_entrycount(index.get()); ++i) {
    const git_index_entry* item = git_index_get_byindex(index.get(), i);
    if (git_index_entry_is_conflict(item)) {
      return Error{ErrorCode::kInvalid, which + " has an unresolved merge conflict in " +
                                            std::string(item->path) +
                                            "; resolve it and stage the result"};
    }
    if ((item->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) != 0) continue;
    std::optional<EntryMode> mode = entry_mode_of(item->mode);
    if (!mode) continue;
    Entry entry;
    entry.path = item->path;
    entry.mode = *mode;
    entry.id = git::to_hex(item->id);
    // The size git recorded when staging; a clean/smudge filter can make the blob differ.
    entry.size = item->file_size;
    entry.size_known = *mode == EntryMode::kFile || *mode == EntryMode::kExecutable;
    entries.push_back(std::move(entry));
  }
  sort_by_path(entries);
  return entries;
}

}  // namespace pushgate
