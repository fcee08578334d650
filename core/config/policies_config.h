#pragma once
// The `policies:` section of pushgate.yaml (docs/policies.md): which built-in rules run, how
// severe they are, where they apply, the team's own declarative rules, and central exceptions.
//
//   policies:
//     profile: strict                 # minimal | recommended (default) | strict
//     pod_security: restricted        # baseline | restricted (default: by profile)
//     rules:
//       k8s/image-latest: error
//       k8s/image-registry: {options: {registries: [ghcr.io/acme/]}}
//       k8s/replicas-minimum: {paths: [clusters/prod/**], options: {min: 3}}
//     custom: [{id: team-label, match: {kinds: [Deployment]}, assert: [...]}]
//     exceptions: [{rule: k8s/host-path, paths: [infra/**], reason: "...", expires: 2026-12-31}]
//
// Everything here is read and checked once, when the config is loaded (core/config/
// policies_config.cc): unknown rule ids, bad options, bad custom rules and bad exceptions are
// config errors with line:col. The values read are in core/policy/policies.h, below the config
// loader, so that the policy pass and the rules' catalogue need no config reader.
#include <string>
#include <string_view>

#include "core/policy/policies.h"

namespace pushgate {

class ConfigReader;
class NodeRef;

struct Config;
// Reads one scope key (paths, namespaces, kinds, apiVersions, labels) into `scope`; false when
// `name` is none of them. Shared by policies.rules and custom rules' `match`.
bool read_scope_key(ConfigReader& reader, std::string_view name, NodeRef value,
                    const std::string& key_path, ObjectScope& scope);
// The reader for `policies:` (hooked up in config_keys.cc).
void read_policies(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   Config& config);

}  // namespace pushgate
