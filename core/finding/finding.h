#pragma once
// A finding is the one currency between validators and reporters:
//
//   Finding f = Finding::at("yaml/duplicate-key", Severity::kError, "app.yaml", {12, 3},
//                           "key \"image\" is defined twice; remove one (first at line 9)");
//
// Validators append findings to a FindingList; only the decision step and the reporters read them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pushgate {

enum class Severity : std::uint8_t {
  kInfo,     // informs (an exemption used, a note); never rejects
  kWarning,  // worth fixing; never rejects
  kError,    // rejects the push / fails the check
};

std::string_view to_string(Severity s);
// Parses "error", "warning" (or "warn"), "info"; false on anything else.
bool parse_severity(std::string_view text, Severity& out);

// 1-based line and column (columns count characters, not bytes); 0 where a position does not apply.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

struct Finding {
  std::string rule;  // stable id "family/name", e.g. "yaml/syntax"
  Severity severity = Severity::kError;
  std::string path;    // repository-relative path ("" for ref- or push-level findings)
  Position position;   // where in `path`
  std::uint32_t span = 0;  // characters to underline from `position` (0: just a caret)
  std::string message;     // lowercase, no trailing period: what is wrong and how to fix it
  // Optional context; empty / -1 where it does not apply.
  std::string ref;        // e.g. refs/heads/main
  std::string commit;     // full object id
  int document = -1;      // 0-based index of the document in a multi-document file
  std::string object;     // apiVersion/kind/namespace/name
  std::string json_path;  // e.g. spec.template.spec.containers[0].image
  // The text of line `position.line` (tabs kept, no newline), filled by the engine so that
  // reporters can draw a code frame without reading files. Never serialized.
  std::string source_line;

  static Finding at(std::string rule, Severity severity, std::string path, Position position,
                    std::string message) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.path = std::move(path);
    f.position = position;
    f.message = std::move(message);
    return f;
  }
};

using FindingList = std::vector<Finding>;

struct SeverityCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
};
SeverityCounts count_by_severity(const FindingList& findings);

// Worst first, then by path, line, column, rule: the order reporters print in.
void sort_for_report(FindingList& findings);

}  // namespace pushgate
