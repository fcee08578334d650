#pragma once
// Custom rules: the team's own checks, declared in policies.custom (docs/policies.md) and
// compiled once when the config is read. validators/custom/ runs them over objects.
//
//   - id: prod-images                       # the rule is custom/prod-images
//     severity: error                       # error (default) | warning | info
//     message: "{{path}} is {{value}}; use an image from ghcr.io/acme"
//     match: {kinds: [Deployment], namespaces: [prod], paths: [clusters/prod/**],
//             apiVersions: [apps/v1], labels: {tier: web}}
//     assert:
//       - {path: "spec.template.spec.containers[*].image", matches: "^ghcr\\.io/acme/"}
//       - {path: spec.replicas, minimum: 2}
//
// A compiled rule is immutable and shared by every worker.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding/finding.h"
#include "core/policy/assertion_path.h"
#include "core/policy/policies.h"
#include "core/policy/scope_matcher.h"
#include "core/schema/compiled_schema.h"

namespace re2 {
class RE2;
}

namespace pushgate {

// A scalar written in the config, compared by its YAML type (2 == 2.0, "2" != 2).
struct ScalarValue {
  NodeKind kind = NodeKind::kNull;
  std::string text;
  double number = 0;
  bool boolean = false;

  bool equals(NodeRef node) const;
  std::string describe() const;  // "\"web\"", "2", "true", "null"
};

// One item of `assert`: a path and the checks its values must pass. Every check that is set
// applies; exists/absent/count look at the set of values, the others at each value.
struct Assertion {
  AssertionPath path;
  Position position;           // of the item in the config
  std::optional<bool> exists;  // true: at least one value; false (`absent`): none
  std::optional<ScalarValue> equals;
  std::vector<ScalarValue> in;
  std::shared_ptr<const re2::RE2> matches;
  std::shared_ptr<const re2::RE2> not_matches;
  std::optional<double> minimum;
  std::optional<double> maximum;
  std::optional<std::uint64_t> min_length;  // characters of a string, items of a list or map
  std::optional<std::uint64_t> max_length;
  std::optional<std::uint64_t> count_min;  // how many values the path selects
  std::optional<std::uint64_t> count_max;
  std::shared_ptr<const CompiledSchema> schema;  // each value must conform
  std::string message;  // overrides the rule's message for this assertion ("" when unset)
};

class CustomRule {
 public:
  CustomRule(std::string id, Severity severity, std::string message, ScopeMatcher match,
             std::vector<Assertion> assertions)
      : id_(std::move(id)),
        severity_(severity),
        message_(std::move(message)),
        match_(std::move(match)),
        assertions_(std::move(assertions)) {}

  const std::string& id() const { return id_; }  // "custom/<id>"
  Severity severity() const { return severity_; }
  const std::string& message() const { return message_; }  // template; "" for the default
  const ScopeMatcher& match() const { return match_; }
  const std::vector<Assertion>& assertions() const { return assertions_; }

 private:
  std::string id_;
  Severity severity_;
  std::string message_;
  ScopeMatcher match_;
  std::vector<Assertion> assertions_;
};

// Fills a message template: {{path}} becomes `path`, {{value}} the value as text (cut short).
std::string render_message(std::string_view templ, std::string_view path, std::string_view value);

}  // namespace pushgate
