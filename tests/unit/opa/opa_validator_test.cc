// OPA through the whole engine, against an in-test server that answers as the Data API does:
// findings at the field a result names, conftest packages, the input pushgate sends, bounded
// concurrency over kept-alive connections, and every failure ending in opa.on_error's decision.
#include "validators/opa/opa_validator.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <re2/re2.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/engine/engine.h"
#include "core/rule_docs/rule_pages.h"
#include "core/source/directory_snapshot.h"
#include "tests/support/temp_repo.h"
#include "tests/unit/opa/fake_opa_server.h"

namespace pushgate {
namespace {

using nlohmann::json;
using testing::FakeOpaServer;
using testing::TempDir;
using testing::write_file;

constexpr std::string_view kDeployments =
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: web\n"
    "  namespace: shop\n"
    "spec:\n"
    "  replicas: 1\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        - name: web\n"
    "          image: web:latest\n"
    "---\n"
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: api\n"
    "spec:\n"
    "  replicas: 3\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        - name: api\n"
    "          image: api:1.2.3\n";

// A Rego policy, in C++: `kubernetes/deny` flags :latest images (naming the field) and single
// replicas; `kubernetes/warn` warns about a missing namespace. Other paths are undefined.
std::optional<json> kubernetes_policy(std::string_view path, const json& input) {
  const json& resource = input.at("resource");
  if (path == "kubernetes/deny") {
    json out = json::array();
    const json containers =
        resource.value("/spec/template/spec/containers"_json_pointer, json::array());
    for (std::size_t i = 0; i < containers.size(); ++i) {
      const std::string image = containers[i].value("image", "");
      if (image.ends_with(":latest")) {
        out.push_back(
            {{"msg", "image " + image + " is not pinned"},
             {"field", "spec.template.spec.containers[" + std::to_string(i) + "].image"}});
      }
    }
    if (resource.value("/spec/replicas"_json_pointer, 2) < 2) out.push_back("one replica");
    return out;
  }
  if (path == "kubernetes/warn") {
    json out = json::array();
    if (!resource.at("metadata").contains("namespace")) {
      out.push_back({{"msg", "no namespace"}, {"field", "metadata"}, {"severity", "warning"}});
    }
    return out;
  }
  return std::nullopt;
}

OpaConfig opa_config(const std::string& url, std::vector<std::string> decisions) {
  OpaConfig c;
  c.url = parse_opa_url(url).value();
  c.url_text = url;
  c.decisions = std::move(decisions);
  c.timeout = std::chrono::seconds(20);  // generous: these tests must not depend on speed
  return c;
}

struct OpaRun {
  TempDir dir;
  std::unique_ptr<DirectorySnapshot> snapshot;
  std::unique_ptr<Engine> engine;

