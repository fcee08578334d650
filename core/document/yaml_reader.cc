// YAML through libyaml's event parser (not yaml-cpp: 5-7x faster with positions, and it rejects
// invalid UTF-8 that yaml-cpp accepts; docs/yaml-parsing.md has the figures). libyaml checks the
// syntax; DocumentBuilder adds what libyaml's event API leaves to its users.
#include <yaml.h>

#include <cstring>
#include <optional>
#include <string>

#include "core/document/document.h"
#include "core/document/document_builder.h"
#include "core/document/scalar_resolver.h"
#include "core/document/text_position.h"

namespace pushgate {
namespace {

// RAII owners for libyaml's two C handles.
class YamlParser {
 public:
  YamlParser(std::string_view bytes) {
    ok_ = yaml_parser_initialize(&parser_) != 0;
    if (ok_) {
      // libyaml asserts on a null input, which an empty view without storage has (an unread
      // file's std::string_view{}): give it an empty string instead of aborting.
      static constexpr unsigned char kEmpty[1] = {0};
      const unsigned char* input =
          bytes.data() != nullptr ? reinterpret_cast<const unsigned char*>(bytes.data()) : kEmpty;
      yaml_parser_set_input_string(&parser_, input, bytes.size());
    }
  }
  ~YamlParser() {
    if (ok_) yaml_parser_delete(&parser_);
  }
  YamlParser(const YamlParser&) = delete;
  YamlParser& operator=(const YamlParser&) = delete;
  bool ok() const { return ok_; }
  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_{};
  bool ok_ = false;
};

class YamlEvent {
 public:
  YamlEvent() = default;
  ~YamlEvent() { reset(); }
  YamlEvent(const YamlEvent&) = delete;
  YamlEvent& operator=(const YamlEvent&) = delete;
  // Parses the next event into this owner; false on a parse error.
  bool next(yaml_parser_t* parser) {
    reset();
    live_ = yaml_parser_parse(parser, &event_) != 0;
    return live_;
  }
  const yaml_event_t& operator*() const { return event_; }
  const yaml_event_t* operator->() const { return &event_; }

 private:
  void reset() {
    if (live_) yaml_event_delete(&event_);
    live_ = false;
  }
  yaml_event_t event_{};
  bool live_ = false;
};

Position pos(const yaml_mark_t& m) {
  return Position{static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
}

std::string_view str(const yaml_char_t* s) {
  return s == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(s));
}

ScalarStyle style_of(yaml_scalar_style_t s) {
  switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::kSingleQuoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::kDoubleQuoted;
    case YAML_LITERAL_SCALAR_STYLE:
      return ScalarStyle::kLiteral;
    case YAML_FOLDED_SCALAR_STYLE:
      return ScalarStyle::kFolded;
    default:
      return ScalarStyle::kPlain;
  }
}

std::string hex_byte(int value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  s += kDigits[(value >> 4) & 0xF];
  s += kDigits[value & 0xF];
  return s;
}

// The character at a libyaml mark, found through the line text (marks count characters).
std::string_view char_at(std::string_view bytes, Position p) {
  const std::string_view line = line_text(bytes, p.line);
  const std::size_t off = column_offset(line, p.column);
  if (off >= line.size()) return {};
  return line.substr(off, 1);
}

// Turns libyaml's error state into a finding a person can act on.
Finding syntax_finding(const yaml_parser_t& parser, std::string_view path, std::string_view bytes,
                       int document) {
  Finding f;
  f.path = std::string(path);
  f.severity = Severity::kError;
  f.document = document;
  const std::string problem = parser.problem ? parser.problem : "unknown parse error";
  if (parser.error == YAML_READER_ERROR) {
    f.rule = "yaml/encoding";
    f.position = position_at_offset(bytes, parser.problem_offset);
    // libyaml reports -1 as the value of an incomplete sequence: show the byte that starts it.
    const int value = parser.problem_value >= 0 || parser.problem_offset >= bytes.size()
                          ? parser.problem_value
                          : static_cast<unsigned char>(bytes[parser.problem_offset]);
    if (problem.find("UTF-8") != std::string::npos || problem.find("utf-8") != std::string::npos) {
      f.message = problem + " (byte " + hex_byte(value) +
                  "); the file must be valid UTF-8: re-save it with UTF-8 encoding";
    } else if (problem == "control characters are not allowed") {
      f.message = "control character " + hex_byte(parser.problem_value) +
                  " is not allowed in YAML; remove it, or write it as an escape (\\x" +
                  hex_byte(parser.problem_value).substr(2) + ") inside a double-quoted string";
    } else {
      f.message = problem + "; the file must be valid UTF-8 text";
    }
    return f;
  }
  f.rule = "yaml/syntax";
  f.position = pos(parser.problem_mark);
  const std::string context = parser.context ? parser.context : "";
  const Position context_at = pos(parser.context_mark);
  if (problem == "found character that cannot start any token" &&
      char_at(bytes, f.position) == "\t") {
    f.message = "tab character used for indentation; YAML allows only spaces there: replace the "
                "tab with spaces";
    return f;
  }
  f.message = problem;
  if (!context.empty()) {
    f.message += " " + context;
    if (context_at.line != f.position.line || context_at.column != f.position.column) {
      f.message += " started at line " + std::to_string(context_at.line) + ", column " +
                   std::to_string(context_at.column);
    }
  }
  if (problem == "mapping values are not allowed in this context") {
    f.message += "; a plain value may not contain `: `: quote the value, or fix the indentation";
  } else if (problem == "did not find expected key" ||
             problem == "did not find expected '-' indicator") {
    f.message += "; check the indentation of this line against the lines above";
  } else if (problem == "could not find expected ':'") {
    f.message += "; a key must be followed by `: `, or a value that spans lines must be quoted";
  } else if (problem.find("found undefined tag handle") != std::string::npos) {
    f.message += "; declare the tag handle with %TAG or quote the value";
  }
  return f;
}

}  // namespace

