#include "hooks/pusher.h"

#include <array>

namespace pushgate {

std::optional<Pusher> find_pusher(const Environment& environment,
                                  const std::optional<PusherConfig>& config) {
  if (config && !config->variable.empty()) {
    std::optional<std::string> name = environment.get(config->variable);
    if (name && !name->empty()) return Pusher{*name, config->variable};
    return std::nullopt;
  }
  // A good signature on a certificate whose nonce is not the one this server just issued could be
  // a replay of someone else's old certificate: it names nobody.
  if (environment.get_or("GIT_PUSH_CERT_STATUS", "") == "G" &&
      environment.get_or("GIT_PUSH_CERT_NONCE_STATUS", "") == "OK") {
    if (std::optional<std::string> key = environment.get("GIT_PUSH_CERT_KEY");
        key && !key->empty()) {
      return Pusher{*key, "GIT_PUSH_CERT_KEY"};
    }
  }
  constexpr std::array<const char*, 5> kVariables = {"GITEA_PUSHER_NAME", "GL_USERNAME", "GL_ID",
                                                     "GL_USER", "REMOTE_USER"};
  for (const char* variable : kVariables) {
    std::optional<std::string> name = environment.get(variable);
    if (name && !name->empty()) return Pusher{*name, variable};
  }
  return std::nullopt;
}

std::string pusher_variables_hint(const std::optional<PusherConfig>& config) {
  if (config && !config->variable.empty()) {
    return config->variable + " (pusher.variable in the config)";
  }
  return std::string(kPusherVariablesHint);
}

}  // namespace pushgate
