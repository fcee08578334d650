#include "hooks/pusher.h"

#include <array>

namespace pushgate {

std::optional<Pusher> find_pusher(const Environment& environment,
                                  const std::optional<PusherConfig>& config,
                                  const PushCertVerdict& certificate) {
  if (config && !config->variable.empty()) {
    std::optional<std::string> name = environment.get(config->variable);
    if (name && !name->empty()) return Pusher{*name, config->variable};
    return std::nullopt;
  }
  if (certificate.trusted && !certificate.key.empty()) {
    return Pusher{certificate.key, "GIT_PUSH_CERT_KEY"};
  }
  constexpr std::array<const char*, 5> kVariables = {"GITEA_PUSHER_NAME", "GL_USERNAME", "GL_ID",
                                                     "GL_USER", "REMOTE_USER"};
  for (const char* variable : kVariables) {
    std::optional<std::string> name = environment.get(variable);
    if (name && !name->empty()) return Pusher{*name, variable};
  }
  return std::nullopt;
}

std::string hook_transport(const Environment& environment) {
  auto set = [&](const char* name) { return !environment.get_or(name, "").empty(); };
  if (set("GL_ID") || set("GL_USERNAME") || set("GL_PROTOCOL")) return "gitlab";
  if (set("GITEA_PUSHER_NAME") || set("GITEA_REPO_NAME")) return "gitea";
  if (set("GL_USER")) return "gitolite";
  if (set("REMOTE_USER") || set("GATEWAY_INTERFACE")) return "http";
  if (set("SSH_CONNECTION") || set("SSH_CLIENT")) return "ssh";
  return "local";
}

bool identity_is_vouched_for(const Pusher& pusher, const std::optional<PusherConfig>& config,
                             const std::string& transport) {
  if (config && !config->variable.empty()) return pusher.source == config->variable;
  if (pusher.source == "GIT_PUSH_CERT_KEY") return true;  // verified by pushgate itself
  return transport != "local" && transport != "ssh";
}

std::string pusher_variables_hint(const std::optional<PusherConfig>& config) {
  if (config && !config->variable.empty()) {
    return config->variable + " (pusher.variable in the config)";
  }
  return std::string(kPusherVariablesHint);
}

}  // namespace pushgate
