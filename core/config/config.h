#pragma once
// pushgate.yaml, version 1 (docs/config.md; JSON Schema: schemas/pushgate-config.schema.json).
//
//   ConfigLoad load = load_config_file("/srv/git/app.git/pushgate.yaml");
//   if (!load.config) { report(load.findings); return 2; }   // every problem, with line:col
//   const Config& config = *load.config;
//
// Unknown keys and wrong types are errors. Keys that docs/config.md names but this build does not
// implement yet are errors too ("not supported by this version"), never silently ignored: a
// policy that is written down but not enforced would be a silent accept.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/audit_config.h"
#include "core/config/bypass_config.h"
#include "core/config/kubernetes_config.h"
#include "core/config/opa_config.h"
#include "core/config/policies_config.h"
#include "core/config/pusher_config.h"
#include "core/config/refs_config.h"
#include "core/config/schemas_config.h"
#include "core/finding/finding.h"

namespace pushgate {

// Ceilings on the files.* limits, each with its reason; the loader rejects larger values.
// A gate must answer in seconds: no manifest is anywhere near a gigabyte.
inline constexpr std::uint64_t kMaxFileSizeCeiling = 1024ull * 1024 * 1024;
// The files one check reads at once: memory grows with them (docs/benchmarks.md "Memory").
inline constexpr std::uint64_t kMaxPushBytesCeiling = 64ull * 1024 * 1024 * 1024;
// libyaml's cost grows quadratically with nesting depth; no Kubernetes object nests past ~30.
inline constexpr std::uint32_t kMaxDepthCeiling = 1024;
// Each expanded node costs every validator that walks the tree; beyond this a push is an attack.
inline constexpr std::uint64_t kMaxExpandedNodesCeiling = 100'000'000;

struct FilesConfig {
  // Repository-relative path globs ('*' within a segment, '**' across segments, '?', [abc]).
  std::vector<std::string> include = {"**/*.yaml", "**/*.yml", "**/*.json"};
  std::vector<std::string> exclude;
  // Bytes; larger files are an error, not parsed. 16 MiB: real CRD bundles are several MB, and
  // what the cluster refuses for its size is judged object by object (k8s/object-size).
  std::uint64_t max_size = 16 * 1024 * 1024;
  std::uint32_t max_depth = 256;                 // YAML/JSON nesting depth
  std::uint64_t max_expanded_nodes = 1'000'000;  // alias expansion budget per document
  // Bytes of the files one check reads (a pushed ref's changed files, or one commit's with
  // validate: every-commit): a push over it is an error before any file is read.
  std::uint64_t max_push_bytes = 512ull * 1024 * 1024;
};

enum class ValidateMode : std::uint8_t {
  kTip,          // the tree at each pushed tip (files changed against the old tip)
  kEveryCommit,  // every new commit's changed files, each against its first parent
};

enum class FailureMode : std::uint8_t { kReject, kAccept };

struct Config {
  int version = 1;
  FilesConfig files;
  ValidateMode validate = ValidateMode::kTip;
  // Refs whose pushes are validated; deletions and other refs pass through (and are reported to
  // later git rules). Globs over full ref names.
  std::vector<std::string> validate_refs = {"refs/heads/**", "refs/tags/**"};
  // What an internal error (unreadable object, bug) does in hook mode: fail closed by default.
  FailureMode on_internal_error = FailureMode::kReject;
  PoliciesConfig policies;       // built-in rules, custom rules, exceptions (docs/policies.md)
  std::optional<OpaConfig> opa;  // `opa:` (core/config/opa_config.h); unset: no OPA queries
  // `kubernetes:` (core/config/kubernetes_config.h); unset: no schema validation
  std::optional<KubernetesConfig> kubernetes;
  std::vector<RefRuleConfig> refs;     // `refs:` git rules per ref glob, first match wins
  std::vector<SchemaMapping> schemas;  // `schemas:` JSON Schemas for files by path
  std::optional<BypassConfig> bypass;  // `bypass:` break-glass; unset: no bypass
  std::optional<AuditConfig> audit;    // `audit:` decision log; unset: none
  std::optional<PusherConfig> pusher;  // `pusher:` where the pusher's name comes from
  // `baseline:` accepted findings (core/config/baseline_config.h), absolute; "" for none
  std::string baseline;
  std::string origin;  // the file it came from, "" for built-in defaults
};

struct ConfigLoad {
  std::optional<Config> config;  // set when the config is valid
  FindingList findings;          // rule "config/…", with path:line:col; errors make config empty
};

ConfigLoad load_config_text(std::string_view origin, std::string_view yaml_text);
ConfigLoad load_config_file(const std::string& path);

}  // namespace pushgate
