#include "core/policy/policy_pass.h"

#include <algorithm>

#include "core/document/text_position.h"
#include "core/policy/builtin_rules.h"
#include "core/policy/custom_rule.h"

namespace pushgate {
namespace {

constexpr std::string_view kExemptionUsed = "policy/exemption-used";
constexpr std::string_view kExemptionInvalid = "policy/exemption-invalid";
constexpr std::string_view kExceptionExpired = "policy/exception-expired";
constexpr std::string_view kExceptionExpiring = "policy/exception-expiring";

// The object a finding sits in, when it sits in one.
struct ObjectAt {
  NodeRef root;
  std::string_view api_version;
  std::string_view kind;
  std::string_view namespace_;
  std::string_view name;
};

bool is_object(NodeRef root) {
  return root.is_mapping() && root.get("apiVersion").is_string() && root.get("kind").is_string();
}

ObjectAt describe(NodeRef root) {
  const NodeRef metadata = root.get("metadata");
  return ObjectAt{root, root.get_string("apiVersion"), root.get_string("kind"),
                  metadata.get_string("namespace"), metadata.get_string("name")};
}

bool contains_line(NodeRef node, std::uint32_t line) {
  return node.position().line <= line && line <= node.end().line;
}

// Finds the object of `f`: by document index and the `items[N].` prefix of its JSON path, or —
// for findings made from the raw text (secret scanning) — by its line.
std::optional<ObjectAt> object_of(const Finding& f, const ParsedFile* file) {
  if (file == nullptr || file->documents.empty()) return std::nullopt;
  const Document* doc = nullptr;
  if (f.document >= 0) {
    for (const Document& d : file->documents) {
      if (d.index() == f.document) doc = &d;
    }
  } else if (f.position.line > 0) {
    for (const Document& d : file->documents) {
      if (!d.empty() && contains_line(d.root(), f.position.line)) doc = &d;
    }
  }
  if (doc == nullptr || !is_object(doc->root())) return std::nullopt;
  const NodeRef root = doc->root();
  const NodeRef items = root.get("items");
  if (items.is_sequence()) {
    if (f.json_path.starts_with("items[")) {
      const std::size_t close = f.json_path.find(']');
      const std::string digits = f.json_path.substr(6, close - 6);
      if (!digits.empty() && digits.size() < 9 &&
          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const NodeRef item = items.item(std::stoul(digits));
        if (is_object(item)) return describe(item);
      }
    } else if (f.document < 0) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (is_object(items.item(i)) && contains_line(items.item(i), f.position.line)) {
          return describe(items.item(i));
        }
      }
    }
  }
  return describe(root);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// True when `rule` is one of the comma-separated ids in `list`.
bool lists_rule(std::string_view list, std::string_view rule) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    if (trim(list.substr(0, comma)) == rule) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

struct InlineIgnore {
  bool found = false;
  std::string reason;
};

// `# pushgate:ignore RULE[,RULE] reason` on `line`, naming `rule`.
InlineIgnore inline_ignore_in(std::string_view line, std::string_view rule) {
  const std::size_t marker = line.find(kIgnoreMarker);
  if (marker == std::string_view::npos) return {};
  const std::size_t hash = line.rfind('#', marker);
  if (hash == std::string_view::npos || trim(line.substr(hash + 1, marker - hash - 1)) != "") {
    return {};
  }
  std::string_view rest = trim(line.substr(marker + kIgnoreMarker.size()));
  const std::size_t space = rest.find_first_of(" \t");
  const std::string_view rules = rest.substr(0, space);
  if (!lists_rule(rules, rule)) return {};
  InlineIgnore ignore;
  ignore.found = true;
  if (space != std::string_view::npos) ignore.reason = std::string(trim(rest.substr(space)));
  return ignore;
}

// The offending line, or a comment-only line right above it.
InlineIgnore inline_ignore(std::string_view content, std::uint32_t line, std::string_view rule) {
  if (content.empty() || line == 0) return {};
  InlineIgnore here = inline_ignore_in(line_text(content, line), rule);
  if (here.found || line == 1) return here;
  const std::string_view above = line_text(content, line - 1);
  if (trim(above).starts_with("#")) return inline_ignore_in(above, rule);
  return {};
}

Finding note(const Finding& about, std::string_view rule, Severity severity, std::string message) {
  Finding f = about;
  f.rule = std::string(rule);
  f.severity = severity;
  f.message = std::move(message);
  return f;
}

}  // namespace

