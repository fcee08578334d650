#include "core/opa/opa_client.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "core/opa/opa_result.h"

namespace pushgate {
namespace {

using Clock = std::chrono::steady_clock;

// httplib waits with poll() in whole milliseconds, so a read timeout set to the remaining
// budget can fire just before the deadline: failures this close to it count as timeouts.
constexpr auto kTimerSlack = std::chrono::milliseconds(5);

// OPA's error bodies are {"code": "...", "message": "..."}; quote at most this much of one.
constexpr std::size_t kMaxServerMessageChars = 300;

std::string format_duration(std::chrono::milliseconds d) {
  if (d.count() % 60000 == 0) return std::to_string(d.count() / 60000) + "m";
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

// "internal_error: 1 error occurred: policy.rego:4: eval_conflict_error: ..." out of OPA's body.
std::string server_message(const std::string& body) {
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object()) {
    std::string text;
    if (auto code = parsed.find("code"); code != parsed.end() && code->is_string()) {
      text = code->get<std::string>();
    }
    if (auto message = parsed.find("message"); message != parsed.end() && message->is_string()) {
      text += (text.empty() ? "" : ": ") + message->get<std::string>();
    }
    if (!text.empty()) return sanitize_policy_text(text, kMaxServerMessageChars);
  }
  return sanitize_policy_text(body, kMaxServerMessageChars);
}

void block_sigpipe_in_this_thread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

}  // namespace

struct OpaClient::Impl {
  OpaConfig config;
  std::string server;

  std::mutex mutex;  // guards everything below
  std::optional<Clock::time_point> deadline;
  bool expired = false;  // the budget ran out: every later query fails at once
  std::vector<std::unique_ptr<httplib::ClientImpl>> idle;
  std::set<httplib::ClientImpl*> busy;

  explicit Impl(const OpaConfig& c) : config(c), server(c.url.origin() + c.url.path_prefix) {}
  ~Impl() {
    for (httplib::ClientImpl* client : busy) delete client;  // none after query_all returns
  }

  Clock::time_point start_budget() {
    std::lock_guard lock(mutex);
    if (!deadline) deadline = Clock::now() + config.timeout;
    return *deadline;
  }

  Error timeout_error() const {
    return Error{ErrorCode::kTimeout, "no answer from OPA at " + server + " within the " +
                                          format_duration(config.timeout) +
                                          " budget (opa.timeout) for this run"};
  }

  std::unique_ptr<httplib::ClientImpl> make_client() const {
    std::unique_ptr<httplib::ClientImpl> client;
    if (config.url.scheme == "https") {
      auto ssl = std::make_unique<httplib::SSLClient>(config.url.host, config.url.port);
      if (!config.ca_file.empty()) ssl->set_ca_cert_path(config.ca_file);
      ssl->enable_server_certificate_verification(true);
      client = std::move(ssl);
    } else {
      client = std::make_unique<httplib::ClientImpl>(config.url.host, config.url.port);
    }
    client->set_keep_alive(true);
    // httplib writes headers and body in separate sends: with Nagle's algorithm the body waits
    // for the server's delayed ACK (40 ms per request on Linux).
    client->set_tcp_nodelay(true);
    // A redirect could carry the bearer token to another host: a Data API never redirects.
    client->set_follow_location(false);
    if (!config.token.empty()) client->set_bearer_token_auth(config.token);
    return client;
  }

  httplib::ClientImpl* checkout() {
    std::lock_guard lock(mutex);
    std::unique_ptr<httplib::ClientImpl> client;
    if (!idle.empty()) {
      client = std::move(idle.back());
      idle.pop_back();
    } else {
      client = make_client();
    }
    httplib::ClientImpl* raw = client.release();
    busy.insert(raw);
    return raw;
  }

  void checkin(httplib::ClientImpl* client) {
    std::lock_guard lock(mutex);
    busy.erase(client);
    idle.emplace_back(client);
  }

  // Cuts off every request in flight (httplib's stop() is the one call safe across threads).
  void expire() {
    std::lock_guard lock(mutex);
    expired = true;
    for (httplib::ClientImpl* client : busy) client->stop();
  }

  bool is_expired() {
    std::lock_guard lock(mutex);
    return expired;
  }

