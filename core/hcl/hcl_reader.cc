// The HCL native-syntax reader (hcl.h): a scannerless recursive-descent parser over UTF-8 that
// was checked up front. Newlines matter where hclsyntax says they do (they end attributes and
// blocks, separate object elements) and are skipped inside parentheses, brackets, calls and
// interpolations. Every recursion passes through enter(), which enforces HclLimits::max_depth.
#include <cstring>

#include "core/base/utf8.h"
#include "core/document/text_position.h"
#include "core/hcl/hcl.h"

namespace pushgate {
namespace {

constexpr std::size_t kMaxQuoted = 40;  // characters of source quoted in a message

bool is_ascii_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ascii_ident_char(unsigned char c) {
  return is_ascii_ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

enum class TemplateEnd : std::uint8_t { kClose, kElse, kEndIf, kEndFor };

class Parser {
 public:
  Parser(HclFile& file, std::string_view src, const HclLimits& limits)
      : file_(file), src_(src), limits_(limits) {}

  void parse_file() { parse_body(file_.body, /*top=*/true, Position{}); }

 private:
  // ---- cursor ----------------------------------------------------------------------------
  bool eof() const { return pos_ >= src_.size(); }
  unsigned char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < src_.size() ? static_cast<unsigned char>(src_[pos_ + ahead]) : 0;
  }
  bool starts(std::string_view s) const { return src_.substr(pos_).starts_with(s); }
  Position here() const { return Position{line_, col_}; }
  void adv(std::size_t n = 1) {  // n ASCII bytes, no line break among them
    pos_ += n;
    col_ += static_cast<std::uint32_t>(n);
  }
  void adv_char() {  // one character of any kind
    const unsigned char c = peek();
    if (c == '\n') {
      ++pos_;
      ++line_;
      col_ = 1;
    } else if (c == '\r' && peek(1) == '\n') {
      pos_ += 2;
      ++line_;
      col_ = 1;
    } else {
      pos_ += utf8_length(c);
      ++col_;
    }
  }
  bool at_newline() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }

  // Skips spaces, tabs and comments; newlines and line comments too when `newlines`.
  // A line comment where newlines matter is skipped up to its newline, which then ends the line.
  void skip(bool newlines) {
    while (!eof() && !failed_) {
      const unsigned char c = peek();
      if (c == ' ' || c == '\t') {
        adv();
      } else if (newlines && at_newline()) {
        adv_char();
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!eof() && !at_newline()) adv_char();
      } else if (c == '/' && peek(1) == '*') {
        const Position open = here();
        adv(2);
        while (!eof() && !starts("*/")) adv_char();
        if (eof()) {
          fail(open, "unterminated comment: \"/*\" is never closed; add \"*/\"");
          return;
        }
        adv(2);
      } else {
        return;
      }
    }
  }

  // ---- errors ----------------------------------------------------------------------------
  std::string found() const {
    if (eof()) return "end of file";
    if (at_newline()) return "a newline";
    std::string text;
    std::size_t p = pos_;
    // One token's worth: a word, or else one character.
    for (std::size_t n = 0; p < src_.size() && n < kMaxQuoted; ++n) {
      const unsigned char c = static_cast<unsigned char>(src_[p]);
      const bool word = is_ascii_ident_char(c) || c >= 0x80;
      if (c == '\n' || c == '\r' || (n > 0 && !word)) break;
      const std::size_t len = std::min(utf8_length(c), src_.size() - p);
      text.append(src_.substr(p, len));
      p += len;
      if (!word) break;
    }
    return "\"" + text + "\"";
  }
  void fail(Position at, std::string message) {
    if (failed_) return;
    failed_ = true;
    file_.complete = false;
    file_.findings.push_back(
        Finding::at("hcl/syntax", Severity::kError, file_.path, at, std::move(message)));
  }
  void expected(std::string_view what) {
    fail(here(), "expected " + std::string(what) + ", found " + found());
  }
  // Every recursion goes through here: the one guard against stack exhaustion.
  bool enter() {
    if (++depth_ > limits_.max_depth) {
      fail(here(), "nesting deeper than " + std::to_string(limits_.max_depth) +
                       " levels; flatten the configuration");
      return false;
    }
    return true;
  }
  void leave() { --depth_; }

  // ---- arena ----------------------------------------------------------------------------
  HclExprId add(HclExprKind kind, Position start, std::string text = {}) {
    HclExpr e;
    e.kind = kind;
    e.start = start;
    e.end = here();
    e.text = std::move(text);
    file_.exprs.push_back(std::move(e));
    return static_cast<HclExprId>(file_.exprs.size() - 1);
  }
  HclExpr& at(HclExprId id) { return file_.exprs[id]; }
  HclExprId wrap(HclExprKind kind, HclExprId inner, std::string text = {}) {
    const Position start = at(inner).start;
    const HclExprId id = add(kind, start, std::move(text));
    at(id).children.push_back(inner);
    at(id).end = last_end_;
    return id;
  }

