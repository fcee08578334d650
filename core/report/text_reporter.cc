#include "core/report/text_reporter.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/capped_text.h"
#include "core/base/words.h"
#include "core/report/code_frame.h"
#include "core/report/terminal_text.h"

namespace pushgate {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
// Short object ids in messages, as git prints them.
constexpr std::size_t kShortIdLength = 7;

std::string_view severity_colour(Severity s) {
  switch (s) {
    case Severity::kError:
      return "\x1b[1;31m";
    case Severity::kWarning:
      return "\x1b[1;33m";
    case Severity::kInfo:
      return "\x1b[1;36m";
  }
  return kBold;
}

// "path:12:7", "path", "refs/heads/main 1a2b3c4", or "pushgate" for push-level findings.
std::string location(const Finding& f) {
  if (!f.path.empty()) {
    std::string out = printable(f.path);
    if (f.position.line > 0) {
      out += ":" + std::to_string(f.position.line);
      if (f.position.column > 0) out += ":" + std::to_string(f.position.column);
    }
    return out;
  }
  std::string out = printable(f.ref);
  if (!f.commit.empty()) {
    if (!out.empty()) out += ' ';
    out += printable(f.commit.substr(0, kShortIdLength));
  }
  return out.empty() ? "pushgate" : out;
}

// Findings in the order people read them: by ref (the order of the pushed refs, push-level
// findings first), then by file (files with the worst findings first), then worst first.
struct FileGroup {
  std::string_view path;
  Severity worst = Severity::kInfo;
  std::vector<const Finding*> findings;
};

struct RefGroup {
  std::string_view ref;
  std::vector<FileGroup> files;
};

std::vector<RefGroup> group(const Report& report) {
  std::vector<RefGroup> groups;
  auto group_for = [&](std::string_view ref) -> RefGroup& {
    for (RefGroup& g : groups) {
      if (g.ref == ref) return g;
    }
    groups.push_back(RefGroup{ref, {}});
    return groups.back();
  };
  group_for("");
  for (const RefOutcome& r : report.refs) group_for(r.ref);
  for (const Finding& f : report.findings) {
    RefGroup& g = group_for(f.ref);
    auto file = std::find_if(g.files.begin(), g.files.end(),
                             [&](const FileGroup& fg) { return fg.path == f.path; });
    if (file == g.files.end()) {
      g.files.push_back(FileGroup{f.path, f.severity, {}});
      file = std::prev(g.files.end());
    }
    file->worst = std::max(file->worst, f.severity);
    file->findings.push_back(&f);
  }
  for (RefGroup& g : groups) {
    std::stable_sort(g.files.begin(), g.files.end(), [](const FileGroup& a, const FileGroup& b) {
      return a.worst != b.worst ? a.worst > b.worst : a.path < b.path;
    });
    for (FileGroup& file : g.files) {
      std::stable_sort(file.findings.begin(), file.findings.end(),
                       [](const Finding* a, const Finding* b) {
                         if (a->severity != b->severity) return a->severity > b->severity;
                         if (a->position.line != b->position.line) {
                           return a->position.line < b->position.line;
                         }
                         return a->position.column < b->position.column;
                       });
    }
  }
  std::erase_if(groups, [](const RefGroup& g) { return g.files.empty(); });
  return groups;
}

}  // namespace

void TextReporter::write(const Report& report, std::ostream& out) const {
  auto paint = [&](std::string_view colour, std::string_view text) {
    return options_.color ? std::string(colour) + std::string(text) + std::string(kReset)
                          : std::string(text);
  };
  auto counts = [](std::size_t errors, std::size_t warnings) {
    return plural(errors, "error") + ", " + plural(warnings, "warning");
  };
  auto verdict = [](Decision d) { return d == Decision::kReject ? "rejected" : "accepted"; };

  if (options_.hook) {
    // A push-level finding (no ref: the config, the hook input, the audit log) applies to every
    // ref: the header counts it, so that a rejected ref never reads "0 errors".
    std::size_t push_errors = 0, push_warnings = 0;
    for (const Finding& f : report.findings) {
      if (!f.ref.empty()) continue;
      push_errors += f.severity == Severity::kError;
      push_warnings += f.severity == Severity::kWarning;
    }
    for (const RefOutcome& r : report.refs) {
      out << "pushgate: " << verdict(r.decision) << ' ' << printable(r.ref) << " ("
          << counts(r.counts.errors + push_errors, r.counts.warnings + push_warnings) << ") in "
          << report.summary.duration_ms << " ms\n";
    }
    if (report.refs.empty()) {
      out << "pushgate: " << verdict(report.decision) << " ("
          << counts(report.summary.errors, report.summary.warnings) << ") in "
          << report.summary.duration_ms << " ms\n";
    }
  }

  const std::vector<RefGroup> groups = group(report);
  for (const RefGroup& g : groups) {
    // A heading only when findings span several refs: one ref's findings need no label.
    if (groups.size() > 1 && !g.ref.empty()) out << "in " << printable(g.ref) << ":\n";
    for (const FileGroup& file : g.files) {
      for (const Finding* f : file.findings) {
        const std::string_view colour = severity_colour(f->severity);
        out << location(*f) << ": " << paint(colour, to_string(f->severity)) << '['
            << paint(kBold, printable(f->rule))
            << "]: " << printable(cap_long_runs(f->message)) << '\n';
        if (f->position.line > 0 && !f->source_line.empty()) {
          out << code_frame(f->source_line, f->position, f->span, options_.color ? colour : "",
                            options_.color ? kReset : "");
        }
      }
    }
  }

  if (!report.findings.empty()) {
    out << (report.docs_hint.empty()
                ? "run `pushgate rules RULE-ID` to read what a rule checks and how to fix it"
                : report.docs_hint)
        << '\n';
  }
  if (!report.bypass_hint.empty() && report.decision == Decision::kReject) {
    out << report.bypass_hint << '\n';
  }
  if (!options_.hook) {
    const Summary& s = report.summary;
    out << counts(s.errors, s.warnings) << " in " << plural(s.files, "file") << " ("
        << plural(s.documents, "document") << "), " << s.duration_ms << " ms\n";
  }
}

}  // namespace pushgate
