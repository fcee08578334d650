#pragma once
// A client for Open Policy Agent's Data API
// (https://www.openpolicyagent.org/docs/latest/rest-api/):
//
//   POST {url}/v1/data/{path}   {"input": ...}   ->   200 {"result": ...}   (or {} when undefined)
//
//   OpaClient client(config.opa.value());
//   std::vector<OpaQuery> queries = ...;                 // one per object and decision
//   std::vector<Result<OpaAnswer>> answers = client.query_all(queries);
//
// query_all runs at most `concurrency` queries at once, each worker over one kept-alive
// connection, so a thousand objects cost a thousand short requests over a handful of sockets,
// not a thousand connections or a thousand sequential round trips. All queries share one time
// budget (`opa.timeout`), which starts with the first query and covers every later call on the
// same client: a hook that checks several refs gets one budget, not one per ref. When the budget
// runs out, requests in flight are cut off and the rest fail at once with ErrorCode::kTimeout.
//
// Every failure is an Error on that query, never an exception or a silent empty answer:
// connection refused or reset (kIo), TLS verification (kIo), timeout (kTimeout), an HTTP status
// other than 200 with OPA's own error message (kInvalid), malformed or non-object JSON
// (kInvalid), an answer over kMaxOpaAnswerBytes (kInvalid). Messages never contain the token.
//
// Thread-safety: query_all may be called from several threads; the connection pool and the
// budget are guarded. Requests run on worker threads that block SIGPIPE, so a server closing a
// socket mid-write is an error, not the death of the hook.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/config/opa_config.h"

namespace pushgate {

// A Data API answer larger than this is a policy bug (or a hostile server), not a decision.
inline constexpr std::size_t kMaxOpaAnswerBytes = 16 * 1024 * 1024;

struct OpaQuery {
  std::string path;  // Data API path below /v1/data/: "kubernetes/deny", "main"
  std::string body;  // the request body, {"input": ...}
};

struct OpaAnswer {
  std::optional<nlohmann::json> result;  // nullopt: the document is undefined ({})
};

class OpaClient {
 public:
  explicit OpaClient(const OpaConfig& config);
  ~OpaClient();
  OpaClient(const OpaClient&) = delete;
  OpaClient& operator=(const OpaClient&) = delete;

  // answers[i] answers queries[i]. Deterministic whatever the scheduling.
  std::vector<Result<OpaAnswer>> query_all(std::span<const OpaQuery> queries) const;

  // "http://127.0.0.1:8181" (plus the path prefix): for messages.
  const std::string& server() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushgate
