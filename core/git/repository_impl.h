#pragma once
// Private to core/git: the state behind a Repository handle and the lookups its methods share.
// Every function here expects the caller to hold Impl::mutex.
#include <git2.h>

#include <mutex>
#include <optional>
#include <string_view>

#include "core/git/handles.h"
#include "core/git/library.h"
#include "core/git/repository.h"

namespace pushgate {

struct Repository::Impl {
  GitLibrary library;  // declared first: destroyed last, after the handle below is freed
  std::mutex mutex;
  git::RepositoryPtr repo;
};

namespace git {

Result<ObjectPtr> lookup_object(git_repository* repo, std::string_view id, git_object_t type);
Result<CommitPtr> lookup_commit(git_repository* repo, std::string_view id);
// Peels any object to a commit; trees and blobs (directly or through tags) are kInvalid.
Result<CommitPtr> peel_commit(git_repository* repo, git_object* object, std::string_view what);

}  // namespace git
}  // namespace pushgate
