#include "validators/git/git_rule.h"

namespace pushgate {

Finding ref_finding(std::string_view rule, const RefContext& context, std::string commit,
                    std::string message) {
  Finding f = Finding::at(std::string(rule), Severity::kError, "", {}, std::move(message));
  f.ref = context.plan.update.ref;
  f.commit = std::move(commit);
  return f;
}

std::string short_id(std::string_view id) {
  return std::string(id.substr(0, 12));
}

}  // namespace pushgate