  std::string identifier() {
    const std::size_t start = pos_;
    if (!eof() && (is_ascii_ident_start(peek()) || peek() >= 0x80)) {
      adv_char();
      while (!eof() && (is_ascii_ident_char(peek()) || peek() >= 0x80)) adv_char();
    }
    last_end_ = here();
    return std::string(src_.substr(start, pos_ - start));
  }
  bool at_ident_start() const { return !eof() && (is_ascii_ident_start(peek()) || peek() >= 0x80); }
  // The identifier at the cursor, without consuming it.
  std::string_view peek_identifier() const {
    std::size_t p = pos_;
    if (p >= src_.size()) return {};
    const auto c0 = static_cast<unsigned char>(src_[p]);
    if (!(is_ascii_ident_start(c0) || c0 >= 0x80)) return {};
    while (p < src_.size()) {
      const auto c = static_cast<unsigned char>(src_[p]);
      if (!(is_ascii_ident_char(c) || c >= 0x80)) break;
      p += utf8_length(c);
    }
    return src_.substr(pos_, p - pos_);
  }
  bool at_keyword(std::string_view word) const { return peek_identifier() == word; }

  // ---- structure -------------------------------------------------------------------------
  void parse_body(HclBody& body, bool top, Position open) {
    while (!failed_) {
      skip(true);
      if (failed_) return;
      if (eof()) {
        if (!top)
          fail(here(), "unclosed block: expected \"}\" to close the block opened at line " +
                           std::to_string(open.line) + ", found end of file");
        return;
      }
      if (peek() == '}') {
        if (top) expected("an argument name or a block type");
        return;
      }
      if (!at_ident_start()) {
        expected("an argument name or a block type");
        return;
      }
      const Position start = here();
      std::string name = identifier();
      skip(false);
      if (peek() == '=' && peek(1) != '=' && peek(1) != '>') {
        adv();
        HclAttribute attr = parse_attribute_value(std::move(name), start);
        if (failed_) return;
        skip(false);
        if (!eof() && !at_newline()) {
          fail(here(), "expected a newline after the value of \"" + attr.name + "\", found " +
                           found() + "; put each argument on its own line");
          return;
        }
        body.attributes.push_back(std::move(attr));
        continue;
      }
      if (!enter()) return;
      HclBlock block;
      block.type = std::move(name);
      block.start = start;
      parse_block_rest(block);
      leave();
      if (failed_) return;
      body.blocks.push_back(std::move(block));
    }
  }

  HclAttribute parse_attribute_value(std::string name, Position start) {
    HclAttribute attr;
    attr.name = std::move(name);
    attr.start = start;
    skip(false);
    attr.value = parse_expression(false);
    attr.end = last_end_;
    return attr;
  }

  void parse_block_rest(HclBlock& block) {
    while (!failed_ && peek() != '{') {
      if (peek() == '"') {
        HclLabel label;
        label.start = here();
        const HclExprId t = parse_quoted_template();
        if (failed_) return;
        std::optional<std::string> value = file_.static_string(t);
        if (!value) {
          fail(label.start, "a block label must be a literal string, without ${ } or %{ }");
          return;
        }
        label.value = std::move(*value);
        block.labels.push_back(std::move(label));
      } else if (at_ident_start()) {
        HclLabel label;
        label.start = here();
        label.quoted = false;
        label.value = identifier();
        block.labels.push_back(std::move(label));
      } else {
        if (block.labels.empty()) {
          fail(here(), "expected \"=\" or \"{\" after \"" + block.type + "\", found " + found() +
                           "; an argument is name = value, a block is name \"label\" { ... }");
        } else {
          expected("a block label or \"{\"");
        }
        return;
      }
      skip(false);
    }
    if (failed_) return;
    const Position open = here();
    adv();  // {
    skip(false);
    if (failed_) return;
    if (at_newline()) {
      parse_body(block.body, false, open);
      if (failed_) return;
    } else if (peek() != '}') {
      // A single-line block: at most one argument.
      if (!at_ident_start()) {
        expected("an argument name or \"}\"");
        return;
      }
      const Position start = here();
      std::string name = identifier();
      skip(false);
      if (!(peek() == '=' && peek(1) != '=' && peek(1) != '>')) {
        fail(here(),
             "a single-line block holds at most one argument (name = value); put a nested "
             "block or more arguments on their own lines");
        return;
      }
      adv();
      HclAttribute attr = parse_attribute_value(std::move(name), start);
      if (failed_) return;
      skip(false);
      if (peek() != '}') {
        fail(here(), "expected \"}\" to close the single-line block, found " + found() +
                         "; a single-line block holds one argument only");
        return;
      }
      block.body.attributes.push_back(std::move(attr));
    }
    adv();  // }
    block.end = here();
    last_end_ = block.end;
    skip(false);
    if (!failed_ && !eof() && !at_newline()) {
      fail(here(), "expected a newline after the closing \"}\" of block \"" + block.type +
                       "\", found " + found());
    }
  }

