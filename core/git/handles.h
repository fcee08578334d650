#pragma once
// Private to core/git: one RAII owner per libgit2 handle type, so every git_*_free happens exactly
// once on every path. Nothing outside core/git includes this file (or <git2.h>).
#include <git2.h>

#include <memory>
#include <string>

namespace pushgate::git {

template <typename T, void (*Free)(T*)>
struct Freer {
  void operator()(T* handle) const {
    if (handle != nullptr) Free(handle);
  }
};

template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;

using RepositoryPtr = Owned<git_repository, git_repository_free>;
using ObjectPtr = Owned<git_object, git_object_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using TreeEntryPtr = Owned<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using TagPtr = Owned<git_tag, git_tag_free>;
using IndexPtr = Owned<git_index, git_index_free>;
using DiffPtr = Owned<git_diff, git_diff_free>;
using RevwalkPtr = Owned<git_revwalk, git_revwalk_free>;
using ReferencePtr = Owned<git_reference, git_reference_free>;
using ReferenceIteratorPtr = Owned<git_reference_iterator, git_reference_iterator_free>;
using ConfigPtr = Owned<git_config, git_config_free>;
using OdbPtr = Owned<git_odb, git_odb_free>;

// git_buf is a value with heap contents; this frees them.
class Buf {
 public:
  Buf() = default;
  ~Buf() { git_buf_dispose(&buf_); }
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  git_buf* get() { return &buf_; }
  std::string str() const { return buf_.ptr != nullptr ? std::string(buf_.ptr, buf_.size) : ""; }

 private:
  git_buf buf_ = GIT_BUF_INIT;
};

}  // namespace pushgate::git
