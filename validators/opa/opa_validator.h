#pragma once
// Asks an Open Policy Agent server about every object of a run (docs/opa.md).
//
// mode pushgate: for every Kubernetes object (List items one by one) and every configured
// decision, POST /v1/data/<decision> with
//   {"input": {"resource": <object>, "path": "apps/web.yaml", "document": 0,
//              "repository": "...", "ref": "refs/heads/main", "commit": "...", "pusher": "..."}}
// mode conftest: for every document, POST /v1/data/<package> with the plain document as input,
// and read the package's deny*, violation* (errors) and warn* (warnings) rules, as conftest does.
//
// Rule ids: a policy's finding is `opa/` + the data path of the rule that produced it in
// kebab-case, as the report contract wants: decision kubernetes/deny -> `opa/kubernetes-deny`;
// conftest rule deny_latest in package main -> `opa/main-deny-latest`. No decision
// (unreachable, timeout, HTTP error, malformed answer) is `opa/unavailable`; an answer that is
// not a set of messages (or an undefined decision) is `opa/bad-result`. Both are errors with
// `on_error: reject`, warnings with `on_error: warn`.
//
// Unlike rule validators this one holds state for the engine's lifetime: the OPA client's
// kept-alive connections and its time budget, so that all refs of one push share both.
#include <string_view>

#include "core/config/opa_config.h"
#include "core/opa/opa_client.h"
#include "validators/validator.h"

namespace pushgate {

class OpaValidator final : public Validator {
 public:
  explicit OpaValidator(const OpaConfig& config);
  // The family's page (docs/rules/opa/policy.md); findings carry the per-policy ids above.
  std::string_view rule() const override { return "opa/policy"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  OpaConfig config_;
  OpaClient client_;
};

}  // namespace pushgate
