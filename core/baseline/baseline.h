#pragma once
// A baseline: the findings a repository already had when it adopted pushgate, by fingerprint
// (core/report/fingerprint.h: rule, path, object, field path, message; never line numbers), so
// that a check reports and fails on new findings only.
//
//   Baseline today = Baseline::from(findings);           // `pushgate check --write-baseline F`
//   write_file(F, today.to_json());
//   Result<Baseline> b = Baseline::load(F);              // `--baseline F`, or `baseline:` on a
//   server BaselineResult r = apply_baseline(std::move(findings), b.value(), nullptr);
//   // r.findings: the new ones, plus one info notice per entry that no longer occurs
//
// The file is JSON (docs/baseline.md): {"version": 1, "findings": [{fingerprint, count, rule,
// path, object, json_path, message}...]}, sorted, so that it diffs well in review. Only the
// fingerprint and count decide; the other fields are there for the people reading it.
// Knows nothing about where findings come from or how they are reported.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/finding/finding.h"

namespace pushgate {

// The rule id of the notice for a baseline entry that no longer occurs.
inline constexpr std::string_view kBaselineFixedRule = "config/baseline-fixed";
// A baseline file larger than this is refused (a baseline of 100 000 findings is ~30 MB).
inline constexpr std::size_t kMaxBaselineBytes = 64 * 1024 * 1024;

// Whether a finding can be recorded in, and dropped by, a baseline: one about a file's content
// that was there before. Never the gate's own health or this push's facts: `internal/*` (OPA down,
// out of memory), `config/*`, `git/*` (protected refs, commits, signatures) and findings that name
// no file — a baseline written while OPA was down must not accept every later push that OPA
// cannot judge.
bool can_be_baselined(const Finding& finding);

struct BaselineEntry {
  std::string fingerprint;
  std::size_t count = 1;  // how many findings share the fingerprint (identical lines in one file)
  std::string rule;
  std::string path;
  std::string object;
  std::string json_path;
  std::string message;
};

class Baseline {
 public:
  static Baseline from(const FindingList& findings);
  // Reads and checks a baseline file: kNotFound when it does not exist, kInvalid when it is not
  // a baseline (the message says where).
  static Result<Baseline> load(const std::string& path);
  static Result<Baseline> parse(std::string_view text);

  std::string to_json() const;
  const std::vector<BaselineEntry>& entries() const { return entries_; }

 private:
  std::vector<BaselineEntry> entries_;  // sorted by path, rule, fingerprint
};

struct BaselineResult {
  FindingList findings;        // the findings not in the baseline, then the stale notices
  std::size_t suppressed = 0;  // findings the baseline accounted for
  std::size_t stale = 0;       // entries (counting `count`) that no longer occur
};

// Drops the findings the baseline holds, of those can_be_baselined (each entry absorbs up to
// `count` findings with its fingerprint), and adds an info finding "fixed, remove from baseline"
// for each entry left over. `in_scope(path)` says whether a path was checked at all (a sub-folder,
// a commit range): entries outside the scope are not stale, just not looked at ("" is the path of
// ref- and run-level findings). Null: everything was in scope.
BaselineResult apply_baseline(FindingList findings, const Baseline& baseline,
                              const std::function<bool(std::string_view path)>& in_scope);

}  // namespace pushgate