  // ---- expressions -----------------------------------------------------------------------
  HclExprId parse_expression(bool nl) {
    if (!enter()) return kNoHclExpr;
    HclExprId cond = parse_binary(0, nl);
    if (!failed_) {
      const std::size_t save_pos = pos_;
      const std::uint32_t save_line = line_, save_col = col_;
      skip(nl);
      if (!failed_ && peek() == '?') {
        adv();
        skip(nl);
        const HclExprId yes = parse_expression(nl);
        if (!failed_) {
          skip(nl);
          if (peek() != ':') {
            expected("\":\" between the two results of the conditional");
          } else {
            adv();
            skip(nl);
            const HclExprId no = parse_expression(nl);
            if (!failed_) {
              const HclExprId id = wrap(HclExprKind::kConditional, cond);
              at(id).children.push_back(yes);
              at(id).children.push_back(no);
              cond = id;
            }
          }
        }
      } else {
        pos_ = save_pos;
        line_ = save_line;
        col_ = save_col;
      }
    }
    leave();
    return failed_ ? kNoHclExpr : cond;
  }

  // Binary operators by precedence, lowest first (hclsyntax's binaryOps).
  std::size_t match_operator(int level) const {
    const unsigned char c = peek(), d = peek(1);
    switch (level) {
      case 0:
        return c == '|' && d == '|' ? 2 : 0;
      case 1:
        return c == '&' && d == '&' ? 2 : 0;
      case 2:
        return (c == '=' || c == '!') && d == '=' ? 2 : 0;
      case 3:
        if ((c == '<' || c == '>') && d == '=') return 2;
        if (c == '>' || (c == '<' && d != '<')) return 1;
        return 0;
      case 4:
        return c == '+' || (c == '-' && d != '>') ? 1 : 0;
      case 5:
        if (c == '*' || c == '%') return 1;
        return c == '/' && d != '/' && d != '*' ? 1 : 0;
      default:
        return 0;
    }
  }

  HclExprId parse_binary(int level, bool nl) {
    if (level == 6) return parse_unary(nl);
    HclExprId left = parse_binary(level + 1, nl);
    while (!failed_) {
      const std::size_t save_pos = pos_;
      const std::uint32_t save_line = line_, save_col = col_;
      skip(nl);
      const std::size_t n = failed_ ? 0 : match_operator(level);
      if (n == 0) {
        pos_ = save_pos;
        line_ = save_line;
        col_ = save_col;
        break;
      }
      std::string op(src_.substr(pos_, n));
      adv(n);
      skip(nl);
      const HclExprId right = parse_binary(level + 1, nl);
      if (failed_) break;
      const HclExprId id = wrap(HclExprKind::kBinary, left, std::move(op));
      at(id).children.push_back(right);
      left = id;
    }
    return failed_ ? kNoHclExpr : left;
  }

  HclExprId parse_unary(bool nl) {
    const unsigned char c = peek();
    if (c == '!' || (c == '-' && peek(1) != '>')) {
      const Position start = here();
      adv();
      skip(nl);
      if (!enter()) return kNoHclExpr;
      const HclExprId operand = parse_unary(nl);
      leave();
      if (failed_) return kNoHclExpr;
      const HclExprId id = add(HclExprKind::kUnary, start, std::string(1, static_cast<char>(c)));
      at(id).children.push_back(operand);
      at(id).end = last_end_;
      return id;
    }
    const HclExprId term = parse_term(nl);
    if (failed_) return kNoHclExpr;
    return parse_postfix(term, nl);
  }

  HclExprId parse_postfix(HclExprId expr, bool nl) {
    while (!failed_) {
      const std::size_t save_pos = pos_;
      const std::uint32_t save_line = line_, save_col = col_;
      skip(nl);
      if (failed_) break;
      if (peek() == '.' && !starts("...")) {
        adv();
        skip(nl);
        if (failed_) break;
        if (peek() == '*') {
          adv();
          last_end_ = here();
          expr = wrap(HclExprKind::kSplat, expr, ".*");
        } else if (is_digit(peek())) {
          const std::size_t start = pos_;
          while (is_digit(peek())) adv();
          last_end_ = here();
          expr = wrap(HclExprKind::kGetAttr, expr, std::string(src_.substr(start, pos_ - start)));
        } else if (at_ident_start()) {
          std::string name = identifier();
          expr = wrap(HclExprKind::kGetAttr, expr, std::move(name));
        } else {
          expected("an attribute name after \".\"");
        }
      } else if (peek() == '[') {
        adv();
        skip(true);
        if (peek() == '*') {
          adv();
          skip(true);
          if (peek() != ']') {
            expected("\"]\" to close the splat \"[*]\"");
            break;
          }
          adv();
          last_end_ = here();
          expr = wrap(HclExprKind::kSplat, expr, "[*]");
        } else {
          const HclExprId key = parse_expression(true);
          if (failed_) break;
          skip(true);
          if (peek() != ']') {
            expected("\"]\" to close the index");
            break;
          }
          adv();
          last_end_ = here();
          const HclExprId id = wrap(HclExprKind::kIndex, expr);
          at(id).children.push_back(key);
          expr = id;
        }
      } else {
        pos_ = save_pos;
        line_ = save_line;
        col_ = save_col;
        break;
      }
    }
    return failed_ ? kNoHclExpr : expr;
  }

  HclExprId parse_term(bool nl) {
    const Position start = here();
    const unsigned char c = peek();
    if (c == '(') {
      adv();
      skip(true);
      const HclExprId inner = parse_expression(true);
      if (failed_) return kNoHclExpr;
      skip(true);
      if (peek() != ')') {
        expected("\")\" to close the parenthesis");
        return kNoHclExpr;
      }
      adv();
      last_end_ = here();
      const HclExprId id = add(HclExprKind::kParens, start);
      at(id).children.push_back(inner);
      return id;
    }
    if (is_digit(c)) return parse_number();
    if (c == '"') return parse_quoted_template();
    if (c == '<' && peek(1) == '<') return parse_heredoc();
    if (c == '[') return parse_tuple();
    if (c == '{') return parse_object();
    if (at_ident_start()) {
      std::string name = identifier();
      const Position end = here();
      const std::size_t save_pos = pos_;
      const std::uint32_t save_line = line_, save_col = col_;
      skip(nl);
      // A call first: hclsyntax reads true(...) as a call of a function named true.
      if (!failed_ && peek() == '(') return parse_call(std::move(name), start);
      pos_ = save_pos;
      line_ = save_line;
      col_ = save_col;
      if (name == "true" || name == "false") return add(HclExprKind::kBool, start, name);
      if (name == "null") return add(HclExprKind::kNull, start, name);
      const HclExprId id = add(HclExprKind::kVariable, start, std::move(name));
      at(id).end = end;
      return id;
    }
    expected("an expression");
    return kNoHclExpr;
  }

  HclExprId parse_number() {
    const Position start = here();
    const std::size_t begin = pos_;
    while (is_digit(peek())) adv();
    if (peek() == '.' && is_digit(peek(1))) {
      adv();
      while (is_digit(peek())) adv();
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      adv(2);
      while (is_digit(peek())) adv();
    }
    last_end_ = here();
    return add(HclExprKind::kNumber, start, std::string(src_.substr(begin, pos_ - begin)));
  }

  HclExprId parse_call(std::string name, Position start) {
    adv();  // (
    if (!enter()) return kNoHclExpr;
    const HclExprId id = add(HclExprKind::kCall, start, std::move(name));
    while (!failed_) {
      skip(true);
      if (peek() == ')') break;
      const HclExprId arg = parse_expression(true);
      if (failed_) break;
      at(id).children.push_back(arg);
      skip(true);
      if (starts("...")) {
        adv(3);
        at(id).expand = true;
        skip(true);
        if (peek() != ')') expected("\")\" after the expanded argument \"...\"");
        break;
      }
      if (peek() == ',') {
        adv();
        continue;
      }
      if (peek() != ')') expected("\",\" or \")\" in the arguments of " + at(id).text + "()");
      break;
    }
    leave();
    if (failed_) return kNoHclExpr;
    adv();  // )
    last_end_ = here();
    at(id).end = last_end_;
    return id;
  }