PolicyPass::PolicyPass(const PoliciesConfig& policies, std::int32_t today)
    : policies_(policies), today_(today) {
  for (const BuiltinRule& rule : builtin_rules()) {
    RuleState state;
    state.enabled = enabled_by_default(rule, policies_);
    // A git rule's findings carry their own severity (error, or an info notice outside a push).
    if (!rule.is_git_rule()) state.severity = rule.severity;
    rules_.emplace(std::string(rule.id), std::move(state));
  }
  for (const auto& custom : policies_.custom) {
    RuleState state;
    state.severity = custom->severity();
    rules_.emplace(custom->id(), std::move(state));
  }
  for (const auto& [id, setting] : policies_.rules) {
    const auto it = rules_.find(id);
    if (it == rules_.end()) continue;  // the loader rejected unknown ids
    it->second.enabled = setting.enabled;
    if (setting.severity) it->second.severity = *setting.severity;
    if (!setting.scope.empty()) it->second.scope = ScopeMatcher::compile(setting.scope);
  }
  for (std::size_t i = 0; i < policies_.exceptions.size(); ++i) {
    CompiledException e{i, std::nullopt};
    if (!policies_.exceptions[i].paths.empty()) {
      Result<GlobSet> globs = GlobSet::compile(policies_.exceptions[i].paths);
      if (!globs) continue;  // the loader rejected invalid globs: never widen an exception
      e.paths.emplace(std::move(globs).value());
    }
    exceptions_.push_back(std::move(e));
  }
}

PolicyPass::~PolicyPass() = default;
PolicyPass::PolicyPass(PolicyPass&&) noexcept = default;
PolicyPass& PolicyPass::operator=(PolicyPass&&) noexcept = default;

const PolicyPass::RuleState* PolicyPass::state(std::string_view rule_id) const {
  const auto it = rules_.find(rule_id);
  return it == rules_.end() ? nullptr : &it->second;
}

bool PolicyPass::enabled(std::string_view rule_id) const {
  const RuleState* s = state(rule_id);
  return s != nullptr && s->enabled;
}

