#pragma once
// What a run decided, and the writers that show it. Reporters only write; they never decide.
//
//   Report report = ...;                       // built by the decision step
//   auto reporter = make_reporter("json", {});
//   reporter->write(report, std::cout);
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding/finding.h"

namespace pushgate {

enum class Decision : std::uint8_t { kAccept, kReject };
std::string_view to_string(Decision d);  // "accept" / "reject"

// One pushed ref (hook mode only).
struct RefOutcome {
  std::string ref;
  std::string old_id;
  std::string new_id;
  Decision decision = Decision::kAccept;
  SeverityCounts counts;
};

struct Summary {
  std::size_t files = 0;
  std::size_t documents = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::uint64_t duration_ms = 0;
};

struct Report {
  Decision decision = Decision::kAccept;
  FindingList findings;      // sorted for reporting
  Summary summary;
  std::vector<RefOutcome> refs;  // empty outside hook mode
  std::string docs_hint;     // e.g. "see `pushgate rules RULE` or docs/rules/"
  std::string bypass_hint;   // "" unless configured
};

struct ReporterOptions {
  bool color = false;  // decided by the caller from --color, TTY and NO_COLOR
  bool hook = false;   // hook mode: group by ref, keep lines short (git prefixes "remote: ")
  // The severity from which a finding fails the run (`--fail-on`): JUnit writes those as
  // <failure>, the rest as output. Formats without that notion ignore it.
  Severity fail_on = Severity::kError;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void write(const Report& report, std::ostream& out) const = 0;
};

// One of reporter_formats() ("text", "json", "sarif", "junit", "github", "gitlab"); nullptr for
// an unknown format.
std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReporterOptions& options);
std::vector<std::string_view> reporter_formats();

// The exit code is a function of the decision (docs/output.md "Exit codes"): 0 accept, 1 reject.
int exit_code_for(Decision d);

}  // namespace pushgate
