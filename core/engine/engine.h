#pragma once
// The engine runs the pipeline over one snapshot: select files, read and parse them, run every
// enabled validator, collect findings. It knows nothing about hooks, exit codes or output.
//
//   Engine engine(config);
//   CheckRequest request{&snapshot, snapshot.entries(), "refs/heads/main", commit_id};
//   CheckOutcome outcome = engine.check(request);
//
// Files are parsed in parallel (one worker per core, bounded); findings come back in a
// deterministic order whatever the scheduling.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/finding/finding.h"
#include "core/source/snapshot.h"
#include "core/tree/summary_cache.h"

namespace pushgate {

struct CheckRequest {
  const Snapshot* snapshot = nullptr;
  std::vector<Entry> files;  // the entries to validate (e.g. those a push changed)
  // Paths the change removed (a push's deletions): whole-tree rules judge what referred to them.
  std::vector<std::string> deleted;
  std::string ref;  // context copied into findings ("" outside git)
  std::string commit;
  std::string repository;  // for policies that ask (OPA input); "" when unknown
  std::string pusher;      // who pushed, for policies that ask; "" when unknown
  // Opens the tree before the change, for whole-tree rules that report what the change broke
  // (Engine::wants_base()). Called at most once, and only when a rule needs that tree (most
  // changes break nothing): listing an old tip is the cost it defers. The snapshot it returns
  // must outlive Engine::check; an error becomes an internal/error finding. Empty: there is none
  // (a directory, a new ref, a root commit).
  std::function<Result<const Snapshot*>()> base;
  // The tree before the change at `paths` only (the paths the change touched), read without
  // listing the rest: what those paths held before, so that whole-tree rules can tell a change
  // that touched nothing they read from one that did (RunContext::base_of_changes()). Called at
  // most once, with `files` and `deleted`, and only when a rule asks. Empty: not offered.
  std::function<Result<std::unique_ptr<Snapshot>>(std::span<const std::string> paths)> base_at;
  // File summaries kept across runs (the object index beside the repository); null: none.
  SummaryCache* summaries = nullptr;
};

struct CheckStats {
  std::size_t files = 0;      // files parsed
  std::size_t documents = 0;  // documents parsed
  std::uint64_t bytes = 0;
};

struct CheckOutcome {
  FindingList findings;
  CheckStats stats;
};

class ValidatorSet;

class Engine {
 public:
  explicit Engine(const Config& config, unsigned threads = 0);  // 0: one per core
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // True when `entry` may be a file pushgate parses (include/exclude globs; a Helm chart's
  // templates too: check() tells a template from a file a kustomization names).
  bool selects(const Snapshot& snapshot, const Entry& entry) const;
  CheckOutcome check(const CheckRequest& request) const;
  // True when some enabled validator compares with the tree before the change: only then may
  // CheckRequest::base be called.
  bool wants_base() const;
  // The parse limits of the config (what an object index is keyed by).
  const ParseLimits& limits() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushgate
