#include "core/push/push_plan.h"

#include <algorithm>
#include <unordered_set>

#include "core/base/glob.h"
#include "core/git/object_id.h"

namespace pushgate {
namespace {

bool is_tag_ref(std::string_view ref) {
  return ref.starts_with("refs/tags/");
}

RefUpdateKind kind_of(const RefUpdate& update) {
  bool tag = is_tag_ref(update.ref);
  if (is_zero_object_id(update.new_id))
    return tag ? RefUpdateKind::kTagDelete : RefUpdateKind::kDelete;
  if (is_zero_object_id(update.old_id))
    return tag ? RefUpdateKind::kTagCreate : RefUpdateKind::kCreate;
  return tag ? RefUpdateKind::kTagMove : RefUpdateKind::kUpdate;
}

// The commits of every validated ref: what the gate has already let in (or what predates it).
Result<std::vector<std::string>> validated_tips(const Repository& repository,
                                                const GlobSet& validated_refs) {
  Result<std::vector<RefTip>> refs = repository.list_refs();
  if (!refs) return refs.error();
  std::vector<std::string> tips;
  for (const RefTip& ref : refs.value()) {
    if (!ref.commit.empty() && validated_refs.matches(ref.name)) tips.push_back(ref.commit);
  }
  std::sort(tips.begin(), tips.end());
  tips.erase(std::unique(tips.begin(), tips.end()), tips.end());
  return tips;
}

// Follows first parents from `tip` to the first commit that is not new; "" when the whole line
// is new (an entirely new history).
Result<std::string> nearest_existing(const Repository& repository, const std::string& tip,
                                     const std::vector<std::string>& new_commits) {
  std::unordered_set<std::string> fresh(new_commits.begin(), new_commits.end());
  std::string commit = tip;
  while (fresh.count(commit) != 0) {
    Result<CommitInfo> info = repository.read_commit(commit);
    if (!info) return info.error();
    if (info.value().parents.empty()) return std::string();
    commit = info.value().parents.front();
  }
  return commit;
}

Result<CommitChanges> changes_of_commit(const Repository& repository, const std::string& commit) {
  Result<CommitInfo> info = repository.read_commit(commit);
  if (!info) return info.error();
  CommitChanges changes;
  changes.commit = commit;
  if (!info.value().parents.empty()) changes.parent = info.value().parents.front();
  Result<TreeChanges> diff = repository.diff_trees(changes.parent, commit);
  if (!diff) return diff.error();
  changes.changed = std::move(diff.value().changed);
  changes.deleted = std::move(diff.value().deleted);
  return changes;
}

Finding non_commit_finding(const RefUpdate& update, const Error& why) {
  Finding f = Finding::at("git/non-commit-ref", Severity::kError, "", {},
                          why.message + "; pushgate checks the files of commits, so point " +
                              update.ref + " at a commit");
  f.ref = update.ref;
  f.commit = update.new_id;
  return f;
}

// Fills kind, tip, fast_forward and new_commits, and the files when the ref is validated.
Status plan_ref(const Repository& repository, const Config& config,
                const std::vector<std::string>& hidden, RefPlan& plan) {
  const RefUpdate& update = plan.update;
  Result<std::string> tip = repository.resolve_commit(update.new_id);
  if (!tip) {
    if (tip.error().code != ErrorCode::kInvalid) return tip.error();
    // A tag (or ref) of a tree or blob: valid git, but nothing pushgate can check.
    if (plan.validated) plan.findings.push_back(non_commit_finding(update, tip.error()));
    return Status::ok();
  }
  plan.tip = tip.value();

  std::string old_tip;
  if (!is_zero_object_id(update.old_id)) {
    Result<std::string> old = repository.resolve_commit(update.old_id);
    if (old) {
      old_tip = old.value();
    } else if (old.error().code != ErrorCode::kInvalid) {
      return Error::wrap(old.error(), "old value of " + update.ref);
    }  // an old tag of a tree: compare as for a new ref
  }
  if (!old_tip.empty() && old_tip != plan.tip) {
    Result<bool> descends = repository.is_descendant_of(plan.tip, old_tip);
    if (!descends) return descends.error();
    plan.fast_forward = descends.value();
  }

  Result<std::vector<std::string>> fresh = repository.new_commits(plan.tip, hidden);
  if (!fresh) return fresh.error();
  plan.new_commits = std::move(fresh.value());
  if (!plan.validated) return Status::ok();

  if (config.validate == ValidateMode::kEveryCommit) {
    for (const std::string& commit : plan.new_commits) {
      Result<CommitChanges> changes = changes_of_commit(repository, commit);
      if (!changes) return changes.error();
      plan.commits.push_back(std::move(changes.value()));
    }
    return Status::ok();
  }

  if (!old_tip.empty()) {
    plan.base = old_tip;
  } else {
    Result<std::string> base = nearest_existing(repository, plan.tip, plan.new_commits);
    if (!base) return base.error();
    plan.base = base.value();
  }
  if (plan.base == plan.tip) return Status::ok();  // nothing new: the ref points at known content
  Result<TreeChanges> diff = repository.diff_trees(plan.base, plan.tip);
  if (!diff) return diff.error();
  plan.changed = std::move(diff.value().changed);
  plan.deleted = std::move(diff.value().deleted);
  return Status::ok();
}

}  // namespace

bool RefPlan::has_files() const {
  if (!validated) return false;
  // Deletions count: whole-tree rules judge what still refers to a deleted path.
  if (!changed.empty() || !deleted.empty()) return true;
  return std::any_of(commits.begin(), commits.end(), [](const CommitChanges& c) {
    return !c.changed.empty() || !c.deleted.empty();
  });
}

bool PushPlan::nothing_to_check() const {
  return std::none_of(refs.begin(), refs.end(), [](const RefPlan& ref) {
    return ref.has_files() || !ref.findings.empty() || ref.error.has_value();
  });
}

Result<PushPlan> plan_push(const Repository& repository, const std::vector<RefUpdate>& updates,
                           const Config& config) {
  Result<GlobSet> validated_refs = GlobSet::compile(config.validate_refs);
  if (!validated_refs) return Error::wrap(validated_refs.error(), "validate_refs");

  PushPlan plan;
  std::optional<std::vector<std::string>> hidden;  // listed once, and only if a ref needs it
  for (const RefUpdate& update : updates) {
    RefPlan& ref = plan.refs.emplace_back();
    ref.update = update;
    if (!is_object_id(update.old_id) || !is_object_id(update.new_id) || update.ref.empty() ||
        (is_zero_object_id(update.old_id) && is_zero_object_id(update.new_id))) {
      ref.error = Error{ErrorCode::kInvalid, "malformed ref update \"" + update.old_id + " " +
                                                 update.new_id + " " + update.ref + "\""};
      continue;
    }
    ref.kind = kind_of(update);
    if (ref.is_deletion()) continue;  // passed through; recorded for git rules
    ref.validated = validated_refs.value().matches(update.ref);
    if (!hidden) {
      Result<std::vector<std::string>> tips = validated_tips(repository, validated_refs.value());
      if (!tips) return Error::wrap(tips.error(), "list existing refs");
      hidden = std::move(tips.value());
    }
    Status status = plan_ref(repository, config, *hidden, ref);
    if (!status) ref.error = Error::wrap(status.error(), update.ref);
  }
  return plan;
}

Result<RangePlan> plan_range(const Repository& repository, std::string_view spec) {
  Result<RevRange> range = repository.parse_range(spec);
  if (!range) return range.error();
  RangePlan plan;
  plan.range = range.value();

  if (plan.range.from.empty()) {
    Result<CommitChanges> changes = changes_of_commit(repository, plan.range.to);
    if (!changes) return changes.error();
    plan.base = changes.value().parent;
    plan.changed = changes.value().changed;
    plan.deleted = changes.value().deleted;
    plan.commits.push_back(std::move(changes.value()));
    return plan;
  }

  plan.base = plan.range.from;
  Result<TreeChanges> diff = repository.diff_trees(plan.range.from, plan.range.to);
  if (!diff) return diff.error();
  plan.changed = std::move(diff.value().changed);
  plan.deleted = std::move(diff.value().deleted);
  Result<std::vector<std::string>> commits =
      repository.new_commits(plan.range.to, {plan.range.from});
  if (!commits) return commits.error();
  for (const std::string& commit : commits.value()) {
    Result<CommitChanges> changes = changes_of_commit(repository, commit);
    if (!changes) return changes.error();
    plan.commits.push_back(std::move(changes.value()));
  }
  return plan;
}

}  // namespace pushgate
