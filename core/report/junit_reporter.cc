#include "core/report/junit_reporter.h"

#include <cstdio>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/utf8.h"

namespace pushgate {
namespace {

// Text for an XML 1.0 attribute or element: valid UTF-8, the five special characters escaped,
// and the control characters XML 1.0 cannot hold at all (all but tab, LF, CR) as U+FFFD.
std::string xml(std::string_view text) {
  const std::string valid = to_valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string seconds(std::uint64_t ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", static_cast<double>(ms) / 1000.0);
  return buffer;
}

// `path:line:col: severity[rule]: message`, the text format's finding line.
std::string finding_line(const Finding& f) {
  std::string where;
  if (!f.path.empty()) {
    where = f.path;
    if (f.position.line > 0) {
      where += ":" + std::to_string(f.position.line);
      if (f.position.column > 0) where += ":" + std::to_string(f.position.column);
    }
  } else if (!f.ref.empty()) {
    where = f.ref + (f.commit.empty() ? "" : " " + f.commit.substr(0, 7));
  } else {
    where = "pushgate";
  }
  return where + ": " + std::string(to_string(f.severity)) + "[" + f.rule + "]: " + f.message;
}

// The testcase a finding belongs to: its file, else its ref, else the run.
std::string case_name(const Finding& f) {
  if (!f.path.empty()) return f.path;
  if (!f.ref.empty()) return f.ref;
  return "pushgate";
}

}  // namespace

void JunitReporter::write(const Report& report, std::ostream& out) const {
  // Testcases in the order their first finding is reported (worst first).
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Finding*>> cases;
  for (const Finding& f : report.findings) {
    auto [it, added] = cases.try_emplace(case_name(f));
    if (added) order.push_back(it->first);
    it->second.push_back(&f);
  }
  std::size_t failed_cases = 0;
  for (const auto& [name, findings] : cases) {
    for (const Finding* f : findings) {
      if (f->severity >= options_.fail_on) {
        ++failed_cases;
        break;
      }
    }
  }
  // Files without findings are not listed one by one (the report does not carry them): one
  // passing testcase stands for them, so a clean run is a suite of one passed test.
  const std::size_t clean_files =
      report.summary.files > cases.size() ? report.summary.files - cases.size() : 0;
  const std::size_t tests = cases.size() + 1;
  const std::string time = seconds(report.summary.duration_ms);

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"pushgate\" tests=\"" << tests << "\" failures=\"" << failed_cases
      << "\" errors=\"0\" time=\"" << time << "\">\n";
  out << "  <testsuite name=\"pushgate\" tests=\"" << tests << "\" failures=\"" << failed_cases
      << "\" errors=\"0\" skipped=\"0\" time=\"" << time << "\">\n";
  for (const std::string& name : order) {
    const std::vector<const Finding*>& findings = cases.at(name);
    out << "    <testcase classname=\"pushgate\" name=\"" << xml(name) << "\"";
    if (!findings.front()->path.empty()) out << " file=\"" << xml(name) << "\"";
    out << " time=\"0\">\n";
    std::string notes;
    for (const Finding* f : findings) {
      if (f->severity >= options_.fail_on) {
        out << "      <failure type=\"" << xml(f->rule) << "\" message=\"" << xml(f->message)
            << "\">" << xml(finding_line(*f)) << "</failure>\n";
      } else {
        notes += finding_line(*f) + "\n";
      }
    }
    if (!notes.empty()) out << "      <system-out>" << xml(notes) << "</system-out>\n";
    out << "    </testcase>\n";
  }
  out << "    <testcase classname=\"pushgate\" name=\""
      << (report.findings.empty() ? "all files" : "other files") << "\" time=\"" << time << "\">\n";
  out << "      <system-out>" << clean_files << (clean_files == 1 ? " file" : " files")
      << " without findings (" << report.summary.documents << " documents checked in all)"
      << "</system-out>\n";
  out << "    </testcase>\n";
  out << "  </testsuite>\n";
  out << "</testsuites>\n";
}

}  // namespace pushgate
