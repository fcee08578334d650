// Strict JSON through nlohmann's SAX parser (iterative, validates UTF-8 and the grammar), into the
// same positioned model as YAML. nlohmann's SAX events carry no positions, so a cursor walks the
// same bytes in lockstep: the parser has already accepted each token when its event arrives, so the
// cursor only needs to skip whitespace and separators to find where the token starts.
#include <nlohmann/json.hpp>

#include <limits>
#include <string>

#include "core/document/document.h"
#include "core/document/document_builder.h"
#include "core/document/text_position.h"

namespace pushgate {
namespace {

class TokenCursor {
 public:
  explicit TokenCursor(std::string_view bytes) : bytes_(bytes) {
    // nlohmann skips a UTF-8 byte order mark; so does the cursor (it is not a character).
    if (bytes_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  }
  std::size_t offset() const { return i_; }

  // Moves to the start of the next token and returns its position.
  Position next_token() {
    while (i_ < bytes_.size()) {
      const char c = bytes_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') {
        advance();
      } else {
        break;
      }
    }
    return here_;
  }
  // Consumes the token at the cursor and returns the position one past it.
  Position consume_token() {
    if (i_ >= bytes_.size()) return here_;
    const char c = bytes_[i_];
    if (c == '"') {
      advance();
      while (i_ < bytes_.size() && bytes_[i_] != '"') {
        if (bytes_[i_] == '\\') advance();
        advance();
      }
      advance();
    } else if (c == '{' || c == '}' || c == '[' || c == ']') {
      advance();
    } else {
      while (i_ < bytes_.size()) {
        const char d = bytes_[i_];
        if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == ',' || d == ']' || d == '}' ||
            d == ':') {
          break;
        }
        advance();
      }
    }
    return here_;
  }

 private:
  void advance() {
    if (i_ >= bytes_.size()) return;
    const auto c = static_cast<unsigned char>(bytes_[i_++]);
    if (c == '\n') {
      ++here_.line;
      here_.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++here_.column;
    }
  }
  std::string_view bytes_;
  std::size_t i_ = 0;
  Position here_{1, 1};
};

class PositionedSax {
 public:
  PositionedSax(std::string_view path, std::string_view bytes, const ParseLimits& limits,
                ParsedFile& file)
      : bytes_(bytes),
        cursor_(bytes),
        file_(file),
        builder_("json", path, 0, Position{1, 1}, limits, file.findings) {}

  bool null() { return scalar(ResolvedScalar{NodeKind::kNull}, "null"); }
  bool boolean(bool v) {
    ResolvedScalar r{NodeKind::kBool};
    r.b = v;
    return scalar(r, v ? "true" : "false");
  }
  bool number_integer(std::int64_t v) {
    ResolvedScalar r{NodeKind::kInt};
    r.i = v;
    return scalar(r, {});
  }
  bool number_unsigned(std::uint64_t v) {
    ResolvedScalar r{NodeKind::kInt};
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      r.kind = NodeKind::kFloat;
      r.f = static_cast<double>(v);
    } else {
      r.i = static_cast<std::int64_t>(v);
    }
    return scalar(r, {});
  }
  bool number_float(double v, const std::string& /*text*/) {
    ResolvedScalar r{NodeKind::kFloat};
    r.f = v;
    return scalar(r, {});
  }
  bool string(std::string& v) { return scalar(ResolvedScalar{NodeKind::kString}, v, true); }
  bool binary(nlohmann::json::binary_t& /*v*/) { return true; }  // not produced by JSON text
  bool start_object(std::size_t /*n*/) { return begin(NodeKind::kMapping); }
  bool key(std::string& k) { return scalar(ResolvedScalar{NodeKind::kString}, k, true); }
  bool end_object() { return end(); }
  bool start_array(std::size_t /*n*/) { return begin(NodeKind::kSequence); }
  bool end_array() { return end(); }

  bool parse_error(std::size_t offset, const std::string& /*last_token*/,
                   const nlohmann::json::exception& ex) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." →
    // keep what follows the position; we compute the position in characters ourselves.
    std::string message = ex.what();
    const std::size_t colon = message.find(": ", message.find("column"));
    if (colon != std::string::npos) message = message.substr(colon + 2);
    file_.findings.push_back(Finding::at("json/syntax", Severity::kError, file_.path,
                                         position_at_offset(bytes_, offset > 0 ? offset - 1 : 0),
                                         message + "; the file must be strict JSON (RFC 8259)"));
    file_.complete = false;
    return false;
  }

  Document finish() { return builder_.finish(); }

 private:
  bool scalar(const ResolvedScalar& r, std::string_view text, bool quoted = false) {
    const Position start = cursor_.next_token();
    const std::size_t before = cursor_.offset();
    const Position end = cursor_.consume_token();
    std::string_view spelled = text;
    if (!quoted && spelled.empty()) {
      // Numbers keep their spelling ("1.10", "1e3"), like YAML plain scalars.
      spelled = bytes_.substr(before, cursor_.offset() - before);
    }
    return builder_.scalar(r, quoted ? ScalarStyle::kDoubleQuoted : ScalarStyle::kPlain, false,
                           start, end, spelled, {});
  }
  bool begin(NodeKind kind) {
    const Position start = cursor_.next_token();
    cursor_.consume_token();
    return builder_.begin_container(kind, start, true, {});
  }
  bool end() {
    cursor_.next_token();
    const Position end = cursor_.consume_token();
    return builder_.end_container(end);
  }
  std::string_view bytes_;
  TokenCursor cursor_;
  ParsedFile& file_;
  DocumentBuilder builder_;
};

}  // namespace

ParsedFile parse_json(std::string path, std::string_view bytes, const ParseLimits& limits) {
  ParsedFile file;
  file.path = std::move(path);
  file.format = FileFormat::kJson;
  if (bytes.size() > limits.max_bytes) {
    file.complete = false;
    file.findings.push_back(Finding::at(
        "json/too-large", Severity::kError, file.path, Position{},
        "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
            std::to_string(limits.max_bytes) +
            " bytes for parsing; split it into smaller files or raise files.max_size"));
    return file;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    // Go's encoding/json (Flux, Argo CD) rejects a byte order mark; nlohmann and kubectl accept it.
    file.findings.push_back(Finding::at("json/byte-order-mark", Severity::kWarning, file.path,
                                        Position{1, 1},
                                        "file starts with a UTF-8 byte order mark, which Go's JSON "
                                        "decoder rejects; save the file without it"));
  }
  PositionedSax sax(file.path, bytes, limits, file);
  const bool ok = nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &sax,
                                            nlohmann::json::input_format_t::json, true);
  if (ok) {
    Document doc = sax.finish();
    if (!doc.empty()) file.documents.push_back(std::move(doc));
  } else {
    file.complete = false;
  }
  return file;
}

}  // namespace pushgate