  explicit OpaRun(const OpaConfig& opa) {
    Config config;
    config.opa = opa;
    engine = std::make_unique<Engine>(config, 2);
  }
  CheckOutcome check() {
    snapshot = std::move(DirectorySnapshot::open(dir.path()).value());
    CheckRequest request;
    request.snapshot = snapshot.get();
    request.files = snapshot->entries();
    request.ref = "refs/heads/main";
    request.commit = "0123456789abcdef0123456789abcdef01234567";
    request.repository = "shop/deploy";
    request.pusher = "alice";
    return engine->check(request);
  }
};

// The OPA findings of a run; each rule id must fit schemas/report.schema.json's pattern.
std::vector<Finding> opa_findings(const CheckOutcome& outcome) {
  static const RE2 kRuleId("opa/[a-z0-9]+(-[a-z0-9]+)*");
  std::vector<Finding> out;
  for (const Finding& f : outcome.findings) {
    if (!f.rule.starts_with("opa/")) continue;
    EXPECT_TRUE(RE2::FullMatch(f.rule, kRuleId)) << f.rule;
    out.push_back(f);
  }
  return out;
}

std::string where(const Finding& f) {
  return f.path + ":" + std::to_string(f.position.line) + ":" + std::to_string(f.position.column) +
         " " + std::string(to_string(f.severity)) + " " + f.rule + " " + f.message;
}

std::vector<std::string> wheres(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(where(f));
  return out;
}

// For failure messages: every finding, one per line.
std::string listing(const std::vector<Finding>& findings) {
  std::string out = std::to_string(findings.size()) + " findings:\n";
  for (const Finding& f : findings) out += where(f) + "\n";
  return out;
}

TEST(OpaValidator, PushgateModeReportsAtTheFieldTheResultNames) {
  FakeOpaServer opa(kubernetes_policy);
  OpaRun run(opa_config(opa.url(), {"kubernetes/deny", "kubernetes/warn"}));
  write_file(run.dir / "apps/web.yaml", std::string(kDeployments));
  const std::vector<Finding> found = opa_findings(run.check());
  EXPECT_EQ(wheres(found),
            (std::vector<std::string>{
                "apps/web.yaml:12:18 error opa/kubernetes-deny image web:latest is not pinned",
                "apps/web.yaml:1:1 error opa/kubernetes-deny one replica",
                "apps/web.yaml:17:3 warning opa/kubernetes-warn no namespace",
            }));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].json_path, "spec.template.spec.containers[0].image");
  EXPECT_EQ(found[0].object, "apps/v1/Deployment/shop/web");
  EXPECT_EQ(found[0].document, 0);
  EXPECT_EQ(found[0].span, 10u);  // web:latest underlined
  EXPECT_EQ(found[0].source_line, "          image: web:latest");
  EXPECT_EQ(found[0].ref, "refs/heads/main");
  EXPECT_EQ(found[2].document, 1);
  EXPECT_EQ(found[2].object, "apps/v1/Deployment//api");
  EXPECT_EQ(opa.requests(), 4u);  // 2 objects x 2 decisions
  EXPECT_EQ(opa.paths(),
            (std::set<std::string>{"/v1/data/kubernetes/deny", "/v1/data/kubernetes/warn"}));
}

TEST(OpaValidator, SendsTheDocumentedInput) {
  FakeOpaServer opa(kubernetes_policy);
  OpaRun run(opa_config(opa.url(), {"kubernetes/deny"}));
  write_file(run.dir / "cm.yaml",
             "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {n: \"1\", m: 2}\n");
  run.check();
  EXPECT_EQ(opa.last_body(), json::parse(R"({"input": {
      "resource": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                   "data": {"n": "1", "m": 2}},
      "path": "cm.yaml", "document": 0, "repository": "shop/deploy",
      "ref": "refs/heads/main", "commit": "0123456789abcdef0123456789abcdef01234567",
      "pusher": "alice"}})"));
}

TEST(OpaValidator, ListItemsAreJudgedOneByOne) {
  FakeOpaServer opa(kubernetes_policy);
  OpaRun run(opa_config(opa.url(), {"kubernetes/deny"}));
  write_file(run.dir / "list.yaml",
             "apiVersion: v1\n"
             "kind: List\n"
             "items:\n"
             "  - apiVersion: apps/v1\n"
             "    kind: Deployment\n"
             "    metadata: {name: a}\n"
             "    spec: {replicas: 2}\n"
             "  - apiVersion: apps/v1\n"
             "    kind: Deployment\n"
             "    metadata: {name: b}\n"
             "    spec:\n"
             "      replicas: 2\n"
             "      template: {spec: {containers: [{name: b, image: 'b:latest'}]}}\n");
  const std::vector<Finding> found = opa_findings(run.check());
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_EQ(found[0].json_path, "items[1].spec.template.spec.containers[0].image");
  EXPECT_EQ(found[0].position, (Position{13, 55}));
  EXPECT_EQ(opa.requests(), 2u);
}

