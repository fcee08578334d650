#include "core/config/opa_config.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/config/config.h"

namespace pushgate {
namespace {

constexpr std::array<EnumValue<OpaMode>, 2> kOpaModes = {{
    {"pushgate", OpaMode::kPushgate},
    {"conftest", OpaMode::kConftest},
}};

constexpr std::array<EnumValue<OpaOnError>, 2> kOpaOnError = {{
    {"reject", OpaOnError::kReject},
    {"warn", OpaOnError::kWarn},
}};

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_identifier_char(char c) {
  return is_identifier_start(c) || (c >= '0' && c <= '9');
}

// Rego identifiers joined by `separator`: "kubernetes/deny" ('/'), "k8s.rules" ('.').
bool is_rego_path(std::string_view text, char separator) {
  if (text.empty()) return false;
  bool segment_start = true;
  for (char c : text) {
    if (c == separator) {
      if (segment_start) return false;
      segment_start = true;
      continue;
    }
    if (segment_start ? !is_identifier_start(c) : !is_identifier_char(c)) return false;
    segment_start = false;
  }
  return !segment_start;
}

// What the user probably meant by a decision written as a Rego reference: "data.a.b" -> "a/b".
std::string as_data_api_path(std::string_view text) {
  if (text.starts_with("data.")) text.remove_prefix(5);
  while (text.starts_with('/')) text.remove_prefix(1);
  if (text.starts_with("v1/data/")) text.remove_prefix(8);
  std::string path(text);
  for (char& c : path) {
    if (c == '.') c = '/';
  }
  return path;
}

void read_url(ConfigReader& reader, NodeRef value, const std::string& key_path, OpaConfig& opa) {
  const std::optional<std::string> text = reader.read_string(value, key_path);
  if (!text) return;
  Result<OpaUrl> url = parse_opa_url(*text);
  if (!url) {
    reader.report(value, "`" + key_path + "` " + url.error().message);
    return;
  }
  opa.url = std::move(url).value();
  opa.url_text = *text;
}

void read_decisions(ConfigReader& reader, NodeRef value, const std::string& key_path,
                    OpaConfig& opa) {
  if (!value.is_sequence() || value.size() == 0) {
    std::string message = "`" + key_path +
                          "` must be a non-empty list of Data API paths such as "
                          "[kubernetes/deny], got " +
                          ConfigReader::describe(value);
    if (value.is_string()) message += "; write it as [" + std::string(value.text()) + "]";
    reader.report(value, std::move(message));
    return;
  }
  std::vector<std::string> decisions;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = key_path + "[" + std::to_string(i) + "]";
    const std::optional<std::string> path = reader.read_string(value.item(i), item_path);
    if (!path) continue;
    if (!is_rego_path(*path, '/')) {
      std::string message = "`" + item_path +
                            "` must be a Data API path of Rego names joined "
                            "by '/', such as kubernetes/deny, got " +
                            ConfigReader::describe(value.item(i));
      const std::string suggestion = as_data_api_path(*path);
      if (suggestion != *path && is_rego_path(suggestion, '/')) {
        message += ", did you mean `" + suggestion + "`";
      }
      reader.report(value.item(i), std::move(message));
      continue;
    }
    if (std::find(decisions.begin(), decisions.end(), *path) != decisions.end()) {
      reader.report(value.item(i), "`" + item_path + "` repeats decision `" + *path +
                                       "`; list each decision once");
      continue;
    }
    decisions.push_back(*path);
  }
  opa.decisions = std::move(decisions);
}

void read_timeout(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  OpaConfig& opa) {
  std::optional<std::chrono::milliseconds> duration;
  if (value.is_string()) duration = parse_duration(value.text());
  if (!duration) {
    std::string message = "`" + key_path + "` must be a duration such as 2s, 500ms or 1m, got " +
                          ConfigReader::describe(value);
    if (value.kind() == NodeKind::kInt)
      message += "; write the unit, e.g. " + std::string(value.text()) + "s";
    reader.report(value, std::move(message));
    return;
  }
  if (duration->count() < 1 || *duration > kMaxOpaTimeout) {
    reader.report(value, "`" + key_path + "` must be between 1ms and 5m, got " +
                             ConfigReader::describe(value) +
                             "; a hook that waits longer is cut off by git clients and forges");
    return;
  }
  opa.timeout = *duration;
}

void read_on_error(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   OpaConfig& opa) {
  if (auto mode = reader.read_enum(value, key_path, opa_on_error_values())) opa.on_error = *mode;
}

void read_token_file(ConfigReader& reader, NodeRef value, const std::string& key_path,
                     OpaConfig& opa) {
  if (auto path = reader.read_string(value, key_path)) opa.token_file = std::move(*path);
}

void read_ca_file(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  OpaConfig& opa) {
  if (auto path = reader.read_string(value, key_path)) opa.ca_file = std::move(*path);
}

void read_mode(ConfigReader& reader, NodeRef value, const std::string& key_path, OpaConfig& opa) {
  if (auto mode = reader.read_enum(value, key_path, opa_modes())) opa.mode = *mode;
}

void read_package(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  OpaConfig& opa) {
  const std::optional<std::string> package = reader.read_string(value, key_path);
  if (!package) return;
  std::string_view name = *package;
  if (name.starts_with("data.")) name.remove_prefix(5);
  if (!is_rego_path(name, '.')) {
    reader.report(value, "`" + key_path +
                             "` must be a Rego package name such as main or "
                             "kubernetes.admission, got " +
                             ConfigReader::describe(value));
    return;
  }
  opa.package = std::string(name);
}

void read_concurrency(ConfigReader& reader, NodeRef value, const std::string& key_path,
                      OpaConfig& opa) {
  if (auto count = reader.read_count(value, key_path, 1, kMaxOpaConcurrency)) {
    opa.concurrency = static_cast<std::uint32_t>(*count);
  }
}

constexpr std::array<KeySpec<OpaConfig>, 9> kOpaKeys = {{
    {"url", read_url, "add `url: http://127.0.0.1:8181`, the address OPA's Data API listens on"},
    {"decisions", read_decisions},
    {"timeout", read_timeout},
    {"on_error", read_on_error},
    {"token_file", read_token_file},
    {"ca_file", read_ca_file},
    {"mode", read_mode},
    {"package", read_package},
    {"concurrency", read_concurrency},
}};

// The file's bytes (at most `limit` + 1), or an error message.
Result<std::string> read_small_file(const std::string& path, std::size_t limit) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return Error{ErrorCode::kNotFound, path + " does not exist"};
  }
  if (!std::filesystem::is_regular_file(status)) {
    return Error{ErrorCode::kInvalid, path + " is not a regular file"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kIo, "cannot read " + path + ": " + std::strerror(errno)};
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Error{ErrorCode::kIo, "cannot read " + path + ": " + std::strerror(errno)};
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

void load_token(ConfigReader& reader, NodeRef node, const std::string& origin, OpaConfig& opa) {
  opa.token_file = resolve_config_path(origin, opa.token_file);
  Result<std::string> bytes = read_small_file(opa.token_file, kMaxOpaTokenBytes);
  if (!bytes) {
    reader.report(node, "cannot read `opa.token_file`: " + bytes.error().message +
                            "; check the path and its permissions for the user the hook runs as");
    return;
  }
  std::string token = std::move(bytes).value();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ' ||
                            token.back() == '\t')) {
    token.pop_back();
  }
  if (token.size() > kMaxOpaTokenBytes) {
    reader.report(node, "`opa.token_file` " + opa.token_file +
                            " is over 64KiB; it should hold one line, the bearer token");
    return;
  }
  if (token.empty()) {
    reader.report(node, "`opa.token_file` " + opa.token_file +
                            " is empty; write the bearer token into it, or remove token_file");
    return;
  }
  // A line break or control character would smuggle extra HTTP headers into every request.
  for (char c : token) {
    if (static_cast<unsigned char>(c) < 0x21 || c == 0x7F) {
      reader.report(node, "`opa.token_file` " + opa.token_file +
                              " must hold one line, the bearer token, without spaces or "
                              "control characters");
      return;
    }
  }
  opa.token = std::move(token);
}

