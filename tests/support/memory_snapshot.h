#pragma once
// Test support: a snapshot held in memory, and a whole-tree check over it, for rules that judge
// the tree (gitops/kustomize-reference, ...). The engine runs for real; only the files are not
// on disk.
//
//   MemorySnapshot tree({{"base/kustomization.yaml", "resources: [deploy.yaml]\n"}});
//   FindingList all = check_tree(tree, {}, {});                  // a full check
//   FindingList push = check_tree(tree, {"base/deploy.yaml"}, {"base/old.yaml"});
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/finding/finding.h"
#include "core/source/snapshot.h"
#include "core/tree/summary_cache.h"

namespace pushgate::testing {

class MemorySnapshot final : public Snapshot {
 public:
  // path -> content; a content starting with "symlink:" is a symbolic link to the rest, and
  // "submodule:" a gitlink. Entries get a blob id derived from their content (as git's are), so
  // that summary caches work as on a real repository.
  explicit MemorySnapshot(const std::map<std::string, std::string>& files);
  std::string describe() const override { return "memory tree"; }
  const std::vector<Entry>& entries() const override { return entries_; }
  Result<std::string> read(const Entry& entry) const override;
  // The same tree with only the files at `paths` (as CheckRequest::base_at gives it).
  std::unique_ptr<MemorySnapshot> only(std::span<const std::string> paths) const;

 private:
  std::map<std::string, std::string> source_;  // as given
  std::map<std::string, std::string, std::less<>> files_;
  std::vector<Entry> entries_;
};

// Runs the engine with `config` over `tree`. `changed` empty and `deleted` empty: every file
// counts as changed (a full check). Findings of `rule_prefix` only, as "path:line:col rule".
std::vector<std::string> check_tree(const MemorySnapshot& tree,
                                    const std::vector<std::string>& changed,
                                    const std::vector<std::string>& deleted,
                                    const std::string& rule_prefix = "gitops/",
                                    const Config& config = Config{});
// The same, with the findings themselves.
FindingList check_tree_findings(const MemorySnapshot& tree, const std::vector<std::string>& changed,
                                const std::vector<std::string>& deleted,
                                const std::string& rule_prefix = "gitops/",
                                const Config& config = Config{});

// A change from `base` to `tree` as a push checks it: the changed and deleted paths are
// computed, rules that compare with the tree before the change get `base`, and `summaries`
// (optional) is the object index the run reads and fills.
FindingList check_change_findings(const MemorySnapshot& base, const MemorySnapshot& tree,
                                  const std::string& rule_prefix = "gitops/",
                                  const Config& config = Config{},
                                  SummaryCache* summaries = nullptr);
std::vector<std::string> check_change(const MemorySnapshot& base, const MemorySnapshot& tree,
                                      const std::string& rule_prefix = "gitops/",
                                      const Config& config = Config{},
                                      SummaryCache* summaries = nullptr);
// "path:line:col rule" for each finding.
std::vector<std::string> describe_findings(const FindingList& findings);

}  // namespace pushgate::testing