TEST(OpaValidator, ConftestModeReadsDenyViolationAndWarnOfThePackage) {
  FakeOpaServer opa([](std::string_view path, const json& input) -> std::optional<json> {
    if (path != "main") return std::nullopt;
    json package = {{"deny", json::array()}, {"warn", json::array()}};
    if (input.contains("services")) {  // docker-compose: not a Kubernetes object
      package["warn"].push_back("compose file");
    }
    if (input.value("kind", "") == "Pod") {  // the plain document is the input
      package["deny"].push_back("pods must not be created directly");
      package["violation_host"] =
          json::array({{{"msg", "host network"}, {"field", "spec.hostNetwork"}}});
    }
    package["helper"] = 42;  // other rules of the package are ignored
    return package;
  });
  OpaConfig config = opa_config(opa.url(), {});
  config.mode = OpaMode::kConftest;
  OpaRun run(config);
  write_file(run.dir / "pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n");
  write_file(run.dir / "compose.yaml", "services:\n  web: {image: nginx}\n");
  const std::vector<Finding> found = opa_findings(run.check());
  EXPECT_EQ(wheres(found), (std::vector<std::string>{
                               "compose.yaml:1:1 warning opa/main-warn compose file",
                               "pod.yaml:1:1 error opa/main-deny pods must not be created directly",
                               "pod.yaml:5:16 error opa/main-violation-host host network",
                           }));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].object, "");  // not a Kubernetes object
  EXPECT_EQ(found[1].object, "v1/Pod//p");
  EXPECT_EQ(opa.requests(), 2u);  // one request per document: the whole package at once
  EXPECT_EQ(opa.paths(), std::set<std::string>{"/v1/data/main"});
}

TEST(OpaValidator, ConftestPackageWithDotsIsADataPath) {
  FakeOpaServer opa([](std::string_view path, const json&) -> std::optional<json> {
    if (path != "k8s/rules") return std::nullopt;
    return json{{"deny", {"no"}}};
  });
  OpaConfig config = opa_config(opa.url(), {});
  config.mode = OpaMode::kConftest;
  config.package = "k8s.rules";
  OpaRun run(config);
  write_file(run.dir / "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
  const std::vector<Finding> found = opa_findings(run.check());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "opa/k8s-rules-deny");
}

TEST(OpaValidator, RuleIdsAreKebabCaseDataPaths) {
  FakeOpaServer opa([](std::string_view path, const json&) -> std::optional<json> {
    if (path != "Team_A/k8s/Deny_Latest") return std::nullopt;
    return json::array({"no"});
  });
  OpaRun run(opa_config(opa.url(), {"Team_A/k8s/Deny_Latest"}));
  write_file(run.dir / "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
  const std::vector<Finding> found = opa_findings(run.check());
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_EQ(found[0].rule, "opa/team-a-k8s-deny-latest");
}

TEST(OpaValidator, AnUndefinedDecisionFailsClosed) {
  FakeOpaServer opa(kubernetes_policy);
  OpaRun run(opa_config(opa.url(), {"kubernetes/dney"}));  // a typo: OPA answers {}
  write_file(run.dir / "apps/web.yaml", std::string(kDeployments));
  const std::vector<Finding> found = opa_findings(run.check());
  ASSERT_EQ(found.size(), 1u) << listing(found);  // one per file and reason
  EXPECT_EQ(found[0].rule, "opa/bad-result");
  EXPECT_EQ(found[0].severity, Severity::kError);
  EXPECT_EQ(found[0].position, (Position{1, 1}));
  EXPECT_NE(found[0].message.find("no policy decision for Deployment shop/web and 1 more object "
                                  "in this file: decision kubernetes/dney is undefined"),
            std::string::npos)
      << found[0].message;
}

TEST(OpaValidator, AMissingConftestPackageFailsClosed) {
  FakeOpaServer opa([](std::string_view, const json&) { return std::optional<json>(); });
  OpaConfig config = opa_config(opa.url(), {});
  config.mode = OpaMode::kConftest;
  OpaRun run(config);
  write_file(run.dir / "a.yaml", "a: 1\n");
  const std::vector<Finding> found = opa_findings(run.check());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "opa/bad-result");
  EXPECT_NE(found[0].message.find("package main is not loaded"), std::string::npos)
      << found[0].message;
}

