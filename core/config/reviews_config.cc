#include "core/config/reviews_config.h"

#include <re2/re2.h>

#include <array>

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

constexpr std::array<KeySpec<ReviewsConfig>, 7> kReviewsKeys = {{
    {"approvals", read_approvals},
    {"trailers", read_trailers},
    {"reviewers", read_identities<&ReviewsConfig::reviewers>},
    {"merge_bots", read_identities<&ReviewsConfig::merge_bots>},
    // Named by the design, not enforced by this build yet.
    {"codeowners", nullptr},
    {"codeowners_file", nullptr},
    {"policy_admins", nullptr},
}};

}  // namespace

void read_reviews_config(ConfigReader& reader, NodeRef value, const std::string& key_path,
                         ReviewsConfig& reviews) {
  reader.read_mapping(value, key_path, reviews_keys(), reviews);
}

std::span<const KeySpec<ReviewsConfig>> reviews_keys() {
  return kReviewsKeys;
}

}  // namespace pushgate
