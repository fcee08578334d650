#include "validators/secret/secret_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "core/document/text_position.h"

namespace pushgate {
namespace {

constexpr std::array<std::string_view, 15> kPlaceholderWords = {
    "changeme",    "change_me", "change-me", "change me", "example",
    "placeholder", "dummy",     "redacted",  "replace",   "your_",
    "your-",       "xxxxxxxx",  "sample",    "notreal",   "fake"};

// References a secret manager resolves at run time (1Password, Vault, vals, cloud managers).
constexpr std::array<std::string_view, 9> kReferencePrefixes = {
    "op://",           "vault:",   "ref+",     "akv://",
    "sm://",           "gcpsm://", "awssm://", "secretsmanager://",
    "azurekeyvault://"};

// UPDATE_AWS_ACCESS_KEY_ID, __REPLACE_ME__: the name of a value, not a value.
bool is_identifier_name(std::string_view value) {
  bool underscore = false;
  std::size_t run = 0, longest = 0;
  for (char c : value) {
    if (c == '_') {
      underscore = true;
      run = 0;
    } else if (c >= 'A' && c <= 'Z') {
      longest = std::max(longest, ++run);
    } else if (c >= '0' && c <= '9') {
      run = 0;
    } else {
      return false;
    }
  }
  return underscore && longest >= 3;
}

bool contains_folded(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) return false;
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; k < word.size() && same; ++k) {
      same = std::tolower(static_cast<unsigned char>(text[i + k])) == word[k];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

std::string mask_secret(std::string_view secret) {
  // Short values show less, so that a prefix is never most of the secret.
  const std::size_t shown = std::min(kShownSecretChars, secret.size() / 4);
  return std::string(secret.substr(0, shown)) + "****";
}

std::string mask_in_line(std::string_view line, std::size_t offset, std::size_t length) {
  std::string masked(line);
  if (offset >= masked.size()) return masked;
  length = std::min(length, masked.size() - offset);
  const std::size_t shown = std::min(kShownSecretChars, length / 4);
  for (std::size_t i = offset + shown; i < offset + length; ++i) masked[i] = '*';
  return masked;
}

bool is_placeholder(std::string_view value) {
  while (!value.empty() &&
         (value.front() == ' ' || value.front() == '"' || value.front() == '\'')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '"' || value.back() == '\'')) {
    value.remove_suffix(1);
  }
  if (value.empty()) return true;
  if (std::all_of(value.begin(), value.end(), [&](char c) { return c == value.front(); })) {
    return true;
  }
  if (value.find("${") != std::string_view::npos || value.find("{{") != std::string_view::npos ||
      value.starts_with("ENC[") || value.find("...") != std::string_view::npos ||
      (value.front() == '<' && value.back() == '>') || value.starts_with("$(")) {
    return true;
  }
  for (std::string_view prefix : kReferencePrefixes) {
    if (value.starts_with(prefix)) return true;
  }
  if (is_identifier_name(value)) return true;
  for (std::string_view word : kPlaceholderWords) {
    if (contains_folded(value, word)) return true;
  }
  return false;
}

bool is_sops_encrypted(std::string_view content) {
  // One scan for the rare word; the exact shapes only where it occurs.
  if (content.find("sops") == std::string_view::npos) return false;
  const bool metadata = content.find("\nsops:") != std::string_view::npos ||
                        content.starts_with("sops:") ||
                        content.find("\"sops\":") != std::string_view::npos;
  return metadata && (content.find("ENC[AES256_GCM,") != std::string_view::npos ||
                      content.find("mac:") != std::string_view::npos ||
                      content.find("\"mac\":") != std::string_view::npos);
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  std::size_t padding = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+') {
      v = 62;
    } else if (c == '/') {
      v = 63;
    } else if (c == '=') {
      ++padding;
      continue;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      continue;
    } else {
      return std::nullopt;
    }
    if (padding > 0) return std::nullopt;  // data after padding
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  if (padding > 2) return std::nullopt;
  return out;
}

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0;
  std::array<std::size_t, 256> counts{};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double bits = 0;
  for (std::size_t n : counts) {
    if (n == 0) continue;
    const double p = static_cast<double>(n) / static_cast<double>(text.size());
    bits -= p * std::log2(p);
  }
  return bits;
}

void mask_source_line(Finding& finding, std::string_view content, std::size_t offset,
                      std::size_t length) {
  const std::size_t newline =
      offset == 0 ? std::string_view::npos : content.rfind('\n', offset - 1);
  const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
  const std::string_view line = line_text(content, finding.position.line);
  if (offset - start > line.size()) return;
  finding.source_line = mask_in_line(line, offset - start, length);
}

}  // namespace pushgate