  HclExprId parse_tuple() {
    const Position start = here();
    adv();  // [
    if (!enter()) return kNoHclExpr;
    skip(true);
    if (at_keyword("for")) {
      const HclExprId id = parse_for(start, /*object=*/false);
      leave();
      return id;
    }
    const HclExprId id = add(HclExprKind::kTuple, start);
    while (!failed_) {
      skip(true);
      if (peek() == ']') break;
      const HclExprId item = parse_expression(true);
      if (failed_) break;
      at(id).children.push_back(item);
      skip(true);
      if (peek() == ',') {
        adv();
        continue;
      }
      if (peek() != ']') expected("\",\" or \"]\" in the list");
      break;
    }
    leave();
    if (failed_) return kNoHclExpr;
    adv();
    last_end_ = here();
    at(id).end = last_end_;
    return id;
  }

  HclExprId parse_object() {
    const Position start = here();
    adv();  // {
    if (!enter()) return kNoHclExpr;
    skip(true);
    if (at_keyword("for")) {
      const HclExprId id = parse_for(start, /*object=*/true);
      leave();
      return id;
    }
    const HclExprId id = add(HclExprKind::kObject, start);
    while (!failed_) {
      skip(true);
      if (failed_ || peek() == '}') break;
      const HclExprId key = parse_expression(false);
      if (failed_) break;
      skip(false);
      if (!((peek() == '=' && peek(1) != '=' && peek(1) != '>') || peek() == ':')) {
        expected("\"=\" or \":\" after the object key");
        break;
      }
      adv();
      skip(false);
      const HclExprId value = parse_expression(false);
      if (failed_) break;
      at(id).children.push_back(key);
      at(id).children.push_back(value);
      skip(false);
      if (failed_ || peek() == '}') break;
      if (peek() == ',' || at_newline()) {
        adv_char();
        continue;
      }
      expected("a newline, \",\" or \"}\" after the object element");
    }
    leave();
    if (failed_) return kNoHclExpr;
    adv();
    last_end_ = here();
    at(id).end = last_end_;
    return id;
  }

  // After "[" or "{", at the keyword "for".
  HclExprId parse_for(Position start, bool object) {
    adv(3);
    skip(true);
    std::string names;
    if (!at_ident_start()) {
      expected("a variable name after \"for\"");
      return kNoHclExpr;
    }
    names = identifier();
    skip(true);
    if (peek() == ',') {
      adv();
      skip(true);
      if (!at_ident_start()) {
        expected("a second variable name after \",\"");
        return kNoHclExpr;
      }
      names += "," + identifier();
      skip(true);
    }
    if (!at_keyword("in")) {
      expected("\"in\" after the variable names of the for expression");
      return kNoHclExpr;
    }
    adv(2);
    skip(true);
    const HclExprId id =
        add(object ? HclExprKind::kForObject : HclExprKind::kForTuple, start, std::move(names));
    const HclExprId collection = parse_expression(true);
    if (failed_) return kNoHclExpr;
    at(id).children.push_back(collection);
    skip(true);
    if (peek() != ':') {
      expected("\":\" after the collection of the for expression");
      return kNoHclExpr;
    }
    adv();
    skip(true);
    const HclExprId first = parse_expression(true);
    if (failed_) return kNoHclExpr;
    at(id).children.push_back(first);
    skip(true);
    if (object) {
      if (!starts("=>")) {
        expected("\"=>\" between the key and the value of the for expression");
        return kNoHclExpr;
      }
      adv(2);
      skip(true);
      const HclExprId value = parse_expression(true);
      if (failed_) return kNoHclExpr;
      at(id).children.push_back(value);
      skip(true);
      if (starts("...")) {
        adv(3);
        at(id).expand = true;
        skip(true);
      }
    }
    if (at_keyword("if")) {
      adv(2);
      skip(true);
      const HclExprId cond = parse_expression(true);
      if (failed_) return kNoHclExpr;
      at(id).children.push_back(cond);
      skip(true);
    }
    const char close = object ? '}' : ']';
    if (peek() != static_cast<unsigned char>(close)) {
      expected(object ? "\"}\" to close the for expression" : "\"]\" to close the for expression");
      return kNoHclExpr;
    }
    adv();
    last_end_ = here();
    at(id).end = last_end_;
    return id;
  }

  // ---- templates -------------------------------------------------------------------------
  struct TemplateMode {
    bool heredoc = false;
    std::string_view marker;  // heredoc: the closing identifier
  };

  HclExprId parse_quoted_template() {
    const Position start = here();
    adv();  // "
    if (++template_depth_ > limits_.max_template_nesting) {
      fail(start, "templates nested deeper than " + std::to_string(limits_.max_template_nesting) +
                      " levels; simplify the string");
      return kNoHclExpr;
    }
    TemplateEnd end = TemplateEnd::kClose;
    const HclExprId id = parse_template_parts(TemplateMode{}, start, end);
    --template_depth_;
    if (failed_) return kNoHclExpr;
    if (end != TemplateEnd::kClose) {
      fail(start,
           "a template directive %{ else/endif/endfor } has no matching %{ if } or %{ for }");
      return kNoHclExpr;
    }
    last_end_ = here();
    at(id).start = start;
    at(id).end = last_end_;
    return id;
  }

