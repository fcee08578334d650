#include "validators/git/approvals.h"

#include <algorithm>
#include <set>

#include "core/base/words.h"
#include "validators/git/new_content.h"

namespace pushgate {
namespace {

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

Approver parse_approver(std::string_view value) {
  value = trim(value);
  Approver approver{{}, {}, std::string(value)};
  const std::size_t open = value.rfind('<');
  if (open != std::string_view::npos && value.ends_with('>')) {
    approver.name = std::string(trim(value.substr(0, open)));
    approver.email = std::string(trim(value.substr(open + 1, value.size() - open - 2)));
  } else if (value.find('@') != std::string_view::npos &&
             value.find(' ') == std::string_view::npos && !value.starts_with('@')) {
    approver.email = std::string(value);
  } else {
    approver.name = std::string(value);
  }
  return approver;
}

}  // namespace

std::string Approver::key() const {
  return email.empty() ? "name:" + ascii_lower(name) : ascii_lower(email);
}

std::vector<Approver> approvals_in(std::string_view message, std::span<const std::string> keys) {
  std::vector<Approver> found;
  const std::vector<std::string_view> lines = message_lines(message);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    for (const std::string& key : keys) {
      if (line.size() <= key.size() || line[key.size()] != ':') continue;
      if (ascii_lower(line.substr(0, key.size())) != ascii_lower(key)) continue;
      Approver approver = parse_approver(line.substr(key.size() + 1));
      if (!approver.name.empty() || !approver.email.empty()) found.push_back(std::move(approver));
      break;
    }
  }
  return found;
}

bool is_author(const Approver& approver, const CommitInfo& commit) {
  if (!approver.email.empty() && equals_ignoring_case(approver.email, commit.author_email)) {
    return true;
  }
  return !approver.name.empty() && equals_ignoring_case(approver.name, commit.author_name);
}

bool identity_names_approver(std::string_view identity, const Approver& approver) {
  if (identity.starts_with('@')) {
    // A trailer name may carry the '@' too ("Reviewed-by: @alice").
    std::string_view name = approver.name;
    if (name.starts_with('@')) name.remove_prefix(1);
    return !name.empty() && equals_ignoring_case(name, identity.substr(1));
  }
  if (identity.find('@') != std::string_view::npos) {
    return !approver.email.empty() && equals_ignoring_case(approver.email, identity);
  }
  return !approver.name.empty() && equals_ignoring_case(approver.name, identity);
}

bool identity_names_pusher(std::string_view identity, std::string_view pusher) {
  if (identity.starts_with('@')) identity.remove_prefix(1);
  return !pusher.empty() && equals_ignoring_case(identity, pusher);
}

CommitApprovals::CommitApprovals(std::span<const CommitInfo> commits,
                                 std::span<const std::string> trailers)
    : trailers_(trailers) {
  // Which new commits each new merge brings: everything new reachable from its non-first parents.
  std::map<std::string, const CommitInfo*> by_id;
  for (const CommitInfo& commit : commits) by_id.emplace(commit.id, &commit);
  for (const CommitInfo& merge : commits) {
    if (merge.parents.size() < 2) continue;
    std::vector<std::string> pending(merge.parents.begin() + 1, merge.parents.end());
    std::set<std::string> seen;
    while (!pending.empty()) {
      const std::string id = std::move(pending.back());
      pending.pop_back();
      auto found = by_id.find(id);
      if (found == by_id.end() || !seen.insert(id).second) continue;
      merges_bringing_[id].push_back(&merge);
      for (const std::string& parent : found->second->parents) pending.push_back(parent);
    }
  }
}

std::vector<Approver> CommitApprovals::of(const CommitInfo& commit) const {
  std::vector<Approver> approvals = approvals_in(commit.message, trailers_);
  auto merges = merges_bringing_.find(commit.id);
  if (merges == merges_bringing_.end()) return approvals;
  for (const CommitInfo* merge : merges->second) {
    for (Approver& approver : approvals_in(merge->message, trailers_)) {
      approvals.push_back(std::move(approver));
    }
  }
  return approvals;
}

std::string join_names(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace pushgate