void PolicyPass::apply(const PolicyInput& input, FindingList& findings) const {
  // Most files have no policy finding at all: leave them untouched, without copying.
  if (std::none_of(findings.begin(), findings.end(),
                   [&](const Finding& f) { return state(f.rule) != nullptr; })) {
    return;
  }
  // Only a file that says pushgate:ignore somewhere can have an inline exemption.
  const bool has_marker = input.content.find(kIgnoreMarker) != std::string_view::npos;
  FindingList kept;
  kept.reserve(findings.size());
  for (Finding& f : findings) {
    const RuleState* rule = state(f.rule);
    if (rule == nullptr) {
      kept.push_back(std::move(f));
      continue;
    }
    if (!rule->enabled) continue;
    if (rule->severity) f.severity = *rule->severity;
    const std::optional<ObjectAt> object = object_of(f, input.file);
    if (rule->scope) {
      ObjectFacts facts;
      facts.path = input.path;
      if (object) {
        facts.has_object = true;
        facts.api_version = object->api_version;
        facts.kind = object->kind;
        facts.namespace_ = object->namespace_;
        facts.labels = object->root.get("metadata").get("labels");
      }
      if (!rule->scope->matches(facts)) continue;
    }

    // 1. An inline comment on the offending line (or a comment line right above it).
    const InlineIgnore ignore =
        has_marker ? inline_ignore(input.content, f.position.line, f.rule) : InlineIgnore{};
    if (ignore.found) {
      if (!ignore.reason.empty()) {
        kept.push_back(
            note(f, kExemptionUsed, Severity::kInfo,
                 f.rule + " exempted by `# " + std::string(kIgnoreMarker) + "`: " + ignore.reason));
        continue;
      }
      kept.push_back(note(f, kExemptionInvalid, Severity::kWarning,
                          "`# " + std::string(kIgnoreMarker) + " " + f.rule +
                              "` has no reason, so it does not apply; add why after the rule id"));
    }

    // 2. The object's annotation.
    if (object) {
      const NodeRef annotations = object->root.get("metadata").get("annotations");
      const NodeRef exempt = annotations.get(kExemptAnnotation);
      if (exempt.is_string() && lists_rule(exempt.text(), f.rule)) {
        const std::string_view reason = trim(annotations.get_string(kExemptReasonAnnotation));
        if (!reason.empty()) {
          kept.push_back(note(f, kExemptionUsed, Severity::kInfo,
                              f.rule + " exempted by annotation " + std::string(kExemptAnnotation) +
                                  ": " + std::string(reason)));
          continue;
        }
        Finding warning = note(f, kExemptionInvalid, Severity::kWarning,
                               "annotation " + std::string(kExemptAnnotation) + " names " + f.rule +
                                   " but " + std::string(kExemptReasonAnnotation) +
                                   " is missing or empty, so it does not apply; add the reason");
        warning.position = exempt.position();
        warning.span = 0;
        warning.json_path = "metadata.annotations[" + std::string(kExemptAnnotation) + "]";
        kept.push_back(std::move(warning));
      }
    }

    // 3. policies.exceptions.
    bool exempted = false;
    for (const CompiledException& compiled : exceptions_) {
      const PolicyException& e = policies_.exceptions[compiled.index];
      if (std::find(e.rules.begin(), e.rules.end(), f.rule) == e.rules.end()) continue;
      if (compiled.paths && !compiled.paths->matches(input.path)) continue;
      const bool names_object = !e.kind.empty() || !e.namespace_.empty() || !e.name.empty();
      if (names_object) {
        if (!object) continue;
        if (!e.kind.empty() && e.kind != object->kind) continue;
        if (!e.namespace_.empty() && e.namespace_ != object->namespace_) continue;
        if (!e.name.empty() && e.name != object->name) continue;
      }
      const std::string where =
          "policies.exceptions[" + std::to_string(compiled.index) + "]" +
          (e.position.line > 0 ? " (line " + std::to_string(e.position.line) + ")" : std::string());
      if (e.expires && today_ > e.expires->days) {
        kept.push_back(note(f, kExceptionExpired, Severity::kWarning,
                            where + " for " + f.rule + " expired on " + e.expires->text +
                                ", so the finding applies again; fix it, or renew the "
                                "exception with a new date"));
        continue;
      }
      if (e.expires && e.expires->days - today_ <= kExpiryWarningDays) {
        const std::int32_t left = e.expires->days - today_;
        kept.push_back(note(
            f, kExceptionExpiring, Severity::kWarning,
            where + " for " + f.rule + " expires on " + e.expires->text +
                (left == 0 ? " (today)"
                           : " (in " + std::to_string(left) + (left == 1 ? " day)" : " days)")) +
                "; fix the finding or renew the exception"));
      }
      kept.push_back(note(f, kExemptionUsed, Severity::kInfo,
                          f.rule + " exempted by " + where + ": " + e.reason));
      exempted = true;
      break;
    }
    if (exempted) continue;
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

void PolicyPass::apply_unfiled(FindingList& findings) const {
  if (std::none_of(findings.begin(), findings.end(),
                   [&](const Finding& f) { return state(f.rule) != nullptr; })) {
    return;
  }
  FindingList kept;
  kept.reserve(findings.size());
  for (Finding& f : findings) {
    const std::string path = f.path;
    FindingList one;
    one.push_back(std::move(f));
    apply(PolicyInput{path, "", nullptr}, one);
    for (Finding& g : one) kept.push_back(std::move(g));
  }
  findings = std::move(kept);
}

}  // namespace pushgate