TEST(OpaValidator, SendsTheBearerToken) {
  FakeOpaServer opa(kubernetes_policy);
  OpaConfig config = opa_config(opa.url(), {"kubernetes/deny"});
  config.token = "t0k3n";
  OpaRun run(config);
  write_file(run.dir / "a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
  EXPECT_TRUE(opa_findings(run.check()).empty());
  EXPECT_EQ(opa.last_authorization(), "Bearer t0k3n");
}

TEST(OpaValidator, NoObjectsNoRequests) {
  FakeOpaServer opa(kubernetes_policy);
  OpaRun run(opa_config(opa.url(), {"kubernetes/deny"}));
  write_file(run.dir / "values.yaml", "replicas: 1\n");  // not an object: pushgate mode skips it
  EXPECT_TRUE(opa_findings(run.check()).empty());
  EXPECT_EQ(opa.requests(), 0u);
}

TEST(OpaValidator, BoundedConcurrencyOverKeptAliveConnections) {
  FakeOpaServer opa([](const httplib::Request& req, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // let requests overlap
    FakeOpaServer::data_api(kubernetes_policy)(req, res);
  });
  OpaConfig config = opa_config(opa.url(), {"kubernetes/deny"});
  config.concurrency = 3;
  OpaRun run(config);
  std::string objects;
  for (int i = 0; i < 150; ++i) {
    objects +=
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) + "}\n";
  }
  write_file(run.dir / "a.yaml", objects);
  write_file(run.dir / "b.yaml", objects);
  EXPECT_TRUE(opa_findings(run.check()).empty());
  EXPECT_EQ(opa.requests(), 300u);
  EXPECT_LE(opa.max_in_flight(), 3u);
  EXPECT_GE(opa.max_in_flight(), 2u);  // and it did run queries side by side
  EXPECT_LE(opa.connections(), 3u);    // 300 requests over at most 3 sockets
}

TEST(OpaValidator, ReconnectsWhenTheServerClosesKeptAliveConnections) {
  FakeOpaServer opa(kubernetes_policy);
  opa.server().set_keep_alive_max_count(2);  // the server closes every second request
  OpaRun run(opa_config(opa.url(), {"kubernetes/deny"}));
  std::string objects;
  for (int i = 0; i < 20; ++i) {
    objects +=
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) + "}\n";
  }
  write_file(run.dir / "a.yaml", objects);
  EXPECT_TRUE(opa_findings(run.check()).empty()) << wheres(opa_findings(run.check()))[0];
  EXPECT_GE(opa.requests(), 20u);
}

// ---- Every failure ends in the configured decision, with a clear message. ----

struct FailureRun {
  std::vector<Finding> found;
};

FailureRun run_against(const std::string& url, OpaOnError on_error,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  OpaConfig config = opa_config(url, {"kubernetes/deny"});
  config.on_error = on_error;
  config.timeout = timeout;
  OpaRun run(config);
  write_file(run.dir / "apps/web.yaml", std::string(kDeployments));
  return FailureRun{opa_findings(run.check())};
}

void expect_unavailable(const FailureRun& r, Severity severity, std::string_view reason) {
  ASSERT_EQ(r.found.size(), 1u) << listing(r.found);
  const Finding& f = r.found[0];
  EXPECT_EQ(f.rule, "opa/unavailable");
  EXPECT_EQ(f.severity, severity);
  EXPECT_EQ(f.path, "apps/web.yaml");
  EXPECT_EQ(f.position, (Position{1, 1}));
  EXPECT_NE(f.message.find("no policy decision for Deployment shop/web and 1 more object in "
                           "this file: "),
            std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find(reason), std::string::npos) << f.message;
  EXPECT_NE(f.message.find(severity == Severity::kError ? "failing closed (opa.on_error: reject)"
                                                        : "not checked by policy (opa.on_error: "
                                                          "warn)"),
            std::string::npos)
      << f.message;
}

// A port nothing listens on: bound once, then closed.
int closed_port() {
  const FakeOpaServer gone(kubernetes_policy);
  return gone.port();
}

