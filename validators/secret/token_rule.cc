#include "validators/secret/token_rule.h"

#include <re2/re2.h>

#include <algorithm>
#include <vector>

#include "core/document/text_position.h"
#include "core/policy/builtin_rules.h"
#include "validators/secret/secret_text.h"

namespace pushgate {

namespace {

// How far around a literal the pattern looks: back to the start of its line (at most this
// far), and forward this far (a PEM body spans lines).
constexpr std::size_t kLookBehind = 512;
constexpr std::size_t kLookAhead = 2048;

// RE2 searches a literal alternation at memchr speed only when every alternative starts with
// the same byte: one alternation per first byte.
std::vector<std::unique_ptr<RE2>> literal_groups(std::initializer_list<std::string_view> literals) {
  std::vector<std::unique_ptr<RE2>> groups;
  std::string done;
  for (std::string_view first : literals) {
    if (first.empty() || done.find(first[0]) != std::string::npos) continue;
    done += first[0];
    std::string pattern;
    for (std::string_view literal : literals) {
      if (literal.empty() || literal[0] != first[0]) continue;
      if (!pattern.empty()) pattern += '|';
      pattern += RE2::QuoteMeta(re2::StringPiece(literal.data(), literal.size()));
    }
    groups.push_back(std::make_unique<RE2>(pattern));
  }
  return groups;
}

}  // namespace

TokenRule::TokenRule(std::string_view pattern, std::initializer_list<std::string_view> literals)
    : pattern_(std::make_unique<RE2>(pattern)), literal_groups_(literal_groups(literals)) {}

TokenRule::~TokenRule() = default;

bool TokenRule::plausible(std::string_view /*token*/) const {
  return true;
}

void TokenRule::check_entry(const EntryContext& entry, FindingList& out) const {
  const std::string_view text = entry.content;
  if (text.empty() || !pattern_->ok()) return;
  const re2::StringPiece all(text.data(), text.size());
  // Where the literals occur, in order.
  std::vector<std::size_t> hits;
  for (const auto& group : literal_groups_) {
    re2::StringPiece hit;
    std::size_t from = 0;
    while (from < text.size() && group->Match(all, from, text.size(), RE2::UNANCHORED, &hit, 1)) {
      hits.push_back(static_cast<std::size_t>(hit.data() - text.data()));
      from = hits.back() + 1;
    }
  }
  if (hits.empty()) return;
  std::sort(hits.begin(), hits.end());

  const int groups = pattern_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> captures(static_cast<std::size_t>(groups) + 1);
  std::size_t scanned = 0;  // matches before this offset were reported already
  for (const std::size_t at : hits) {
    if (at < scanned) continue;
    const std::size_t newline = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    std::size_t window = newline == std::string_view::npos ? 0 : newline + 1;
    window = std::max({window, at > kLookBehind ? at - kLookBehind : 0, scanned});
    const std::size_t end = std::min(text.size(), at + kLookAhead);
    while (window < end &&
           pattern_->Match(all, window, end, RE2::UNANCHORED, captures.data(), groups + 1)) {
      const re2::StringPiece whole = captures[0];
      const std::size_t match_start = static_cast<std::size_t>(whole.data() - text.data());
      window = match_start + std::max<std::size_t>(1, whole.size());
      scanned = window;
      re2::StringPiece token;
      for (int g = 1; g <= groups && token.empty(); ++g) {
        token = captures[static_cast<std::size_t>(g)];
      }
      if (token.empty()) token = whole;
      const std::string_view value(token.data(), token.size());
      if (is_placeholder(value) || !plausible(value)) continue;
      const std::size_t offset = static_cast<std::size_t>(token.data() - text.data());
      Finding f = Finding::at(std::string(rule()), default_severity(rule()), entry.entry.path,
                              position_at_offset(text, offset),
                              "plain-text " + std::string(what()) + " `" + mask_secret(value) +
                                  "`; " + std::string(fix()));
      f.span = static_cast<std::uint32_t>(value.size());
      mask_source_line(f, text, offset, value.size());
      out.push_back(std::move(f));
    }
  }
}

}  // namespace pushgate