  Result<OpaAnswer> query_one(httplib::ClientImpl& client, const OpaQuery& query,
                              Clock::time_point until);
  Error transport_error(httplib::Error error, bool too_large) const;
};

Error OpaClient::Impl::transport_error(httplib::Error error, bool too_large) const {
  switch (error) {
    case httplib::Error::Connection:
      return Error{ErrorCode::kIo, "cannot connect to OPA at " + server +
                                       " (connection refused or host unreachable)"};
    case httplib::Error::ConnectionTimeout:
      return Error{ErrorCode::kTimeout,
                   "cannot connect to OPA at " + server + " within the opa.timeout budget"};
    case httplib::Error::SSLConnection:
      return Error{ErrorCode::kIo, "TLS handshake with OPA at " + server + " failed"};
    case httplib::Error::SSLLoadingCerts:
      return Error{ErrorCode::kIo, "cannot load the CA bundle " + config.ca_file +
                                       " (opa.ca_file) for OPA at " + server};
    case httplib::Error::SSLServerVerification:
      return Error{ErrorCode::kIo,
                   "the certificate of OPA at " + server + " does not verify against " +
                       (config.ca_file.empty() ? std::string("the system CA store")
                                               : config.ca_file + " (opa.ca_file)") +
                       ", or does not name the host"};
    case httplib::Error::Canceled:
      if (too_large) {
        return Error{ErrorCode::kInvalid, "OPA at " + server +
                                              " answered with over 16MiB; a "
                                              "decision is a small set of messages"};
      }
      return timeout_error();
    case httplib::Error::Read:
    case httplib::Error::Write:
      return Error{ErrorCode::kIo, "the connection to OPA at " + server +
                                       " failed mid-request (closed or reset by the server)"};
    default:
      return Error{ErrorCode::kIo,
                   "request to OPA at " + server + " failed: " + httplib::to_string(error)};
  }
}

Result<OpaAnswer> OpaClient::Impl::query_one(httplib::ClientImpl& client, const OpaQuery& query,
                                             Clock::time_point until) {
  // One retry for a kept-alive socket the server closed between two requests.
  for (int attempt = 0;; ++attempt) {
    const auto remaining =
        std::chrono::duration_cast<std::chrono::microseconds>(until - Clock::now());
    if (remaining.count() <= 0 || is_expired()) return timeout_error();
    client.set_connection_timeout(remaining);
    client.set_read_timeout(remaining);
    client.set_write_timeout(remaining);

    httplib::Request request;
    request.method = "POST";
    request.path = config.url.path_prefix + "/v1/data/" + query.path;
    request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    request.body = query.body;
    std::string body;
    bool too_large = false;
    request.content_receiver = [&](const char* data, std::size_t size, std::uint64_t,
                                   std::uint64_t) {
      if (body.size() + size > kMaxOpaAnswerBytes) {
        too_large = true;
        return false;
      }
      body.append(data, size);
      return true;
    };
    httplib::Response response;
    httplib::Error error = httplib::Error::Success;
    const bool sent = client.send(request, response, error);
    if (!sent || error != httplib::Error::Success) {
      // A read that timed out is the budget running out, whatever the error code says.
      if (is_expired() || Clock::now() + kTimerSlack >= until) return timeout_error();
      const bool stale_connection = error == httplib::Error::Read || error == httplib::Error::Write;
      if (attempt == 0 && !too_large && stale_connection) continue;
      return transport_error(error, too_large);
    }
    const std::string what = " for " + query.path;
    if (response.status != 200) {
      std::string message =
          "OPA at " + server + " answered HTTP " + std::to_string(response.status) + what;
      if (!body.empty()) message += ": " + server_message(body);
      if (response.status == 401) message += "; check opa.token_file";
      return Error{ErrorCode::kInvalid, std::move(message)};
    }
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
      return Error{ErrorCode::kInvalid, "OPA at " + server + " answered malformed JSON" + what +
                                            ": " + sanitize_policy_text(body, 80)};
    }
    if (!parsed.is_object()) {
      return Error{ErrorCode::kInvalid, "OPA at " + server + " answered a JSON " +
                                            std::string(parsed.type_name()) + what +
                                            " where the Data API answers an object"};
    }
    OpaAnswer answer;
    if (auto result = parsed.find("result"); result != parsed.end()) {
      answer.result = std::move(*result);
    }
    return answer;
  }
}

OpaClient::OpaClient(const OpaConfig& config) : impl_(std::make_unique<Impl>(config)) {}

OpaClient::~OpaClient() = default;

const std::string& OpaClient::server() const {
  return impl_->server;
}

std::vector<Result<OpaAnswer>> OpaClient::query_all(std::span<const OpaQuery> queries) const {
  std::vector<Result<OpaAnswer>> answers(queries.size(),
                                         Error{ErrorCode::kInternal, "query not run"});
  if (queries.empty()) return answers;
  Impl& impl = *impl_;
  const Clock::time_point until = impl.start_budget();

  std::atomic<std::size_t> next{0};
  std::mutex state_mutex;
  std::condition_variable all_done;
  std::size_t running = 0;
  // A server that cannot be reached fails every query the same way: stop trying.
  std::optional<Error> unreachable;

  auto work = [&] {
    block_sigpipe_in_this_thread();
    httplib::ClientImpl* client = impl.checkout();
    for (std::size_t i = next++; i < queries.size(); i = next++) {
      {
        std::lock_guard lock(state_mutex);
        if (unreachable) {
          answers[i] = *unreachable;
          continue;
        }
      }
      Result<OpaAnswer> answer = impl.query_one(*client, queries[i], until);
      if (!answer && answer.error().code != ErrorCode::kInvalid) {
        std::lock_guard lock(state_mutex);
        if (!unreachable) unreachable = answer.error();
      }
      answers[i] = std::move(answer);
    }
    impl.checkin(client);
    std::lock_guard lock(state_mutex);
    --running;
    all_done.notify_all();
  };

  const std::size_t workers = std::min<std::size_t>(impl.config.concurrency, queries.size());
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    running = workers;
    for (std::size_t t = 0; t < workers; ++t) pool.emplace_back(work);
    std::unique_lock lock(state_mutex);
    if (!all_done.wait_until(lock, until, [&] { return running == 0; })) {
      lock.unlock();
      impl.expire();
    }
  }  // joins: after expire() every request in flight errors out promptly
  return answers;
}

}  // namespace pushgate