  HclExprId parse_heredoc() {
    const Position start = here();
    adv(2);
    const bool indented = peek() == '-';
    if (indented) adv();
    if (!at_ident_start()) {
      expected("a heredoc marker name after \"<<\" (e.g. <<EOT)");
      return kNoHclExpr;
    }
    const std::size_t marker_start = pos_;
    identifier();
    const std::string_view marker = src_.substr(marker_start, pos_ - marker_start);
    if (!at_newline()) {
      expected("a newline right after the heredoc marker");
      return kNoHclExpr;
    }
    adv_char();
    if (++template_depth_ > limits_.max_template_nesting) {
      fail(start, "templates nested deeper than " + std::to_string(limits_.max_template_nesting) +
                      " levels; simplify the heredoc");
      return kNoHclExpr;
    }
    TemplateEnd end = TemplateEnd::kClose;
    const HclExprId id = parse_template_parts(TemplateMode{true, marker}, start, end);
    --template_depth_;
    if (failed_) return kNoHclExpr;
    if (end != TemplateEnd::kClose) {
      fail(start,
           "a template directive %{ else/endif/endfor } has no matching %{ if } or %{ for }");
      return kNoHclExpr;
    }
    last_end_ = here();
    at(id).start = start;
    at(id).end = last_end_;
    at(id).text = "heredoc";
    if (indented) strip_indent(id);
    return id;
  }

  // <<-: remove the smallest indentation of the literal lines from each of them (only for a
  // heredoc made of literal text; the others keep their text, which no rule reads).
  void strip_indent(HclExprId id) {
    if (at(id).children.size() != 1) return;
    HclExpr& lit = at(at(id).children[0]);
    if (lit.kind != HclExprKind::kLiteral) return;
    std::size_t smallest = std::string::npos;
    std::string_view text = lit.text;
    for (std::size_t p = 0; p < text.size();) {
      std::size_t nl = text.find('\n', p);
      if (nl == std::string_view::npos) nl = text.size();
      const std::string_view line = text.substr(p, nl - p);
      const std::size_t indent = line.find_first_not_of(' ');
      if (indent != std::string_view::npos && line != "\r") smallest = std::min(smallest, indent);
      p = nl + 1;
    }
    if (smallest == 0 || smallest == std::string::npos) return;
    std::string out;
    for (std::size_t p = 0; p < text.size();) {
      std::size_t nl = text.find('\n', p);
      const bool last = nl == std::string_view::npos;
      if (last) nl = text.size();
      std::string_view line = text.substr(p, nl - p);
      line.remove_prefix(std::min(smallest, line.find_first_not_of(' ') == std::string_view::npos
                                                ? line.size()
                                                : smallest));
      out.append(line);
      if (!last) out.push_back('\n');
      p = nl + 1;
    }
    lit.text = std::move(out);
  }

  // At a heredoc line start: is this the closing marker line? Consumes it if so (not its newline).
  bool heredoc_close(std::string_view marker) {
    std::size_t p = pos_;
    while (p < src_.size() && (src_[p] == ' ' || src_[p] == '\t')) ++p;
    if (src_.substr(p, marker.size()) != marker) return false;
    // hclsyntax needs a newline after the marker: at the end of the file it is unterminated.
    const std::size_t after = p + marker.size();
    if (after >= src_.size() ||
        (src_[after] != '\n' &&
         !(src_[after] == '\r' && after + 1 < src_.size() && src_[after + 1] == '\n'))) {
      return false;
    }
    while (pos_ < after) adv_char();
    return true;
  }

