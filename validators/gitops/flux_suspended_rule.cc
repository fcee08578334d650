#include "validators/gitops/flux_suspended_rule.h"

namespace pushgate {

FluxSuspendedRule::FluxSuspendedRule(const PoliciesConfig& policies) {
  std::vector<std::string> branches = {"refs/heads/main", "refs/heads/master"};
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("branches")) branches = *list;
  }
  Result<GlobSet> globs = GlobSet::compile(branches);  // the loader checked them
  if (globs) branches_ = std::make_unique<GlobSet>(std::move(globs).value());
}

FluxSuspendedRule::~FluxSuspendedRule() = default;

void FluxSuspendedRule::check_object(const ObjectContext& object, FindingList& out) const {
  // Outside a push (pushgate check on a directory) there is no branch to protect.
  if (object.file.ref.empty() || !object.group().ends_with(".toolkit.fluxcd.io")) return;
  const NodeRef suspend = object.root.get("spec").get("suspend");
  if (!is_true(suspend)) return;
  if (!branches_ || !branches_->matches(object.file.ref)) return;
  out.push_back(report_object(*this, object, suspend, "spec.suspend",
                              "reconciliation of " + object.display() +
                                  " is suspended on protected " + std::string(object.file.ref) +
                                  ", so Flux stops applying it; remove `suspend: true` (suspend "
                                  "with the flux CLI for an incident)"));
}

}  // namespace pushgate
