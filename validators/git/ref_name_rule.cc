#include "validators/git/ref_name_rule.h"

#include <re2/re2.h>

namespace pushgate {

void RefNameRule::check_ref(const RefContext& context, FindingList& out) const {
  const RefPlan& plan = context.plan;
  const std::string& pattern = context.rule.protect.name_pattern;
  if (pattern.empty()) return;
  if (plan.kind != RefUpdateKind::kCreate && plan.kind != RefUpdateKind::kTagCreate) return;
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 regex(pattern, options);
  if (!regex.ok()) {
    // The loader checked it; a pattern that no longer compiles must not let names through.
    out.push_back(ref_finding(rule(), context, plan.update.new_id,
                              "name pattern `" + pattern + "` does not compile: " + regex.error()));
    return;
  }
  if (RE2::FullMatch(plan.update.ref, regex)) return;
  out.push_back(ref_finding(rule(), context, plan.update.new_id,
                            "new ref name " + plan.update.ref + " does not match `" + pattern +
                                "`; rename it (git push origin HEAD:<name>) to fit the pattern"));
}

}  // namespace pushgate
