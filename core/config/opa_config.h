#pragma once
// The `opa:` section of pushgate.yaml: where the Open Policy Agent server is, which decisions to
// ask it for, and what happens when it cannot answer (docs/opa.md).
//
//   opa:
//     url: https://opa.internal:8181
//     decisions: [kubernetes/deny]   # POST /v1/data/kubernetes/deny for every object
//     timeout: 2s                    # one budget for every query of the run
//     on_error: reject               # or warn
//     token_file: /etc/pushgate/opa.token
//     ca_file: /etc/pushgate/opa-ca.pem
//
// The loader checks everything once, at start-up: the URL's shape, the decision paths, that the
// token and CA files can be read (the token is read then; it is never printed).
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/config/config_reader.h"

namespace pushgate {

// Ceilings on the opa.* values, each with its reason; the loader rejects larger values.
// A hook must answer in seconds: git clients and forges time out long before this.
inline constexpr std::chrono::milliseconds kMaxOpaTimeout{5 * 60 * 1000};
// Each connection is a socket held open on the OPA server; more buys nothing on a local server.
inline constexpr std::uint64_t kMaxOpaConcurrency = 64;
// A bearer token is a line of text; a larger "token" file is the wrong file.
inline constexpr std::size_t kMaxOpaTokenBytes = 64 * 1024;

enum class OpaMode : std::uint8_t {
  kPushgate,  // POST each decision with {"resource", "path", "document", "ref", ...} per object
  kConftest,  // POST data.<package> with the plain document; read deny/violation/warn rules
};

enum class OpaOnError : std::uint8_t {
  kReject,  // no decision is an error finding: fail closed
  kWarn,    // no decision is a warning finding; the push goes through
};

struct OpaUrl {
  std::string scheme;       // "http" or "https"
  std::string host;         // a name, an IPv4 address, or an IPv6 address without brackets
  int port = 0;             // explicit or the scheme's default
  std::string path_prefix;  // "" or "/opa" when the Data API sits behind a proxy path
  // "http://127.0.0.1:8181": for messages and httplib's scheme-host-port form.
  std::string origin() const;
};

struct OpaConfig {
  OpaUrl url;
  std::string url_text;  // as written, for messages
  // Data API paths ("kubernetes/deny"): each is queried for every object in pushgate mode.
  std::vector<std::string> decisions;
  std::chrono::milliseconds timeout{2000};  // overall budget for every query of one run
  OpaOnError on_error = OpaOnError::kReject;
  std::string token;       // read from token_file at load; "" when none. Never print it.
  std::string token_file;  // absolute, resolved against the config file's folder
  std::string ca_file;     // absolute; "" for the system's CA store
  OpaMode mode = OpaMode::kPushgate;
  std::string package = "main";   // conftest mode: the Rego package, dotted ("main", "k8s.rules")
  std::uint32_t concurrency = 4;  // connections kept alive and queries in flight at once
};

// `opa:` reader for the top-level key table (config_keys.cc).
struct Config;
void read_opa_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                      Config& config);

std::span<const KeySpec<OpaConfig>> opa_keys();
std::span<const EnumValue<OpaMode>> opa_modes();
std::span<const EnumValue<OpaOnError>> opa_on_error_values();

// "2s", "500ms", "1m", "1.5s" -> milliseconds; nullopt when it is not a duration.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// Parses "http(s)://host[:port][/prefix]"; the error says what is wrong.
Result<OpaUrl> parse_opa_url(std::string_view text);

}  // namespace pushgate
