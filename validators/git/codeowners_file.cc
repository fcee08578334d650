#include "validators/git/codeowners_file.h"

#include <re2/re2.h>

namespace pushgate {
namespace {

struct Token {
  std::string text;
  std::uint32_t column = 0;  // 1-based byte column; CODEOWNERS lines are ASCII in practice
};

// Splits at unescaped blanks; stops at an unescaped '#' that starts a token (a comment).
std::vector<Token> tokens_of(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    if (line[i] == '#') break;
    Token token{{}, static_cast<std::uint32_t>(i + 1)};
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
      // "\ " and "\#" keep a blank or a hash in a pattern; other escapes stay for the glob.
      if (line[i] == '\\' && i + 1 < line.size() &&
          (line[i + 1] == ' ' || line[i + 1] == '\t' || line[i + 1] == '#')) {
        token.text += '\\';
        token.text += line[i + 1];
        i += 2;
        continue;
      }
      token.text += line[i++];
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

bool valid_owner(const std::string& owner) {
  static const RE2 name("@[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
  static const RE2 email("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
  return RE2::FullMatch(owner, name) || RE2::FullMatch(owner, email);
}

}  // namespace

CodeownersFile CodeownersFile::parse(std::string_view text,
                                     std::vector<CodeownersProblem>& problems) {
  CodeownersFile file;
  std::uint32_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::vector<Token> tokens = tokens_of(line);
    if (tokens.empty()) continue;
    const Token& pattern = tokens.front();
    const auto problem = [&](std::uint32_t column, std::string message) {
      problems.push_back(CodeownersProblem{Position{number, column}, std::move(message)});
    };
    if (pattern.text.starts_with('[') || pattern.text.starts_with("^[")) {
      problem(pattern.column,
              "GitLab sections (\"" + pattern.text +
                  "\") are not supported; write one CODEOWNERS file without sections");
      continue;
    }
    if (pattern.text.starts_with('!')) {
      problem(pattern.column, "negated pattern \"" + pattern.text +
                                  "\" is not supported in CODEOWNERS; write a later line with "
                                  "no owners to leave paths unowned");
      continue;
    }
    Rule rule;
    rule.line.line = number;
    rule.line.pattern = pattern.text;
    std::string glob = pattern.text;
    if (glob.size() > 1 && glob.ends_with('/')) {
      rule.folders_only = true;
      glob.pop_back();
    }
    // "docs/*" owns the files directly in docs, not those in its subfolders (GitHub).
    const std::size_t last_slash = glob.rfind('/');
    const std::string_view last_segment = last_slash == std::string::npos
                                              ? std::string_view(glob)
                                              : std::string_view(glob).substr(last_slash + 1);
    rule.owns_below = !(last_segment == "*" && last_slash != std::string::npos);
    if (glob == "/") glob = "/**";  // the root folder: everything
    Result<GlobSet> compiled = GlobSet::compile({glob});
    if (!compiled) {
      problem(pattern.column, "pattern \"" + pattern.text + "\": " + compiled.error().message);
      continue;
    }
    rule.glob.emplace(std::move(compiled.value()));
    bool owners_ok = true;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
      if (!valid_owner(tokens[i].text)) {
        problem(tokens[i].column, "owner \"" + tokens[i].text +
                                      "\" is neither @user, @org/team nor an email address");
        owners_ok = false;
        break;
      }
      rule.line.owners.push_back(tokens[i].text);
    }
    if (owners_ok) file.lines_.push_back(std::move(rule));
  }
  return file;
}

const CodeownersLine* CodeownersFile::owners_of(std::string_view path) const {
  for (auto rule = lines_.rbegin(); rule != lines_.rend(); ++rule) {
    if (!rule->folders_only && rule->glob->matches(path)) return &rule->line;
    if (!rule->owns_below && !rule->folders_only) continue;
    // A matching folder on the way to the file owns it ("apps" and "apps/" own apps/x/y.yaml).
    for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
         slash = path.find('/', slash + 1)) {
      if (rule->glob->matches(path.substr(0, slash))) return &rule->line;
    }
  }
  return nullptr;
}

}  // namespace pushgate