ParsedFile parse_yaml(std::string path, std::string_view bytes, const ParseLimits& limits) {
  ParsedFile file;
  file.path = std::move(path);
  file.format = FileFormat::kYaml;
  if (bytes.size() > limits.max_bytes) {
    file.complete = false;
    file.findings.push_back(Finding::at(
        "yaml/too-large", Severity::kError, file.path, Position{},
        "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
            std::to_string(limits.max_bytes) +
            " bytes for parsing; split it into smaller files or raise files.max_size"));
    return file;
  }
  YamlParser parser(bytes);
  if (!parser.ok()) {
    file.complete = false;
    file.findings.push_back(Finding::at("internal/error", Severity::kError, file.path, Position{},
                                        "could not initialize the YAML parser (out of memory?)"));
    return file;
  }
  std::optional<DocumentBuilder> builder;
  int index = 0;
  YamlEvent event;
  for (;;) {
    if (!event.next(parser.get())) {
      file.findings.push_back(syntax_finding(*parser.get(), file.path, bytes, index));
      file.complete = false;
      return file;
    }
    bool ok = true;
    switch (event->type) {
      case YAML_STREAM_END_EVENT:
        return file;
      case YAML_DOCUMENT_START_EVENT:
        builder.emplace("yaml", file.path, index, pos(event->start_mark), limits, file.findings);
        break;
      case YAML_DOCUMENT_END_EVENT: {
        Document doc = builder->finish();
        builder.reset();
        ++index;
        // Empty documents (`---` with nothing after it: libyaml reports an empty plain scalar)
        // are skipped, as kubectl does.
        const NodeRef root = doc.root();
        const bool empty = doc.empty() || (root.kind() == NodeKind::kNull && root.text().empty() &&
                                           root.style() == ScalarStyle::kPlain);
        if (!empty) file.documents.push_back(std::move(doc));
        break;
      }
      case YAML_MAPPING_START_EVENT:
        ok = builder->begin_container(
            NodeKind::kMapping, pos(event->start_mark),
            event->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE,
            str(event->data.mapping_start.anchor));
        break;
      case YAML_SEQUENCE_START_EVENT:
        ok = builder->begin_container(
            NodeKind::kSequence, pos(event->start_mark),
            event->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE,
            str(event->data.sequence_start.anchor));
        break;
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT:
        ok = builder->end_container(pos(event->end_mark));
        break;
      case YAML_SCALAR_EVENT: {
        const auto& s = event->data.scalar;
        const std::string_view text(reinterpret_cast<const char*>(s.value), s.length);
        const std::string_view tag = str(s.tag);
        const ScalarStyle style = style_of(s.style);
        ResolvedScalar value;
        bool tagged = false;
        if (!tag.empty() && tag != "!") {
          tagged = true;
          if (!resolve_tagged_scalar(tag, text, value)) {
            file.findings.push_back(Finding::at(
                "yaml/tag", Severity::kError, file.path, pos(event->start_mark),
                "`" + std::string(text) + "` cannot be read as " + std::string(tag) +
                    "; fix the value or remove the tag"));
            value = ResolvedScalar{};
          }
        } else if (style == ScalarStyle::kPlain && tag.empty()) {
          value = resolve_plain_scalar(text);
        }
        ok = builder->scalar(value, style, tagged, pos(event->start_mark), pos(event->end_mark),
                             text, str(s.anchor));
        break;
      }
      case YAML_ALIAS_EVENT:
        ok = builder->alias(str(event->data.alias.anchor), pos(event->start_mark),
                            pos(event->end_mark));
        break;
      default:
        break;
    }
    if (!ok) {
      file.complete = false;
      return file;
    }
  }
}

}  // namespace pushgate
