#pragma once
// What `pushgate check` adds for CI systems, after the engine found its findings and before the
// exit code: baselines (--baseline, --write-baseline), --new-only for commit ranges,
// --min-severity, --fail-on and extra report files (--output FORMAT=FILE). docs/ci.md,
// docs/baseline.md. The baseline itself is applied by the verdict pass (core/decision/verdict.h),
// where the hooks apply the config's `baseline:` too.
//
//   CheckCiOptions ci;  ci.add_to(*check);                   // flags
//   ... engine.check(...) ...
//   return finish_check(ci, output, std::move(findings), stats, started, in_scope);
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/output_options.h"
#include "core/engine/engine.h"
#include "core/git/repository.h"

namespace pushgate::cli {

struct CheckCiOptions {
  std::vector<std::string> outputs;  // FORMAT=FILE, each written besides stdout
  std::string fail_on = "error";     // error | warning | info
  std::string min_severity = "info";
  std::string baseline;        // report only findings not in this file
  std::string write_baseline;  // record today's findings here
  bool new_only = false;       // --git only: drop findings the range's base already had

  void add_to(CLI::App& command);
};

// Baseline, filters, the verdict pass (decide_verdict with --fail-on) and every report; returns
// the exit code (2 for an unreadable baseline, an unwritable output or an unknown output format).
// `in_scope(path)`: whether the run looked at a path (stale baseline entries elsewhere are not
// reported); null: every path.
int finish_check(const CheckCiOptions& ci, const OutputOptions& output, FindingList findings,
                 const CheckStats& stats, std::chrono::steady_clock::time_point started,
                 const std::function<bool(std::string_view)>& in_scope);

// --new-only: the findings `engine` reports for `paths` as they were at commit `base` (paths that
// did not exist there are skipped), to drop from the range's findings by fingerprint.
Result<FindingList> findings_at_base(const Engine& engine, const Repository& repository,
                                     const std::string& base, const std::vector<Entry>& paths);

// Removes from `findings` those that `earlier` already had (by fingerprint, counted).
FindingList drop_known(FindingList findings, const FindingList& earlier);

}  // namespace pushgate::cli
