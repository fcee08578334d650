#pragma once
// The one post-pass that turns what the policy rules found into what the policy says, per file:
// profiles and `off` drop findings of rules that are not enabled, severity overrides apply,
// scopes drop findings outside their paths / namespaces / kinds / labels, and exemptions
// (inline `# pushgate:ignore`, the `pushgate.dev/exempt` annotation, policies.exceptions) drop
// findings visibly: every exemption used adds an info finding `policy/exemption-used`, and an
// exemption that cannot apply (no reason, expired) adds a warning saying why. Validators stay
// simple: they report what they see at their default severity.
//
//   PolicyPass pass(config.policies, today_in_days());
//   pass.apply(PolicyInput{path, content, &parsed_file}, findings);   // once per file
//
// Git rules' findings (validators/git) go through the same pass, once per ref update:
//
//   pass.apply_unfiled(git_findings);   // `off`, severity overrides, `paths` scopes, exceptions
//
// Findings of rules that are not policy rules (yaml/, schema/, opa/, ...) pass through untouched.
// Thread-safety: immutable after construction; apply() may run on many workers at once.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/glob.h"
#include "core/document/document.h"
#include "core/finding/finding.h"
#include "core/policy/policies.h"
#include "core/policy/scope_matcher.h"

namespace pushgate {

// The annotation that exempts an object from rules, and the reason it must come with.
inline constexpr std::string_view kExemptAnnotation = "pushgate.dev/exempt";
inline constexpr std::string_view kExemptReasonAnnotation = "pushgate.dev/exempt-reason";
// The inline marker: `# pushgate:ignore RULE[,RULE...] reason`.
inline constexpr std::string_view kIgnoreMarker = "pushgate:ignore";
// An exception this close to its expiry date warns on every use, so it is renewed or fixed in time.
inline constexpr std::int32_t kExpiryWarningDays = 14;

struct PolicyInput {
  std::string_view path;
  std::string_view content;          // the file's text ("" when it was not read)
  const ParsedFile* file = nullptr;  // null for files only scanned as text
};

class PolicyPass {
 public:
  // `today`: days since 1970-01-01 (policy_date.h), against which expiry dates are judged.
  PolicyPass(const PoliciesConfig& policies, std::int32_t today);
  ~PolicyPass();
  PolicyPass(PolicyPass&&) noexcept;
  PolicyPass& operator=(PolicyPass&&) noexcept;

  void apply(const PolicyInput& input, FindingList& findings) const;
  // For findings read from no file (git rules): each judged by its own path ("" for a ref or a
  // commit), without content or object, so only `off`, severity overrides, `paths` scopes and
  // policies.exceptions by rule and path can apply. A git rule keeps the severity it reported
  // (its info notices stay info) unless policies.rules overrides it.
  void apply_unfiled(FindingList& findings) const;
  // True when `rule_id` is a policy rule that is enabled (by profile or by policies.rules).
  bool enabled(std::string_view rule_id) const;

 private:
  struct RuleState {
    bool enabled = true;
    std::optional<Severity> severity;  // unset: the finding keeps the severity it was made with
    std::optional<ScopeMatcher> scope;
  };
  struct CompiledException {
    std::size_t index;  // into policies_.exceptions
    std::optional<GlobSet> paths;
  };
  const RuleState* state(std::string_view rule_id) const;

  PoliciesConfig policies_;
  std::int32_t today_;
  std::map<std::string, RuleState, std::less<>> rules_;
  std::vector<CompiledException> exceptions_;
};

}  // namespace pushgate