void check_ca_file(ConfigReader& reader, NodeRef node, const std::string& origin, OpaConfig& opa) {
  opa.ca_file = resolve_config_path(origin, opa.ca_file);
  // CA bundles are a few hundred KiB at most (the whole Mozilla store is ~220KiB).
  Result<std::string> bytes = read_small_file(opa.ca_file, 16 * 1024 * 1024);
  if (!bytes) {
    reader.report(node, "cannot read `opa.ca_file`: " + bytes.error().message +
                            "; check the path and its permissions for the user the hook runs as");
    return;
  }
  if (bytes.value().find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    reader.report(node, "`opa.ca_file` " + opa.ca_file +
                            " holds no PEM certificate (-----BEGIN CERTIFICATE-----); point it "
                            "to the CA bundle that signed the OPA server's certificate");
  }
}

// Checks across keys, once every key is read.
void check_opa(ConfigReader& reader, NodeRef value, const std::string& origin, OpaConfig& opa) {
  if (opa.mode == OpaMode::kPushgate && !value.get("decisions")) {
    reader.report(value.position(),
                  "missing required key `opa.decisions`; list the Data API paths to ask for "
                  "every object, such as [kubernetes/deny], or set `mode: conftest`");
  }
  if (opa.mode == OpaMode::kConftest && value.get("decisions")) {
    reader.report(value.get("decisions"),
                  "`opa.decisions` does not apply to `mode: conftest`, which queries the "
                  "deny, violation and warn rules of `opa.package`; remove it");
  }
  if (opa.mode == OpaMode::kPushgate && value.get("package")) {
    reader.report(value.get("package"),
                  "`opa.package` applies only to `mode: conftest`; remove it, or set "
                  "`mode: conftest`");
  }
  if (const NodeRef token = value.get("token_file"); token && !opa.token_file.empty()) {
    load_token(reader, token, origin, opa);
  }
  if (const NodeRef ca = value.get("ca_file"); ca && !opa.ca_file.empty()) {
    if (!opa.url.scheme.empty() && opa.url.scheme != "https") {
      reader.report(ca, "`opa.ca_file` needs an https `opa.url`; the url is " + opa.url_text);
    } else {
      check_ca_file(reader, ca, origin, opa);
    }
  }
}

}  // namespace