TEST(OpaFailures, ConnectionRefused) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
  expect_unavailable(run_against(url, OpaOnError::kReject), Severity::kError,
                     "cannot connect to OPA at " + url);
  expect_unavailable(run_against(url, OpaOnError::kWarn), Severity::kWarning,
                     "cannot connect to OPA at " + url);
}

TEST(OpaFailures, SlowResponsesRunOutTheBudget) {
  FakeOpaServer opa([&opa](const httplib::Request&, httplib::Response& res) {
    opa.hold();  // answers only when the test ends
    res.set_content("{}", "application/json");
  });
  expect_unavailable(run_against(opa.url(), OpaOnError::kReject, std::chrono::milliseconds(300)),
                     Severity::kError, "within the 300ms budget (opa.timeout)");
}

TEST(OpaFailures, Http500CarriesOpasMessage) {
  FakeOpaServer opa([](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content(
        R"({"code": "internal_error", "message": "policy.rego:7: eval_conflict_error: complete rules must not produce multiple outputs"})",
        "application/json");
  });
  expect_unavailable(run_against(opa.url(), OpaOnError::kReject), Severity::kError,
                     "answered HTTP 500 for kubernetes/deny: internal_error: policy.rego:7: "
                     "eval_conflict_error");
}

TEST(OpaFailures, Unauthorized) {
  FakeOpaServer opa([](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"code": "unauthorized", "message": "missing or invalid bearer token"})",
                    "application/json");
  });
  expect_unavailable(run_against(opa.url(), OpaOnError::kWarn), Severity::kWarning,
                     "HTTP 401 for kubernetes/deny: unauthorized: missing or invalid bearer "
                     "token; check opa.token_file");
}

TEST(OpaFailures, MalformedJson) {
  FakeOpaServer opa([](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"result": [)", "application/json");
  });
  expect_unavailable(run_against(opa.url(), OpaOnError::kReject), Severity::kError,
                     "answered malformed JSON for kubernetes/deny");
}

TEST(OpaFailures, JsonThatIsNotAnObject) {
  FakeOpaServer opa([](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"(["deny"])", "application/json");
  });
  expect_unavailable(run_against(opa.url(), OpaOnError::kReject), Severity::kError,
                     "answered a JSON array for kubernetes/deny");
}

TEST(OpaFailures, AResultThatIsNotASetOfMessages) {
  FakeOpaServer opa([](std::string_view, const json&) { return std::optional<json>(7); });
  const FailureRun r = run_against(opa.url(), OpaOnError::kReject);
  ASSERT_EQ(r.found.size(), 1u);
  EXPECT_EQ(r.found[0].rule, "opa/bad-result");
  EXPECT_EQ(r.found[0].severity, Severity::kError);
  EXPECT_NE(r.found[0].message.find("decision kubernetes/deny answered an unusable result: a "
                                    "result must be a message string or an object with \"msg\", "
                                    "got a number"),
            std::string::npos)
      << r.found[0].message;
}

// A server that accepts and hangs up without a word: every request fails mid-flight.
class HangUpServer {
 public:
  HangUpServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(listen(fd_, 16), 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
      for (;;) {
        const int client = accept(fd_, nullptr, nullptr);
        if (client < 0) return;  // shut down
        char buffer[256];
        (void)!read(client, buffer, sizeof buffer);
        close(client);
      }
    });
  }
  ~HangUpServer() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

TEST(OpaFailures, ServerHangsUp) {
  HangUpServer server;
  expect_unavailable(
      run_against("http://127.0.0.1:" + std::to_string(server.port()), OpaOnError::kReject),
      Severity::kError, "failed mid-request (closed or reset by the server)");
}