  // Reads template parts up to the closing quote / marker, or a %{ else / endif / endfor }
  // directive (reported in `end` for the enclosing directive to check).
  HclExprId parse_template_parts(const TemplateMode& mode, Position start, TemplateEnd& end) {
    const HclExprId id = add(HclExprKind::kTemplate, start);
    std::string literal;
    Position literal_start = here();
    auto flush = [&] {
      if (literal.empty()) return;
      const HclExprId lit = add(HclExprKind::kLiteral, literal_start, std::move(literal));
      at(id).children.push_back(lit);
      literal.clear();
    };
    bool line_start = mode.heredoc;
    while (!failed_) {
      if (line_start && heredoc_close(mode.marker)) {
        flush();
        end = TemplateEnd::kClose;
        return id;
      }
      line_start = false;
      if (eof()) {
        if (mode.heredoc) {
          fail(start, "unterminated heredoc: no line holding only \"" + std::string(mode.marker) +
                          "\" closes it");
        } else {
          fail(start, "unterminated string: add the closing quote \"");
        }
        return kNoHclExpr;
      }
      if (literal.empty()) literal_start = here();
      const unsigned char c = peek();
      if (!mode.heredoc && c == '"') {
        adv();
        flush();
        end = TemplateEnd::kClose;
        return id;
      }
      if (at_newline()) {
        if (!mode.heredoc) {
          fail(start,
               "unterminated string: a quoted string cannot span lines; close it on this "
               "line or use a heredoc (<<EOT)");
          return kNoHclExpr;
        }
        literal.push_back('\n');
        adv_char();
        line_start = true;
        continue;
      }
      if (!mode.heredoc && c == '\\') {
        if (!escape(literal)) return kNoHclExpr;
        continue;
      }
      if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
        literal.push_back(static_cast<char>(c));
        literal.push_back('{');
        adv(3);
        continue;
      }
      if (c == '$' && peek(1) == '{') {
        flush();
        const HclExprId e = parse_interpolation();
        if (failed_) return kNoHclExpr;
        at(id).children.push_back(e);
        continue;
      }
      if (c == '%' && peek(1) == '{') {
        flush();
        std::optional<TemplateEnd> closing;
        const HclExprId d = parse_directive(mode, closing);
        if (failed_) return kNoHclExpr;
        if (closing) {
          end = *closing;
          return id;
        }
        at(id).children.push_back(d);
        continue;
      }
      if (c < 0x80) {
        literal.push_back(static_cast<char>(c));
        adv();
      } else {
        const std::size_t len = utf8_length(c);
        literal.append(src_.substr(pos_, len));
        adv_char();
      }
    }
    return kNoHclExpr;
  }

  bool escape(std::string& out) {
    const Position start = here();
    const unsigned char e = peek(1);
    auto hex = [&](std::size_t digits) -> bool {
      char32_t code = 0;
      for (std::size_t i = 0; i < digits; ++i) {
        const unsigned char h = peek(2 + i);
        if (!is_hex(h)) return false;
        code = code * 16 + static_cast<char32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
      append_utf8(out, code);
      adv(2 + digits);
      return true;
    };
    switch (e) {
      case 'n':
        out.push_back('\n');
        adv(2);
        return true;
      case 'r':
        out.push_back('\r');
        adv(2);
        return true;
      case 't':
        out.push_back('\t');
        adv(2);
        return true;
      case '"':
        out.push_back('"');
        adv(2);
        return true;
      case '\\':
        out.push_back('\\');
        adv(2);
        return true;
      case 'u':
        if (hex(4)) return true;
        break;
      case 'U':
        if (hex(8)) return true;
        break;
      default:
        break;
    }
    fail(start,
         "invalid escape sequence in a string; use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or "
         "\\UNNNNNNNN (a literal backslash is \\\\)");
    return false;
  }

  // "${" ["~"] expression ["~"] "}"
  HclExprId parse_interpolation() {
    adv(2);
    if (peek() == '~') adv();
    skip(true);
    const HclExprId e = parse_expression(true);
    if (failed_) return kNoHclExpr;
    skip(true);
    if (peek() == '~') adv();
    if (peek() != '}') {
      expected("\"}\" to close the interpolation \"${\"");
      return kNoHclExpr;
    }
    adv();
    last_end_ = here();
    return e;
  }

  bool close_directive() {
    skip(true);
    if (peek() == '~') adv();
    if (peek() != '}') {
      expected("\"}\" to close the template directive \"%{\"");
      return false;
    }
    adv();
    return true;
  }

  // "%{" if / for / else / endif / endfor. `closing` is set for else / endif / endfor.
  HclExprId parse_directive(const TemplateMode& mode, std::optional<TemplateEnd>& closing) {
    const Position start = here();
    adv(2);
    if (peek() == '~') adv();
    skip(true);
    const std::string_view word = peek_identifier();
    if (word == "else" || word == "endif" || word == "endfor") {
      adv(word.size());
      if (!close_directive()) return kNoHclExpr;
      closing = word == "else"    ? TemplateEnd::kElse
                : word == "endif" ? TemplateEnd::kEndIf
                                  : TemplateEnd::kEndFor;
      return kNoHclExpr;
    }
    if (word != "if" && word != "for") {
      expected("\"if\", \"for\", \"else\", \"endif\" or \"endfor\" after \"%{\"");
      return kNoHclExpr;
    }
    if (!enter()) return kNoHclExpr;
    HclExprId id = kNoHclExpr;
    if (word == "if") {
      adv(2);
      skip(true);
      const HclExprId cond = parse_expression(true);
      if (failed_ || !close_directive()) return leave(), kNoHclExpr;
      id = add(HclExprKind::kTemplateIf, start);
      at(id).children.push_back(cond);
      TemplateEnd end = TemplateEnd::kClose;
      const HclExprId then = parse_template_parts(mode, here(), end);
      if (failed_) return leave(), kNoHclExpr;
      at(id).children.push_back(then);
      if (end == TemplateEnd::kElse) {
        const HclExprId other = parse_template_parts(mode, here(), end);
        if (failed_) return leave(), kNoHclExpr;
        at(id).children.push_back(other);
      }
      if (end != TemplateEnd::kEndIf) {
        fail(start, "%{ if } is not closed by %{ endif }");
        return leave(), kNoHclExpr;
      }
    } else {
      adv(3);
      skip(true);
      if (!at_ident_start()) {
        expected("a variable name after \"%{ for\"");
        return leave(), kNoHclExpr;
      }
      std::string names = identifier();
      skip(true);
      if (peek() == ',') {
        adv();
        skip(true);
        if (!at_ident_start()) {
          expected("a second variable name after \",\"");
          return leave(), kNoHclExpr;
        }
        names += "," + identifier();
        skip(true);
      }
      if (!at_keyword("in")) {
        expected("\"in\" in the template for directive");
        return leave(), kNoHclExpr;
      }
      adv(2);
      skip(true);
      const HclExprId collection = parse_expression(true);
      if (failed_ || !close_directive()) return leave(), kNoHclExpr;
      id = add(HclExprKind::kTemplateFor, start, std::move(names));
      at(id).children.push_back(collection);
      TemplateEnd end = TemplateEnd::kClose;
      const HclExprId body = parse_template_parts(mode, here(), end);
      if (failed_) return leave(), kNoHclExpr;
      at(id).children.push_back(body);
      if (end != TemplateEnd::kEndFor) {
        fail(start, "%{ for } is not closed by %{ endfor }");
        return leave(), kNoHclExpr;
      }
    }
    leave();
    at(id).end = here();
    return id;
  }

  HclFile& file_;
  std::string_view src_;
  const HclLimits& limits_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t col_ = 1;
  Position last_end_{1, 1};
  std::size_t depth_ = 0;
  std::size_t template_depth_ = 0;
  bool failed_ = false;
};

}  // namespace

