#pragma once
// The environment a hook runs in, captured once as a value so that the hooks layer reads no
// global state and tests can hand it any environment they like.
//
//   Environment env = Environment::from_process();
//   GitEnvironment git = env.git();                       // GIT_DIR, quarantine, index file
//   Result<std::vector<std::string>> options = env.push_options();
//
// Never print or log an Environment: behind smart HTTP it holds HTTP_AUTHORIZATION.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/git/repository.h"

namespace pushgate {

class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string> variables)
      : variables_(std::move(variables)) {}
  static Environment from_process();

  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  void set(const std::string& name, std::string value) { variables_[name] = std::move(value); }

  // The variables git sets for hooks that decide where objects and the index are.
  GitEnvironment git() const;
  // `git push -o …`: GIT_PUSH_OPTION_COUNT and GIT_PUSH_OPTION_0…N-1. No count: no options
  // (the repository does not advertise them). A count that is not a number, or a missing
  // GIT_PUSH_OPTION_<n>, is kInvalid: git never sends that, so something is wrong.
  Result<std::vector<std::string>> push_options() const;

 private:
  std::map<std::string, std::string> variables_;
};

}  // namespace pushgate