TEST(OpaFailures, OneBudgetForTheWholeRunAcrossChecks) {
  FakeOpaServer opa([&opa](const httplib::Request&, httplib::Response& res) {
    opa.hold();
    res.set_content("{}", "application/json");
  });
  OpaConfig config = opa_config(opa.url(), {"kubernetes/deny"});
  config.timeout = std::chrono::milliseconds(200);
  OpaRun run(config);  // one engine, as for one hook run over several refs
  write_file(run.dir / "apps/web.yaml", std::string(kDeployments));
  std::vector<Finding> first = opa_findings(run.check());
  ASSERT_EQ(first.size(), 1u) << listing(first);
  EXPECT_EQ(first[0].rule, "opa/unavailable");
  const std::size_t requests = opa.requests();
  std::vector<Finding> second = opa_findings(run.check());  // e.g. the next ref of the push
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].rule, "opa/unavailable");
  EXPECT_NE(second[0].message.find("within the 200ms budget"), std::string::npos);
  EXPECT_EQ(opa.requests(), requests);  // the spent budget sends nothing more
}

// ---- HTTPS: Debian's cpp-httplib has OpenSSL; the certificate is verified, never skipped. ----

// A throw-away certificate for 127.0.0.1, made with the real openssl binary.
struct TestCertificate {
  TempDir dir;
  std::string cert;
  std::string key;
};

TestCertificate make_certificate() {
  TestCertificate c;
  c.cert = c.dir / "cert.pem";
  c.key = c.dir / "key.pem";
  const testing::CommandResult r = testing::run_command(
      {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", c.key, "-out", c.cert, "-days", "2", "-subj", "/CN=127.0.0.1",
       "-addext", "subjectAltName=IP:127.0.0.1"},
      c.dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return c;
}

std::unique_ptr<httplib::Server> tls_server(const TestCertificate& c) {
  auto server = std::make_unique<httplib::SSLServer>(c.cert.c_str(), c.key.c_str());
  EXPECT_TRUE(server->is_valid());
  return server;
}

TEST(OpaHttps, VerifiesTheServerAgainstCaFile) {
  const TestCertificate certificate = make_certificate();
  FakeOpaServer opa(FakeOpaServer::data_api(kubernetes_policy), tls_server(certificate));
  OpaConfig config = opa_config(opa.url("https"), {"kubernetes/deny"});
  config.ca_file = certificate.cert;
  OpaRun run(config);
  write_file(run.dir / "apps/web.yaml", std::string(kDeployments));
  const std::vector<Finding> found = opa_findings(run.check());
  ASSERT_EQ(found.size(), 2u) << listing(found);
  EXPECT_EQ(found[0].rule, "opa/kubernetes-deny");
  EXPECT_EQ(opa.requests(), 2u);
}

TEST(OpaHttps, AnUnverifiedCertificateIsNoDecision) {
  const TestCertificate certificate = make_certificate();
  FakeOpaServer opa(FakeOpaServer::data_api(kubernetes_policy), tls_server(certificate));
  // No ca_file: the system CA store does not know this self-signed certificate.
  expect_unavailable(run_against(opa.url("https"), OpaOnError::kReject), Severity::kError,
                     "does not verify against the system CA store");
  EXPECT_EQ(opa.requests(), 0u);  // nothing was sent to an unverified server
}

// The rule-catalog test builds the default ValidatorSet, which has no OPA: check it here.
TEST(OpaValidator, HasARulePageForEveryIdItEmits) {
  Config config;
  config.opa = opa_config("http://127.0.0.1:1", {"a"});
  const ValidatorSet validators(config);
  bool registered = false;
  for (const auto& v : validators.all()) {
    // Other whole-run validators (gitops/ whole-tree rules) are on by default too.
    if (!v->wants_run() || !v->rule().starts_with("opa/")) continue;
    EXPECT_EQ(v->rule(), "opa/policy");
    EXPECT_NE(find_rule_page(v->rule()), nullptr) << v->rule();
    registered = true;
  }
  EXPECT_TRUE(registered);
  for (std::string_view id : {"opa/policy", "opa/unavailable", "opa/bad-result"}) {
    EXPECT_NE(find_rule_page(id), nullptr) << id;
  }
}

}  // namespace
}  // namespace pushgate
