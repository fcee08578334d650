#include "hooks/environment.h"

#include <charconv>

extern char** environ;

namespace pushgate {
namespace {

// More options than any git client sends; a larger count is a broken environment.
constexpr std::size_t kMaxPushOptions = 4096;

}  // namespace

Environment Environment::from_process() {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    std::size_t eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    variables.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
  }
  return Environment(std::move(variables));
}

std::optional<std::string> Environment::get(const std::string& name) const {
  auto it = variables_.find(name);
  if (it == variables_.end()) return std::nullopt;
  return it->second;
}

std::string Environment::get_or(const std::string& name, const std::string& fallback) const {
  std::optional<std::string> value = get(name);
  return value ? *value : fallback;
}

GitEnvironment Environment::git() const {
  GitEnvironment git;
  git.git_dir = get_or("GIT_DIR", "");
  git.object_directory = get_or("GIT_OBJECT_DIRECTORY", "");
  git.alternate_object_directories = get_or("GIT_ALTERNATE_OBJECT_DIRECTORIES", "");
  git.quarantine_path = get_or("GIT_QUARANTINE_PATH", "");
  git.index_file = get_or("GIT_INDEX_FILE", "");
  return git;
}

Result<std::vector<std::string>> Environment::push_options() const {
  std::optional<std::string> count_text = get("GIT_PUSH_OPTION_COUNT");
  if (!count_text) return std::vector<std::string>{};
  std::size_t count = 0;
  const char* begin = count_text->data();
  const char* end = begin + count_text->size();
  auto [ptr, ec] = std::from_chars(begin, end, count);
  if (ec != std::errc() || ptr != end || count > kMaxPushOptions) {
    return Error{ErrorCode::kInvalid,
                 "GIT_PUSH_OPTION_COUNT is \"" + *count_text + "\", not a count of push options"};
  }
  std::vector<std::string> options;
  for (std::size_t i = 0; i < count; ++i) {
    std::string name = "GIT_PUSH_OPTION_" + std::to_string(i);
    std::optional<std::string> value = get(name);
    if (!value) {
      return Error{ErrorCode::kInvalid,
                   "GIT_PUSH_OPTION_COUNT is " + *count_text + " but " + name + " is not set"};
    }
    options.push_back(std::move(*value));
  }
  return options;
}

}  // namespace pushgate