std::string OpaUrl::origin() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  std::uint64_t whole = 0;
  std::from_chars(text.data(), text.data() + digits, whole);
  text.remove_prefix(digits);
  // Up to three decimals: enough for milliseconds of a second.
  std::uint64_t fraction = 0;
  std::uint64_t fraction_scale = 1;
  if (text.starts_with('.')) {
    text.remove_prefix(1);
    std::size_t decimals = 0;
    while (decimals < text.size() && text[decimals] >= '0' && text[decimals] <= '9') {
      if (decimals == 3) return std::nullopt;
      fraction = fraction * 10 + static_cast<std::uint64_t>(text[decimals] - '0');
      fraction_scale *= 10;
      ++decimals;
    }
    if (decimals == 0) return std::nullopt;
    text.remove_prefix(decimals);
  }
  std::uint64_t unit_ms = 0;
  if (text == "ms") {
    unit_ms = 1;
  } else if (text == "s") {
    unit_ms = 1000;
  } else if (text == "m") {
    unit_ms = 60 * 1000;
  } else {
    return std::nullopt;
  }
  const std::uint64_t fraction_ms = fraction * unit_ms;
  if (fraction_ms % fraction_scale != 0) return std::nullopt;  // finer than a millisecond
  return std::chrono::milliseconds(whole * unit_ms + fraction_ms / fraction_scale);
}

Result<OpaUrl> parse_opa_url(std::string_view text) {
  OpaUrl url;
  if (text.starts_with("http://")) {
    url.scheme = "http";
    url.port = 80;
  } else if (text.starts_with("https://")) {
    url.scheme = "https";
    url.port = 443;
  } else {
    return Error{ErrorCode::kInvalid,
                 "must start with http:// or https://, such as http://127.0.0.1:8181"};
  }
  text.remove_prefix(url.scheme.size() + 3);
  if (text.find_first_of("?#") != std::string_view::npos) {
    return Error{ErrorCode::kInvalid,
                 "must not have a query or fragment; pushgate adds the "
                 "Data API path (/v1/data/...) itself"};
  }
  const std::size_t slash = text.find('/');
  std::string_view authority = text.substr(0, slash);
  std::string_view prefix = slash == std::string_view::npos ? "" : text.substr(slash);
  if (authority.find('@') != std::string_view::npos) {
    return Error{ErrorCode::kInvalid,
                 "must not hold credentials (they would show in messages); put a bearer token "
                 "in `opa.token_file`"};
  }
  std::string_view port_text;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return Error{ErrorCode::kInvalid, "has an IPv6 address without its closing ]"};
    }
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) {
      return Error{ErrorCode::kInvalid, "has text after the IPv6 address; write [::1]:8181"};
    }
    if (!rest.empty()) port_text = rest.substr(1);
    if (url.host.empty() ||
        url.host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) {
      return Error{ErrorCode::kInvalid, "has an invalid IPv6 address"};
    }
  } else {
    const std::size_t colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    for (char c : url.host) {
      if (!is_identifier_char(c) && c != '-' && c != '.') {
        return Error{ErrorCode::kInvalid, "has an invalid host name"};
      }
    }
  }
  if (url.host.empty()) return Error{ErrorCode::kInvalid, "has no host, such as 127.0.0.1"};
  if (!port_text.empty() || authority.ends_with(':')) {
    int port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      return Error{ErrorCode::kInvalid, "has an invalid port; use a number from 1 to 65535"};
    }
    url.port = port;
  }
  while (prefix.ends_with('/')) prefix.remove_suffix(1);
  if (prefix.find("/v1/") != std::string_view::npos || prefix.ends_with("/v1")) {
    return Error{ErrorCode::kInvalid,
                 "must be the server's base address without /v1/data/...; "
                 "list the decision paths in `opa.decisions`"};
  }
  url.path_prefix = std::string(prefix);
  return url;
}

void read_opa_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                      Config& config) {
  OpaConfig opa;
  reader.read_mapping(value, key_path, opa_keys(), opa);
  if (!value.is_mapping()) return;
  check_opa(reader, value, config.origin, opa);
  config.opa = std::move(opa);
}

std::span<const KeySpec<OpaConfig>> opa_keys() {
  return kOpaKeys;
}
std::span<const EnumValue<OpaMode>> opa_modes() {
  return kOpaModes;
}
std::span<const EnumValue<OpaOnError>> opa_on_error_values() {
  return kOpaOnError;
}

}  // namespace pushgate
