#pragma once
// Runs the engine over every validated ref of a planned push: the tip's changed files (or each
// new commit's, in every-commit mode), with `ref` and `commit` set on every finding, and one
// RefOutcome per update. Problems planning or reading a ref become `internal/error` findings on
// that ref; the decision step turns the findings into accept or reject. The git rules
// (validators/git) judge every planned ref, deletions and unvalidated refs included.
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/engine/engine.h"
#include "core/git/repository.h"
#include "core/push/push_plan.h"
#include "core/report/report.h"
#include "validators/git/git_rule.h"

namespace pushgate {

struct PushCheck {
  FindingList findings;
  std::vector<RefOutcome> refs;  // one per update, in push order
  CheckStats stats;
  bool checked_any = false;  // the engine ran for at least one commit (some file was selected)
};

// What the push says beyond its ref updates, for the git rules (`refs:` in the config).
struct PushContext {
  std::optional<Pusher> pusher;                                 // hooks/pusher.h
  std::vector<std::string> push_options;                        // `git push -o …`
  std::string pusher_hint = std::string(kPusherVariablesHint);  // where the pusher was looked for
  // File summaries kept beside the repository (the object index); null: every run summarizes
  // the files it needs.
  SummaryCache* summaries = nullptr;
};

PushCheck check_push(const Repository& repository, const PushPlan& plan, const Engine& engine,
                     const Config& config, const PushContext& context = {});

// The per-ref decision: any error finding for the ref rejects it.
void decide_refs(const FindingList& findings, std::vector<RefOutcome>& refs);

}  // namespace pushgate
