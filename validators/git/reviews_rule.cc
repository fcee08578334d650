#include "validators/git/reviews_rule.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace pushgate {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

// One approval trailer's identity: "Name <email>", "<email>", "email" or "Name".
struct Approver {
  std::string name;
  std::string email;
  std::string text;  // as written, for messages

  // Distinct approvers are distinct emails (any case), or names when there is no email.
  std::string key() const { return email.empty() ? "name:" + lower(name) : lower(email); }
};

Approver parse_approver(std::string_view value) {
  value = trim(value);
  Approver approver{{}, {}, std::string(value)};
  const std::size_t open = value.rfind('<');
  if (open != std::string_view::npos && value.ends_with('>')) {
    approver.name = std::string(trim(value.substr(0, open)));
    approver.email = std::string(trim(value.substr(open + 1, value.size() - open - 2)));
  } else if (value.find('@') != std::string_view::npos &&
             value.find(' ') == std::string_view::npos) {
    approver.email = std::string(value);
  } else {
    approver.name = std::string(value);
  }
  return approver;
}

// Every approval trailer in `message`: lines after the subject that start with one of `keys`
// (any case) followed by ':'.
std::vector<Approver> approvals_in(std::string_view message, std::span<const std::string> keys) {
  std::vector<Approver> found;
  const std::vector<std::string_view> lines = message_lines(message);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    for (const std::string& key : keys) {
      if (line.size() <= key.size() || line[key.size()] != ':') continue;
      if (lower(line.substr(0, key.size())) != lower(key)) continue;
      Approver approver = parse_approver(line.substr(key.size() + 1));
      if (!approver.name.empty() || !approver.email.empty()) found.push_back(std::move(approver));
      break;
    }
  }
  return found;
}

bool is_author(const Approver& approver, const CommitInfo& commit) {
  if (!approver.email.empty() && lower(approver.email) == lower(commit.author_email)) return true;
  return !approver.name.empty() && lower(approver.name) == lower(commit.author_name);
}

// A `reviewers` entry with '@' is an email, otherwise a name; both compared ignoring case.
bool is_listed(const Approver& approver, std::span<const std::string> reviewers) {
  return std::any_of(reviewers.begin(), reviewers.end(), [&](const std::string& reviewer) {
    const bool email = reviewer.find('@') != std::string::npos;
    const std::string& mine = email ? approver.email : approver.name;
    return !mine.empty() && lower(mine) == lower(reviewer);
  });
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace

void ReviewsRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.reviews || context.commits.empty()) return;
  const ReviewsConfig& config = *context.rule.reviews;
  if (context.pusher) {
    const std::string pusher = lower(context.pusher->name);
    for (const std::string& bot : config.merge_bots) {
      if (lower(bot) == pusher) return;
    }
  }

  // Which new commits each new merge brings: everything new reachable from its non-first parents.
  std::map<std::string, const CommitInfo*> by_id;
  for (const CommitInfo& commit : context.commits) by_id.emplace(commit.id, &commit);
  std::map<std::string, std::vector<const CommitInfo*>> merges_bringing;  // commit id -> merges
  for (const CommitInfo& merge : context.commits) {
    if (merge.parents.size() < 2) continue;
    std::vector<std::string> pending(merge.parents.begin() + 1, merge.parents.end());
    std::set<std::string> seen;
    while (!pending.empty()) {
      const std::string id = std::move(pending.back());
      pending.pop_back();
      auto found = by_id.find(id);
      if (found == by_id.end() || !seen.insert(id).second) continue;
      merges_bringing[id].push_back(&merge);
      for (const std::string& parent : found->second->parents) pending.push_back(parent);
    }
  }

  const std::string keys = join(config.trailers, "/");
  for (const CommitInfo& commit : context.commits) {
    std::vector<Approver> approvals = approvals_in(commit.message, config.trailers);
    for (const CommitInfo* merge : merges_bringing[commit.id]) {
      for (Approver& approver : approvals_in(merge->message, config.trailers)) {
        approvals.push_back(std::move(approver));
      }
    }
    std::set<std::string> counted_keys;
    std::vector<std::string> counted;
    std::vector<std::string> ignored;
    for (const Approver& approver : approvals) {
      if (is_author(approver, commit)) {
        ignored.push_back(approver.text + " (the author)");
      } else if (!config.reviewers.empty() && !is_listed(approver, config.reviewers)) {
        ignored.push_back(approver.text + " (not a listed reviewer)");
      } else if (counted_keys.insert(approver.key()).second) {
        counted.push_back(approver.text);
      }
    }
    if (counted.size() >= config.approvals) continue;
    std::string message = "commit " + short_id(commit.id) + " has " +
                          std::to_string(counted.size()) + " of " +
                          std::to_string(config.approvals) + " approvals that " +
                          context.plan.update.ref + " requires (" + keys + " trailers)";
    if (!counted.empty()) message += "; counted: " + join(counted, ", ");
    if (!ignored.empty()) message += "; not counted: " + join(ignored, ", ");
    message += "; add \"" + config.trailers.front() + ": Name <email>\" trailers from ";
    message += config.reviewers.empty() ? std::string("reviewers other than the author")
                                        : "listed reviewers (" + join(config.reviewers, ", ") + ")";
    message += " to the commit or to the merge commit that brings it";
    out.push_back(commit_finding(rule(), context, commit.id, 0, std::move(message)));
  }
}

}  // namespace pushgate
