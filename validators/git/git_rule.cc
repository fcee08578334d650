#include "validators/git/git_rule.h"

namespace pushgate {

Finding ref_finding(std::string_view rule, const RefContext& context, std::string commit,
                    std::string message) {
  Finding f = Finding::at(std::string(rule), Severity::kError, "", {}, std::move(message));
  f.ref = context.plan.update.ref;
  f.commit = std::move(commit);
  return f;
}

Finding commit_finding(std::string_view rule, const RefContext& context, const std::string& commit,
                       std::uint32_t line, std::string message) {
  Finding f = ref_finding(rule, context, commit, std::move(message));
  // No file to point into: the line of the commit message, shown in the message text too.
  f.position = Position{line, line > 0 ? 1u : 0u};
  return f;
}

Finding file_finding(std::string_view rule, const RefContext& context, const std::string& commit,
                     const std::string& path, std::string message) {
  Finding f = ref_finding(rule, context, commit, std::move(message));
  f.path = path;
  return f;
}

Finding pusher_unknown_notice(std::string_view rule, const RefContext& context, std::string what) {
  Finding f = ref_finding(rule, context, context.plan.tip,
                          std::move(what) +
                              " depends on who pushes, which only the server knows: "
                              "not checked here; the push is judged on the server");
  f.severity = Severity::kInfo;
  return f;
}

std::string short_id(std::string_view id) {
  return std::string(id.substr(0, 12));
}

}  // namespace pushgate
