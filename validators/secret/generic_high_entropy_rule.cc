#include "validators/secret/generic_high_entropy_rule.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/document/text_position.h"
#include "core/policy/builtin_rules.h"
#include "validators/secret/secret_text.h"

namespace pushgate {

namespace {

// Key endings that name a credential, lowercase; the key is compared case-insensitively, with
// '_', '-' and '.' ignored (API_KEY, apiKey and api-key all end in "apikey").
constexpr std::string_view kKeyEndings[] = {"password",     "passwd", "pwd",        "secret",
                                            "token",        "apikey", "accesskey",  "privatekey",
                                            "clientsecret", "auth",   "credential", "credentials"};
// A key longer than this is not an assignment we read (a sentence, minified JSON).
constexpr std::size_t kMaxKey = 64;
constexpr std::size_t kMinValue = 8;
constexpr std::size_t kMaxValue = 256;

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// True when the key ending just before `end` (exclusive) ends with a credential word. Fills
// `key` with the key as written. Most keys are rejected by their last letter.
bool credential_key(std::string_view text, std::size_t end, std::string_view& key) {
  if (end == 0) return false;
  const char last = lower(text[end - 1]);
  if (last != 'd' && last != 't' && last != 'n' && last != 'y' && last != 'h' && last != 'l' &&
      last != 's') {
    return false;
  }
  std::size_t start = end;
  while (start > 0 && end - start < kMaxKey && key_char(text[start - 1])) --start;
  if (start == end || (start > 0 && key_char(text[start - 1]))) return false;
  key = text.substr(start, end - start);
  char folded[kMaxKey];
  std::size_t n = 0;
  for (char c : key) {
    if (c != '_' && c != '-' && c != '.') folded[n++] = lower(c);
  }
  const std::string_view word(folded, n);
  for (std::string_view ending : kKeyEndings) {
    if (word.ends_with(ending)) return true;
  }
  return false;
}

// The value after the ':' or '=' at `at`: quoted, or bare up to a space, quote, '#', ',' or ';'.
std::string_view value_after(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size()) return {};
  if (text[i] == '"' || text[i] == '\'') {
    const char quote = text[i];
    const std::size_t close = text.find_first_of(std::string{quote, '\n'}, i + 1);
    if (close == std::string_view::npos || text[close] != quote) return {};
    return text.substr(i + 1, close - i - 1);
  }
  std::size_t j = i;
  while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j])) && text[j] != '"' &&
         text[j] != '\'' && text[j] != '#' && text[j] != ',' && text[j] != ';') {
    ++j;
  }
  return text.substr(i, j - i);
}

// Kubernetes-style names (shop-db-credentials-v2): identifiers, not secrets.
constexpr std::string_view kResourceName = R"([a-z0-9]+(-[a-z0-9]+){2,})";
// Below this, a value reads as words or a name rather than random characters.
constexpr double kMinEntropy = 3.3;
constexpr std::size_t kMinLength = 16;
constexpr std::size_t kMinLengthMixed = 12;  // with three character classes

// Tokens with their own rule (and their own, more precise, message).
constexpr std::string_view kKnownPrefixes[] = {
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "AKIA", "ASIA", "AIza"};

bool looks_random(std::string_view value) {
  for (std::string_view prefix : kKnownPrefixes) {
    if (value.starts_with(prefix)) return false;
  }
  if (value.find_first_of(" \t") != std::string_view::npos) return false;  // prose
  if (value.find("://") != std::string_view::npos) return false;           // a URL
  if (value.front() == '/' || value.starts_with("./") || value.front() == '~') return false;
  bool lower = false, upper = false, digit = false, other = false;
  for (char c : value) {
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
    digit = digit || (c >= '0' && c <= '9');
    other = other || !std::isalnum(static_cast<unsigned char>(c));
  }
  if (!digit || !(lower || upper)) return false;
  const int classes = lower + upper + digit + other;
  if (value.size() < (classes >= 3 ? kMinLengthMixed : kMinLength)) return false;
  return shannon_entropy(value) >= kMinEntropy;
}

}  // namespace

GenericHighEntropyRule::GenericHighEntropyRule()
    : resource_name_(std::make_unique<RE2>(kResourceName)) {}

GenericHighEntropyRule::~GenericHighEntropyRule() = default;

void GenericHighEntropyRule::check_entry(const EntryContext& entry, FindingList& out) const {
  const std::string_view text = entry.content;
  if (text.empty() || is_sops_encrypted(text)) return;
  // Every ':' and '=' is a possible assignment; memchr finds them, and the key right before
  // decides cheaply whether to look at the value.
  // The next ':' and '=' at or after `from`, each searched once per occurrence.
  auto find = [&](char c, std::size_t from) {
    const void* p =
        from < text.size() ? std::memchr(text.data() + from, c, text.size() - from) : nullptr;
    return p == nullptr ? text.size()
                        : static_cast<std::size_t>(static_cast<const char*>(p) - text.data());
  };
  std::size_t colon = find(':', 0);
  std::size_t equals = find('=', 0);
  while (colon < text.size() || equals < text.size()) {
    const std::size_t at = std::min(colon, equals);
    if (at == colon) colon = find(':', at + 1);
    if (at == equals) equals = find('=', at + 1);
    std::size_t key_end = at;
    while (key_end > 0 && (text[key_end - 1] == ' ' || text[key_end - 1] == '\t')) --key_end;
    if (key_end > 0 && (text[key_end - 1] == '"' || text[key_end - 1] == '\'')) --key_end;
    std::string_view key;
    if (!credential_key(text, key_end, key)) continue;
    const std::string_view v = value_after(text, at);
    if (v.size() < kMinValue || v.size() > kMaxValue) continue;
    if (is_placeholder(v) || RE2::FullMatch(v, *resource_name_) || !looks_random(v)) continue;
    // Secret `data` values are base64: judge what they encode when it is text.
    if (const std::optional<std::string> decoded = decode_base64(v);
        decoded && !decoded->empty() &&
        std::all_of(decoded->begin(), decoded->end(),
                    [](char c) { return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t'; }) &&
        is_placeholder(*decoded)) {
      continue;
    }
    const std::size_t offset = static_cast<std::size_t>(v.data() - text.data());
    Finding f =
        Finding::at(std::string(rule()), default_severity(rule()), entry.entry.path,
                    position_at_offset(text, offset),
                    "possible credential in `" + std::string(key) + "` (`" + mask_secret(v) +
                        "`, random like a real one); if it is, revoke it and load it "
                        "from a secret manager or an encrypted Secret; if not, mark the "
                        "line `# pushgate:ignore secret/generic-high-entropy <why>`");
    f.span = static_cast<std::uint32_t>(v.size());
    mask_source_line(f, text, offset, v.size());
    out.push_back(std::move(f));
  }
}

}  // namespace pushgate
