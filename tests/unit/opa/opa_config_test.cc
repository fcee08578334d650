// The `opa:` section: every key read, every mistake a positioned config/invalid finding, and the
// JSON Schema in schemas/ pinned to the loader's key table.
#include "core/config/opa_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/config/config.h"
#include "tests/support/temp_repo.h"
#include "test_paths.h"

namespace pushgate {
namespace {

using testing::TempDir;
using testing::write_file;

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.path + ":" + std::to_string(f.position.line) + ":" +
           std::to_string(f.position.column) + ": " + f.rule + ": " + f.message + "\n";
  }
  return out;
}

TEST(OpaConfig, AbsentSectionMeansNoOpa) {
  const ConfigLoad load = load_config_text("pushgate.yaml", "version: 1\n");
  ASSERT_TRUE(load.config);
  EXPECT_FALSE(load.config->opa);
}

TEST(OpaConfig, MinimalSectionKeepsTheDefaults) {
  const ConfigLoad load = load_config_text(
      "pushgate.yaml", "version: 1\nopa:\n  url: http://127.0.0.1:8181\n  decisions: [k8s/deny]\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  ASSERT_TRUE(load.config->opa);
  const OpaConfig& opa = *load.config->opa;
  EXPECT_EQ(opa.url.scheme, "http");
  EXPECT_EQ(opa.url.host, "127.0.0.1");
  EXPECT_EQ(opa.url.port, 8181);
  EXPECT_EQ(opa.url.path_prefix, "");
  EXPECT_EQ(opa.url.origin(), "http://127.0.0.1:8181");
  EXPECT_EQ(opa.decisions, std::vector<std::string>{"k8s/deny"});
  EXPECT_EQ(opa.timeout, std::chrono::milliseconds(2000));
  EXPECT_EQ(opa.on_error, OpaOnError::kReject);
  EXPECT_EQ(opa.mode, OpaMode::kPushgate);
  EXPECT_EQ(opa.concurrency, 4u);
  EXPECT_TRUE(opa.token.empty());
  EXPECT_TRUE(opa.ca_file.empty());
}

TEST(OpaConfig, EveryKeyIsRead) {
  TempDir dir;
  write_file(dir / "secrets/opa.token", "s3cr3t-token\n");
  write_file(dir / "ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  write_file(dir / "pushgate.yaml",
             "version: 1\n"
             "opa:\n"
             "  url: https://opa.internal:9443/policy/\n"
             "  decisions: [kubernetes/deny, kubernetes/warn]\n"
             "  timeout: 1.5s\n"
             "  on_error: warn\n"
             "  token_file: secrets/opa.token\n"
             "  ca_file: ca.pem\n"
             "  concurrency: 8\n");
  const ConfigLoad load = load_config_file(dir / "pushgate.yaml");
  ASSERT_TRUE(load.config) << describe(load.findings);
  const OpaConfig& opa = *load.config->opa;
  EXPECT_EQ(opa.url.scheme, "https");
  EXPECT_EQ(opa.url.host, "opa.internal");
  EXPECT_EQ(opa.url.port, 9443);
  EXPECT_EQ(opa.url.path_prefix, "/policy");
  EXPECT_EQ(opa.decisions, (std::vector<std::string>{"kubernetes/deny", "kubernetes/warn"}));
  EXPECT_EQ(opa.timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(opa.on_error, OpaOnError::kWarn);
  // Relative to the config file, and the trailing newline of the token file dropped.
  EXPECT_EQ(opa.token_file, dir / "secrets/opa.token");
  EXPECT_EQ(opa.token, "s3cr3t-token");
  EXPECT_EQ(opa.ca_file, dir / "ca.pem");
  EXPECT_EQ(opa.concurrency, 8u);
}

TEST(OpaConfig, ConftestMode) {
  const ConfigLoad load = load_config_text(
      "p.yaml",
      "version: 1\nopa: {url: 'http://[::1]:8181', mode: conftest, package: data.k8s.rules}\n");
  ASSERT_TRUE(load.config) << describe(load.findings);
  const OpaConfig& opa = *load.config->opa;
  EXPECT_EQ(opa.mode, OpaMode::kConftest);
  EXPECT_EQ(opa.package, "k8s.rules");
  EXPECT_EQ(opa.url.host, "::1");
  EXPECT_EQ(opa.url.origin(), "http://[::1]:8181");
  EXPECT_TRUE(opa.decisions.empty());
}

struct ErrorCase {
  std::string_view name;
  std::string_view opa_section;  // appended after "version: 1\n"
  std::uint32_t line;
  std::uint32_t column;
  std::string_view message_part;
};

// Line 2 is `opa:`; keys start on line 3.
const ErrorCase kErrorCases[] = {
    {"not_a_mapping", "opa: http://x\n", 2, 6, "`opa` must be a mapping of keys"},
    {"missing_url", "opa:\n  decisions: [a]\n", 3, 3, "missing required key `opa.url`"},
    {"missing_decisions", "opa:\n  url: http://h:1\n", 3, 3,
     "missing required key `opa.decisions`"},
    {"bad_scheme", "opa:\n  url: ftp://h\n  decisions: [a]\n", 3, 8,
     "`opa.url` must start with http:// or https://"},
    {"credentials_in_url", "opa:\n  url: http://u:p@h\n  decisions: [a]\n", 3, 8,
     "must not hold credentials"},
    {"data_api_in_url", "opa:\n  url: http://h:8181/v1/data/k8s\n  decisions: [a]\n", 3, 8,
     "without /v1/data"},
    {"bad_port", "opa:\n  url: http://h:99999\n  decisions: [a]\n", 3, 8, "invalid port"},
    {"query_in_url", "opa:\n  url: http://h/?pretty\n  decisions: [a]\n", 3, 8,
     "must not have a query"},
    {"decision_as_rego_ref", "opa:\n  url: http://h\n  decisions: [data.k8s.deny]\n", 4, 15,
     "did you mean `k8s/deny`"},
    {"decision_not_a_list", "opa:\n  url: http://h\n  decisions: k8s/deny\n", 4, 14,
     "write it as [k8s/deny]"},
    {"decision_empty_list", "opa:\n  url: http://h\n  decisions: []\n", 4, 14,
     "must be a non-empty list"},
    {"decision_repeated", "opa:\n  url: http://h\n  decisions: [a/b, a/b]\n", 4, 20,
     "repeats decision `a/b`"},
    {"timeout_without_unit", "opa:\n  url: http://h\n  decisions: [a]\n  timeout: 2\n", 5, 12,
     "write the unit, e.g. 2s"},
    {"timeout_too_long", "opa:\n  url: http://h\n  decisions: [a]\n  timeout: 10m\n", 5, 12,
     "between 1ms and 5m"},
    {"timeout_sub_millisecond", "opa:\n  url: http://h\n  decisions: [a]\n  timeout: 0.0001s\n", 5,
     12, "must be a duration"},
    {"on_error_accept", "opa:\n  url: http://h\n  decisions: [a]\n  on_error: accept\n", 5, 13,
     "`opa.on_error` must be one of reject, warn"},
    {"mode_unknown", "opa:\n  url: http://h\n  decisions: [a]\n  mode: gatekeeper\n", 5, 9,
     "`opa.mode` must be one of pushgate, conftest"},
    {"concurrency_zero", "opa:\n  url: http://h\n  decisions: [a]\n  concurrency: 0\n", 5, 16,
     "between 1 and 64"},
    {"package_in_pushgate_mode", "opa:\n  url: http://h\n  decisions: [a]\n  package: main\n", 5,
     12, "applies only to `mode: conftest`"},
    {"decisions_in_conftest_mode", "opa:\n  url: http://h\n  mode: conftest\n  decisions: [a]\n", 5,
     14, "does not apply to `mode: conftest`"},
    {"bad_package", "opa:\n  url: http://h\n  mode: conftest\n  package: k8s/rules\n", 5, 12,
     "must be a Rego package name"},
    {"missing_token_file",
     "opa:\n  url: http://h\n  decisions: [a]\n  token_file: /nonexistent/t\n", 5, 15,
     "cannot read `opa.token_file`: /nonexistent/t does not exist"},
    {"ca_file_with_http", "opa:\n  url: http://h\n  decisions: [a]\n  ca_file: /etc/hostname\n", 5,
     12, "needs an https `opa.url`"},
    {"unknown_key", "opa:\n  url: http://h\n  decisions: [a]\n  timout: 2s\n", 5, 3,
     "did you mean `timeout`"},
};

class OpaConfigError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(OpaConfigError, IsReportedAtItsPosition) {
  const ErrorCase& c = GetParam();
  const ConfigLoad load =
      load_config_text("pushgate.yaml", "version: 1\n" + std::string(c.opa_section));
  EXPECT_FALSE(load.config);
  ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
  const Finding& f = load.findings[0];
  EXPECT_EQ(f.rule, "config/invalid");
  EXPECT_EQ(f.path, "pushgate.yaml");
  EXPECT_EQ(f.position.line, c.line) << f.message;
  EXPECT_EQ(f.position.column, c.column) << f.message;
  EXPECT_NE(f.message.find(c.message_part), std::string::npos) << f.message;
}

INSTANTIATE_TEST_SUITE_P(Opa, OpaConfigError, ::testing::ValuesIn(kErrorCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(OpaConfig, TokenFileProblems) {
  TempDir dir;
  write_file(dir / "empty.token", "\n");
  write_file(dir / "two-lines.token", "abc\nX-Injected: yes\n");
  write_file(dir / "not-a-ca.pem", "hello\n");
  const struct {
    std::string section;
    std::string message_part;
  } cases[] = {
      {"  decisions: [a]\n  token_file: empty.token\n", "is empty"},
      {"  decisions: [a]\n  token_file: two-lines.token\n", "must hold one line"},
      {"  decisions: [a]\n  token_file: .\n", "is not a regular file"},
      {"  decisions: [a]\n  ca_file: not-a-ca.pem\n", "holds no PEM certificate"},
  };
  for (const auto& c : cases) {
    const std::string url = c.message_part == "holds no PEM certificate" ? "https://h" : "http://h";
    write_file(dir / "pushgate.yaml", "version: 1\nopa:\n  url: " + url + "\n" + c.section);
    const ConfigLoad load = load_config_file(dir / "pushgate.yaml");
    EXPECT_FALSE(load.config) << c.section;
    ASSERT_EQ(load.findings.size(), 1u) << describe(load.findings);
    EXPECT_EQ(load.findings[0].position.line, 5u);
    EXPECT_NE(load.findings[0].message.find(c.message_part), std::string::npos)
        << load.findings[0].message;
    // The token itself never appears in a message.
    EXPECT_EQ(load.findings[0].message.find("X-Injected"), std::string::npos);
  }
}

TEST(OpaConfig, Durations) {
  EXPECT_EQ(parse_duration("2s"), std::chrono::milliseconds(2000));
  EXPECT_EQ(parse_duration("500ms"), std::chrono::milliseconds(500));
  EXPECT_EQ(parse_duration("1m"), std::chrono::milliseconds(60000));
  EXPECT_EQ(parse_duration("0.25s"), std::chrono::milliseconds(250));
  EXPECT_EQ(parse_duration("1.5m"), std::chrono::milliseconds(90000));
  EXPECT_FALSE(parse_duration("2"));
  EXPECT_FALSE(parse_duration("s"));
  EXPECT_FALSE(parse_duration("2 s"));
  EXPECT_FALSE(parse_duration("1.s"));
  EXPECT_FALSE(parse_duration("0.5ms"));
  EXPECT_FALSE(parse_duration("-1s"));
  EXPECT_FALSE(parse_duration("2h"));
}

// schemas/pushgate-config.schema.json describes exactly what the loader reads under `opa`.
TEST(OpaConfig, SchemaMatchesTheLoader) {
  std::ifstream in(PUSHGATE_SOURCE_DIR "/schemas/pushgate-config.schema.json");
  const nlohmann::json opa = nlohmann::json::parse(in).at("properties").at("opa");
  EXPECT_EQ(opa.at("additionalProperties"), false);
  std::set<std::string> schema_keys;
  for (const auto& [name, _] : opa.at("properties").items()) schema_keys.insert(name);
  std::set<std::string> loader_keys;
  std::set<std::string> required;
  for (const KeySpec<OpaConfig>& key : opa_keys()) {
    loader_keys.emplace(key.name);
    if (!key.required_hint.empty()) required.emplace(key.name);
  }
  EXPECT_EQ(schema_keys, loader_keys);
  EXPECT_EQ(opa.at("required").get<std::set<std::string>>(), required);
  const nlohmann::json& props = opa.at("properties");
  std::vector<std::string> modes;
  for (const auto& v : opa_modes()) modes.emplace_back(v.name);
  EXPECT_EQ(props.at("mode").at("enum").get<std::vector<std::string>>(), modes);
  std::vector<std::string> on_error;
  for (const auto& v : opa_on_error_values()) on_error.emplace_back(v.name);
  EXPECT_EQ(props.at("on_error").at("enum").get<std::vector<std::string>>(), on_error);
  const OpaConfig defaults;
  EXPECT_EQ(props.at("concurrency").at("maximum"), kMaxOpaConcurrency);
  EXPECT_EQ(props.at("concurrency").at("default"), defaults.concurrency);
  EXPECT_EQ(props.at("package").at("default"), defaults.package);
  EXPECT_EQ(parse_duration(props.at("timeout").at("default").get<std::string>()), defaults.timeout);
}

}  // namespace
}  // namespace pushgate
