#include "core/config/reviews_config.h"

#include <re2/re2.h>
#include <unistd.h>

#include <array>
#include <filesystem>

namespace pushgate {
namespace {

// A list of non-empty strings, each accepted by `valid` (which reports its own problem).
template <typename Valid>
std::optional<std::vector<std::string>> read_names(ConfigReader& reader, NodeRef value,
                                                   const std::string& key_path,
                                                   std::string_view what, Valid valid) {
  if (!value.is_sequence() || value.size() == 0) {
    reader.report(value, "`" + key_path + "` must be a non-empty list of " + std::string(what) +
                             ", got " + ConfigReader::describe(value));
    return std::nullopt;
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = key_path + "[" + std::to_string(i) + "]";
    const std::optional<std::string> name = reader.read_string(value.item(i), item_path);
    if (!name) return std::nullopt;
    if (name->empty() || !valid(value.item(i), item_path, *name)) {
      if (name->empty()) reader.report(value.item(i), "`" + item_path + "` must not be empty");
      return std::nullopt;
    }
    names.push_back(*name);
  }
  return names;
}

void read_approvals(ConfigReader& reader, NodeRef value, const std::string& key_path,
                    ReviewsConfig& reviews) {
  if (auto count = reader.read_count(value, key_path, 1, kMaxApprovalsCeiling)) {
    reviews.approvals = *count;
  }
}

void read_trailers(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   ReviewsConfig& reviews) {
  // git trailer keys are tokens: letters, digits and '-' (git interpret-trailers).
  const auto token = [&reader](NodeRef item, const std::string& path, const std::string& name) {
    if (RE2::FullMatch(name, "[A-Za-z0-9][A-Za-z0-9-]*")) return true;
    reader.report(item, "`" + path +
                            "` must be a trailer key such as Reviewed-by (letters, "
                            "digits and '-', without the ':'), got \"" +
                            name + "\"");
    return false;
  };
  if (auto names = read_names(reader, value, key_path, "trailer keys", token)) {
    reviews.trailers = std::move(*names);
  }
}

template <std::vector<std::string> ReviewsConfig::*Member>
void read_identities(ConfigReader& reader, NodeRef value, const std::string& key_path,
                     ReviewsConfig& reviews) {
  const auto any = [](NodeRef, const std::string&, const std::string&) { return true; };
  if (auto names = read_names(reader, value, key_path, "names or emails", any)) {
    reviews.*Member = std::move(*names);
  }
}

void read_codeowners(ConfigReader& reader, NodeRef value, const std::string& key_path,
                     ReviewsConfig& reviews) {
  const std::optional<std::string> path = reader.read_string(value, key_path);
  if (!path) return;
  std::string_view relative = *path;
  while (relative.starts_with("./")) relative.remove_prefix(2);
  const bool climbs = relative == ".." || relative.starts_with("../") ||
                      relative.find("/../") != std::string_view::npos || relative.ends_with("/..");
  if (relative.empty() || relative.starts_with('/') || relative.ends_with('/') || climbs) {
    reader.report(value, "`" + key_path +
                             "` must be a file path inside the repository such as "
                             ".github/CODEOWNERS, got \"" +
                             *path + "\"; for a file on the server use `codeowners_file`");
    return;
  }
  reviews.codeowners = std::string(relative);
}

void read_codeowners_ref(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         ReviewsConfig& reviews) {
  const std::optional<std::string> ref = reader.read_string(value, key_path);
  if (!ref) return;
  if (!RE2::FullMatch(*ref, "refs/[^\\s*?\\[\\]:^~]+")) {
    reader.report(
        value,
        "`" + key_path + "` must be a full ref name such as refs/heads/main, got \"" + *ref + "\"");
    return;
  }
  reviews.codeowners_ref = *ref;
}

void read_codeowners_file(ConfigReader& reader, NodeRef value, const std::string& key_path,
                          ReviewsConfig& reviews) {
  const std::optional<std::string> path = reader.read_string(value, key_path);
  if (!path) return;
  if (path->empty()) {
    reader.report(value, "`" + key_path + "` is empty; write the CODEOWNERS file's path");
    return;
  }
  const std::string resolved = resolve_config_path(reader.origin(), *path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(resolved, ec) || ::access(resolved.c_str(), R_OK) != 0) {
    reader.report(value, "`" + key_path + "` " + resolved +
                             " is not a readable file; write a CODEOWNERS file there (paths are "
                             "relative to the config file)");
    return;
  }
  reviews.codeowners_file = resolved;
}

constexpr std::array<KeySpec<ReviewsConfig>, 8> kReviewsKeys = {{
    {"approvals", read_approvals},
    {"trailers", read_trailers},
    {"reviewers", read_identities<&ReviewsConfig::reviewers>},
    {"merge_bots", read_identities<&ReviewsConfig::merge_bots>},
    {"codeowners", read_codeowners},
    {"codeowners_ref", read_codeowners_ref},
    {"codeowners_file", read_codeowners_file},
    {"policy_admins", read_identities<&ReviewsConfig::policy_admins>},
}};

}  // namespace

void read_reviews_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         ReviewsConfig& reviews) {
  const std::size_t before = reader.finding_count();
  reader.read_mapping(value, key_path, reviews_keys(), reviews);
  if (reader.finding_count() != before) return;
  // Two sources of ownership would leave which one wins to guesswork.
  if (!reviews.codeowners.empty() && !reviews.codeowners_file.empty()) {
    reader.report(value.get("codeowners_file"),
                  "`" + key_path +
                      "` sets both `codeowners` (a file in the repository) and `codeowners_file` "
                      "(a file on the server); keep one");
  }
  if (!reviews.codeowners_ref.empty() && reviews.codeowners.empty()) {
    reader.report(value.get("codeowners_ref"),
                  "`" + key_path +
                      ".codeowners_ref` only applies with `codeowners` (a file in the "
                      "repository); add `codeowners: .github/CODEOWNERS` or remove it");
  }
  // Ownership alone asks for the owners' approvals, not for general ones too.
  if (reviews.has_ownership() && !value.get("approvals")) reviews.approvals = 0;
}

std::span<const KeySpec<ReviewsConfig>> reviews_keys() {
  return kReviewsKeys;
}

}  // namespace pushgate
