#include "core/decision/bypass.h"

#include <algorithm>

#include "core/base/capped_text.h"
#include "core/base/glob.h"
#include "core/base/words.h"

namespace pushgate {
namespace {

constexpr std::string_view kRule = "git/bypass";

Finding push_finding(Severity severity, std::string message) {
  return Finding::at(std::string(kRule), severity, "", {}, std::move(message));
}

Finding ref_finding_for(const RefOutcome& ref, Severity severity, std::string message) {
  Finding f = push_finding(severity, std::move(message));
  f.ref = ref.ref;
  f.commit = ref.new_id;
  return f;
}

std::size_t errors_on(const FindingList& findings, std::string_view ref) {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(),
      [&](const Finding& f) { return f.ref == ref && f.severity == Severity::kError; }));
}

}  // namespace

std::optional<std::string> find_push_option(std::span<const std::string> push_options,
                                            std::string_view option) {
  std::optional<std::string> value;
  for (const std::string& sent : push_options) {
    if (sent == option) {
      value = "";
    } else if (sent.size() > option.size() && sent.starts_with(option) &&
               sent[option.size()] == '=') {
      value = sent.substr(option.size() + 1);
    }
  }
  return value;
}

BypassOutcome apply_bypass(const std::optional<BypassConfig>& config,
                           const std::optional<Pusher>& pusher, std::string_view pusher_hint,
                           std::span<const std::string> push_options,
                           const std::vector<RefOutcome>& refs, FindingList& findings) {
  const std::string option = config ? config->push_option : kDefaultBypassPushOption;
  BypassOutcome outcome;
  std::optional<std::string> reason = find_push_option(push_options, option);
  if (!reason) return outcome;
  outcome.requested = true;
  outcome.reason = *reason;

  auto refuse = [&](std::string why) {
    findings.push_back(push_finding(Severity::kError, "bypass refused: " + std::move(why)));
    return outcome;
  };
  if (!config) {
    return refuse("this server has no `bypass:` section, so nobody may bypass; push without -o " +
                  option);
  }
  if (reason->find_first_not_of(" \t") == std::string::npos) {
    return refuse("a bypass needs a reason: git push -o " + option + "=\"why this cannot wait\"");
  }
  if (!pusher) {
    return refuse(
        "cannot tell who pushed, and only the users listed in `bypass.users` may "
        "bypass; the server must set " +
        std::string(pusher_hint));
  }
  if (std::find(config->users.begin(), config->users.end(), pusher->name) == config->users.end()) {
    return refuse(cap_value(pusher->name) + " (from " + pusher->source +
                  ") is not listed in `bypass.users`; ask one of them to push, or fix the "
                  "findings");
  }

  outcome.granted = true;
  Result<GlobSet> covered = GlobSet::compile(config->refs);
  for (const RefOutcome& ref : refs) {
    const std::size_t errors = errors_on(findings, ref.ref);
    const bool listed = covered && covered.value().matches(ref.ref);
    if (!listed) {
      if (errors > 0) {
        findings.push_back(ref_finding_for(
            ref, Severity::kError,
            "bypass refused for " + ref.ref + ": it is not listed in `bypass.refs`"));
      }
      continue;
    }
    for (Finding& f : findings) {
      if (f.ref == ref.ref && f.severity == Severity::kError) f.severity = Severity::kWarning;
    }
    outcome.errors_bypassed += errors;
    findings.push_back(ref_finding_for(
        ref, Severity::kWarning,
        "accepted under bypass by " + pusher->name + ", reason: \"" + cap_value(*reason) + "\"; " +
            (errors == 0 ? std::string("nothing needed bypassing")
                         : plural(errors, "error") + " reported as warnings, fix them soon")));
  }
  return outcome;
}

std::string bypass_hint(const std::optional<BypassConfig>& config) {
  if (!config) return "";
  return "in an emergency, a user listed in bypass.users can push with -o " + config->push_option +
         "=\"reason\" (recorded)";
}

}  // namespace pushgate
