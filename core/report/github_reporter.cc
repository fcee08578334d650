#include "core/report/github_reporter.h"

#include <ostream>
#include <string>

#include "core/base/utf8.h"

namespace pushgate {
namespace {

std::string_view command_for(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "notice";
  }
  return "notice";
}

// GitHub's escaping for a command's message (toolkit `escapeData`): %, CR and LF.
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : to_valid_utf8(text)) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// ... and for a property value (toolkit `escapeProperty`): also ':' and ','.
std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

void GithubReporter::write(const Report& report, std::ostream& out) const {
  for (const Finding& f : report.findings) {
    out << "::" << command_for(f.severity) << ' ';
    std::string properties;
    auto add = [&properties](std::string_view key, const std::string& value) {
      if (!properties.empty()) properties += ',';
      properties += std::string(key) + "=" + escape_property(value);
    };
    if (!f.path.empty()) {
      add("file", f.path);
      if (f.position.line > 0) {
        add("line", std::to_string(f.position.line));
        if (f.position.column > 0) {
          add("col", std::to_string(f.position.column));
          // endColumn is inclusive in GitHub's annotations.
          if (f.span > 1) add("endColumn", std::to_string(f.position.column + f.span - 1));
        }
      }
    }
    add("title", "pushgate " + f.rule);
    out << properties << "::";
    std::string message = f.message;
    if (f.path.empty() && !f.ref.empty()) {
      message = f.ref + (f.commit.empty() ? "" : " " + f.commit.substr(0, 7)) + ": " + message;
    }
    out << escape_data(message + " (run `pushgate rules " + f.rule + "`)") << '\n';
  }
  // A plain line: the job log's summary.
  out << "pushgate: " << to_string(report.decision) << "ed, " << report.summary.errors
      << (report.summary.errors == 1 ? " error, " : " errors, ") << report.summary.warnings
      << (report.summary.warnings == 1 ? " warning" : " warnings") << " in " << report.summary.files
      << (report.summary.files == 1 ? " file" : " files") << '\n';
  (void)options_;
}

}  // namespace pushgate
