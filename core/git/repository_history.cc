// Refs, revision walks and ranges.
#include <algorithm>
#include <string>
#include <vector>

#include "core/git/git_status.h"
#include "core/git/oid.h"
#include "core/git/repository_impl.h"

namespace pushgate {
namespace {

// The commit a ref leads to, or "" (a tag of a tree, a dangling symbolic ref, a broken ref).
std::string peeled_commit_of(git_reference* ref) {
  git_object* raw = nullptr;
  if (git_reference_peel(&raw, ref, GIT_OBJECT_COMMIT) != 0) return "";
  git::ObjectPtr object(raw);
  return git::to_hex(*git_object_id(object.get()));
}

Result<std::string> commit_id_of(git_repository* repo, std::string_view id) {
  Result<git::CommitPtr> commit = git::lookup_commit(repo, id);
  if (!commit) return commit.error();
  return git::to_hex(*git_commit_id(commit.value().get()));
}

}  // namespace

Result<std::vector<RefTip>> Repository::list_refs() const {
  std::lock_guard lock(impl_->mutex);
  git_reference_iterator* raw = nullptr;
  int rc = git_reference_iterator_glob_new(&raw, impl_->repo.get(), "refs/*");
  if (rc != 0) return git::to_error(rc, "list refs");
  git::ReferenceIteratorPtr iterator(raw);
  std::vector<RefTip> tips;
  git_reference* raw_ref = nullptr;
  while ((rc = git_reference_next(&raw_ref, iterator.get())) == 0) {
    git::ReferencePtr ref(raw_ref);
    tips.push_back(RefTip{git_reference_name(ref.get()), peeled_commit_of(ref.get())});
  }
  if (rc != GIT_ITEROVER) return git::to_error(rc, "list refs");
  std::sort(tips.begin(), tips.end(),
            [](const RefTip& a, const RefTip& b) { return a.name < b.name; });
  return tips;
}

Result<std::vector<std::string>> Repository::new_commits(
    std::string_view tip, const std::vector<std::string>& hidden) const {
  std::lock_guard lock(impl_->mutex);
  git_repository* repo = impl_->repo.get();
  git_revwalk* raw = nullptr;
  int rc = git_revwalk_new(&raw, repo);
  if (rc != 0) return git::to_error(rc, "start a revision walk");
  git::RevwalkPtr walk(raw);
  // Parents before children, so that every-commit mode reports in the order history was made.
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);

  Result<std::string> tip_commit = commit_id_of(repo, tip);
  if (!tip_commit) return tip_commit.error();
  Result<git_oid> tip_oid = git::parse_oid(tip_commit.value());
  rc = git_revwalk_push(walk.get(), &tip_oid.value());
  if (rc != 0) return git::to_error(rc, "walk history from " + std::string(tip));
  for (const std::string& id : hidden) {
    Result<git_oid> oid = git::parse_oid(id);
    if (!oid) return Error::wrap(oid.error(), "hide commit");
    rc = git_revwalk_hide(walk.get(), &oid.value());
    if (rc != 0) return git::to_error(rc, "hide commit " + id);
  }
  std::vector<std::string> commits;
  git_oid oid;
  while ((rc = git_revwalk_next(&oid, walk.get())) == 0) commits.push_back(git::to_hex(oid));
  if (rc != GIT_ITEROVER) return git::to_error(rc, "walk history from " + std::string(tip));
  return commits;
}

Result<bool> Repository::is_descendant_of(std::string_view commit,
                                          std::string_view ancestor) const {
  std::lock_guard lock(impl_->mutex);
  Result<git_oid> a = git::parse_oid(commit);
  if (!a) return a.error();
  Result<git_oid> b = git::parse_oid(ancestor);
  if (!b) return b.error();
  int rc = git_graph_descendant_of(impl_->repo.get(), &a.value(), &b.value());
  if (rc < 0) {
    return git::to_error(
        rc, "check whether " + std::string(commit) + " descends from " + std::string(ancestor));
  }
  return rc == 1;
}

Result<std::string> Repository::merge_base(std::string_view a, std::string_view b) const {
  std::lock_guard lock(impl_->mutex);
  Result<git_oid> one = git::parse_oid(a);
  if (!one) return one.error();
  Result<git_oid> two = git::parse_oid(b);
  if (!two) return two.error();
  git_oid base;
  int rc = git_merge_base(&base, impl_->repo.get(), &one.value(), &two.value());
  if (rc != 0) {
    return git::to_error(rc, "find a merge base of " + std::string(a) + " and " + std::string(b));
  }
  return git::to_hex(base);
}

Result<RevRange> Repository::parse_range(std::string_view spec) const {
  std::string text(spec);
  if (text.empty())
    return Error{ErrorCode::kInvalid, "empty revision range; give A..B or a commit"};
  std::size_t dots = text.find("..");
  if (dots == std::string::npos) {
    Result<std::string> commit = resolve_commit(text);
    if (!commit) return commit.error();
    return RevRange{"", commit.value()};
  }
  bool symmetric = text.compare(dots, 3, "...") == 0;
  std::string left = text.substr(0, dots);
  std::string right = text.substr(dots + (symmetric ? 3 : 2));
  // git's defaults: a missing side is HEAD ("main.." == "main..HEAD").
  if (left.empty()) left = "HEAD";
  if (right.empty()) right = "HEAD";
  Result<std::string> from = resolve_commit(left);
  if (!from) return Error::wrap(from.error(), "range \"" + text + "\"");
  Result<std::string> to = resolve_commit(right);
  if (!to) return Error::wrap(to.error(), "range \"" + text + "\"");
  if (!symmetric) return RevRange{from.value(), to.value()};
  // "A...B" checks what B brings relative to where it forked from A, as `git diff A...B` shows.
  Result<std::string> base = merge_base(from.value(), to.value());
  if (!base) return Error::wrap(base.error(), "range \"" + text + "\"");
  return RevRange{base.value(), to.value()};
}

}  // namespace pushgate