const HclAttribute* HclBody::attribute(std::string_view name) const {
  for (const HclAttribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::optional<std::string> HclFile::static_string(HclExprId id) const {
  if (id == kNoHclExpr || id >= exprs.size()) return std::nullopt;
  const HclExpr& e = exprs[id];
  if (e.kind != HclExprKind::kTemplate) return std::nullopt;
  std::string out;
  for (HclExprId part : e.children) {
    if (exprs[part].kind != HclExprKind::kLiteral) return std::nullopt;
    out += exprs[part].text;
  }
  return out;
}

bool is_hcl_path(std::string_view path) {
  return path.ends_with(".hcl") || path.ends_with(".tf") || path.ends_with(".tfvars");
}

HclFile parse_hcl(std::string path, std::string_view bytes, const HclLimits& limits) {
  HclFile file;
  file.path = std::move(path);
  if (bytes.size() > limits.max_bytes) {
    file.complete = false;
    file.findings.push_back(
        Finding::at("hcl/too-large", Severity::kError, file.path, Position{},
                    "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                        std::to_string(limits.max_bytes) +
                        " bytes for parsing; split it into smaller files or raise files.max_size"));
    return file;
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    file.complete = false;
    file.findings.push_back(Finding::at("hcl/syntax", Severity::kError, file.path, Position{1, 1},
                                        "a UTF-8 byte order mark is not allowed in HCL; save the "
                                        "file as UTF-8 without BOM"));
    return file;
  }
  for (std::size_t i = 0; i < bytes.size();) {
    const Utf8Char c = next_utf8_char(bytes, i);
    if (!c.valid) {
      file.complete = false;
      file.findings.push_back(Finding::at("hcl/syntax", Severity::kError, file.path,
                                          position_at_offset(bytes, i),
                                          "invalid UTF-8 byte sequence; save the file as UTF-8"));
      return file;
    }
    i += c.size;
  }
  file.exprs.reserve(bytes.size() / 8);
  Parser(file, bytes, limits).parse_file();
  return file;
}

}  // namespace pushgate
