#include "validators/git/ref_creation_rule.h"

#include <algorithm>

namespace pushgate {

void RefCreationRule::check_ref(const RefContext& context, FindingList& out) const {
  const RefPlan& plan = context.plan;
  const ProtectConfig& protect = context.rule.protect;
  if (!protect.deny_creation) return;
  if (plan.kind != RefUpdateKind::kCreate && plan.kind != RefUpdateKind::kTagCreate) return;
  const std::string& ref = plan.update.ref;
  if (!protect.creators.empty() && !context.pusher && !context.has_pusher) {
    out.push_back(pusher_unknown_notice(rule(), context,
                                        "creating " + ref +
                                            " (allowed only for the creators listed for `" +
                                            context.rule.match + "`)"));
    return;
  }
  if (!protect.creators.empty() && !context.pusher) {
    // Fail closed: the exception needs to know who pushed, and nobody said.
    out.push_back(ref_finding(rule(), context, plan.update.new_id,
                              "cannot tell who pushed, so creating " + ref +
                                  " is refused; the server must set one of " +
                                  std::string(context.pusher_hint)));
    return;
  }
  if (context.pusher && std::find(protect.creators.begin(), protect.creators.end(),
                                  context.pusher->name) != protect.creators.end()) {
    return;
  }
  std::string message = "creating " + ref + " is not allowed";
  if (context.pusher) message += " for " + context.pusher->name;
  message += protect.creators.empty()
                 ? "; refs matching `" + context.rule.match + "` cannot be created by a push"
                 : "; ask one of the creators listed for `" + context.rule.match + "`";
  out.push_back(ref_finding(rule(), context, plan.update.new_id, std::move(message)));
}

}  // namespace pushgate
