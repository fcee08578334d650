#pragma once
// An in-test HTTP server on 127.0.0.1 (random port) that answers exactly as OPA's Data API does:
//
//   POST /v1/data/{path}  {"input": ...}  ->  200 {"result": ...}, or 200 {} when undefined
//   a body that is not JSON, or has no "input"  ->  400 {"code": "invalid_parameter", ...}
//
//   FakeOpaServer opa([](std::string_view path, const json& input) -> std::optional<json> {
//     if (path != "kubernetes/deny") return std::nullopt;          // undefined
//     return json::array({"no"});
//   });
//   config.url = parse_opa_url(opa.url()).value();
//
// Or a raw handler for the failures (500s, malformed JSON, slow answers). It counts what tests
// assert on: requests, connections (distinct client ports), the most requests in flight at once.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include <nlohmann/json.hpp>

namespace pushgate::testing {

class FakeOpaServer {
 public:
  using json = nlohmann::json;
  // The policy: the document at `path` for `input`, or nullopt when it is undefined.
  using Policy = std::function<std::optional<json>(std::string_view path, const json& input)>;
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit FakeOpaServer(Policy policy) : FakeOpaServer(data_api(std::move(policy))) {}
  explicit FakeOpaServer(Handler handler, std::unique_ptr<httplib::Server> server = nullptr)
      : server_(server ? std::move(server) : std::make_unique<httplib::Server>()),
        handler_(std::move(handler)) {
    // OPA (Go's net/http) keeps connections open indefinitely; httplib closes after 5 requests.
    server_->set_keep_alive_max_count(100000);
    server_->set_tcp_nodelay(true);  // as Go's net/http, which OPA uses
    server_->Post(R"(/v1/data/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      enter(req);
      handler_(req, res);
      leave();
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return;  // requests then fail, and so does the test
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    // stop() before the accept loop runs would be lost, and the join would hang.
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  ~FakeOpaServer() {
    release();
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  FakeOpaServer(const FakeOpaServer&) = delete;
  FakeOpaServer& operator=(const FakeOpaServer&) = delete;

  int port() const { return port_; }
  std::string url(std::string_view scheme = "http") const {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
  }
  httplib::Server& server() { return *server_; }

  // Handlers that hold() wait until release() (or the server's end): a response that is
  // slower than any budget, without a sleep that could make a test flaky.
  void hold() {
    std::unique_lock lock(mutex_);
    released_cv_.wait(lock, [this] { return released_; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    released_cv_.notify_all();
  }

  std::size_t requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t connections() const {
    std::lock_guard lock(mutex_);
    return ports_.size();
  }
  std::size_t max_in_flight() const {
    std::lock_guard lock(mutex_);
    return max_in_flight_;
  }
  std::string last_authorization() const {
    std::lock_guard lock(mutex_);
    return last_authorization_;
  }
  std::set<std::string> paths() const {
    std::lock_guard lock(mutex_);
    return paths_;
  }
  json last_body() const {
    std::lock_guard lock(mutex_);
    return last_body_;
  }

  // The documented Data API over a policy function.
  static Handler data_api(Policy policy) {
    return [policy = std::move(policy)](const httplib::Request& req, httplib::Response& res) {
      const json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.is_object()) {
        res.status = 400;
        res.set_content(
            R"({"code":"invalid_parameter","message":"body contains malformed input document"})",
            "application/json");
        return;
      }
      const std::string path = req.path.substr(std::string_view("/v1/data/").size());
      const std::optional<json> result = policy(path, body.value("input", json()));
      res.set_content(result ? json{{"result", *result}}.dump() : "{}", "application/json");
    };
  }

 private:
  void enter(const httplib::Request& req) {
    std::lock_guard lock(mutex_);
    ++requests_;
    ++in_flight_;
    max_in_flight_ = std::max(max_in_flight_, in_flight_);
    ports_.insert(req.remote_port);
    last_authorization_ = req.get_header_value("Authorization");
    paths_.insert(req.path);
    last_body_ = json::parse(req.body, nullptr, false);
  }
  void leave() {
    std::lock_guard lock(mutex_);
    --in_flight_;
  }

  std::unique_ptr<httplib::Server> server_;
  Handler handler_;
  int port_ = -1;
  std::thread thread_;

  mutable std::mutex mutex_;
  std::condition_variable released_cv_;
  bool released_ = false;
  std::size_t requests_ = 0;
  std::size_t in_flight_ = 0;
  std::size_t max_in_flight_ = 0;
  std::set<int> ports_;
  std::string last_authorization_;
  std::set<std::string> paths_;
  json last_body_;
};

}  // namespace pushgate::testing
