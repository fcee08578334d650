// Reads `policies:` (docs/policies.md). Rule ids and options are checked against the built-in
// table (core/policy/builtin_rules.h) and the custom rules defined beside them; every problem is
// a positioned config finding, and a policy that cannot be enforced as written is an error.
#include "core/config/policies_config.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/base/did_you_mean.h"
#include "core/config/config.h"
#include "core/config/config_reader.h"
#include "core/config/custom_rules_config.h"
#include "core/policy/builtin_rules.h"
#include "core/policy/custom_rule.h"
#include "core/policy/policy_date.h"

namespace pushgate {

namespace {

// Option integers are counts (replicas and the like): far below this.
constexpr std::uint64_t kMaxOptionInteger = 1'000'000;

constexpr std::array<EnumValue<PolicyProfile>, 3> kProfiles = {{
    {"minimal", PolicyProfile::kMinimal},
    {"recommended", PolicyProfile::kRecommended},
    {"strict", PolicyProfile::kStrict},
}};

constexpr std::array<EnumValue<PodSecurityLevel>, 2> kPodSecurityLevels = {{
    {"baseline", PodSecurityLevel::kBaseline},
    {"restricted", PodSecurityLevel::kRestricted},
}};

// `rules` and `exceptions` name rule ids, which may be custom rules defined later in the same
// mapping: they are read once every key has been seen.
struct PoliciesDraft {
  PoliciesConfig& out;
  NodeRef rules;
  std::string rules_path;
  NodeRef exceptions;
  std::string exceptions_path;
};

std::string item_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

void read_profile(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  PoliciesDraft& draft) {
  if (auto p = reader.read_enum<PolicyProfile>(value, key_path, kProfiles)) draft.out.profile = *p;
}

void read_pod_security(ConfigReader& reader, NodeRef value, const std::string& key_path,
                       PoliciesDraft& draft) {
  if (auto level = reader.read_enum<PodSecurityLevel>(value, key_path, kPodSecurityLevels)) {
    draft.out.pod_security = *level;
  }
}

void keep_rules(ConfigReader& /*reader*/, NodeRef value, const std::string& key_path,
                PoliciesDraft& draft) {
  draft.rules = value;
  draft.rules_path = key_path;
}

void keep_exceptions(ConfigReader& /*reader*/, NodeRef value, const std::string& key_path,
                     PoliciesDraft& draft) {
  draft.exceptions = value;
  draft.exceptions_path = key_path;
}

void read_custom(ConfigReader& reader, NodeRef value, const std::string& key_path,
                 PoliciesDraft& draft) {
  if (!value.is_sequence()) {
    reader.report(value, "`" + key_path + "` must be a list of custom rules, got " +
                             ConfigReader::describe(value));
    return;
  }
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::shared_ptr<const CustomRule> rule =
        compile_custom_rule(reader, value.item(i), item_path(key_path, i));
    if (!rule) continue;
    if (!ids.insert(rule->id()).second) {
      reader.report(value.item(i).get("id"),
                    "custom rule `" + rule->id() + "` is defined twice; give each rule its own id");
      continue;
    }
    draft.out.custom.push_back(std::move(rule));
  }
}

constexpr std::array<KeySpec<PoliciesDraft>, 5> kPoliciesKeys = {{
    {"profile", read_profile},
    {"pod_security", read_pod_security},
    {"rules", keep_rules},
    {"custom", read_custom},
    {"exceptions", keep_exceptions},
}};

// Rule ids the config may name: the built-in ones and the custom rules just defined.
class RuleIds {
 public:
  explicit RuleIds(const PoliciesConfig& policies) {
    for (const BuiltinRule& rule : builtin_rules()) ids_.push_back(rule.id);
    for (const auto& rule : policies.custom) {
      custom_.push_back(rule->id());
    }
    for (const std::string& id : custom_) ids_.push_back(id);
  }

  // Reports an unknown id with a "did you mean"; true when known.
  bool check(ConfigReader& reader, NodeRef at, std::string_view id) const {
    if (std::find(ids_.begin(), ids_.end(), id) != ids_.end()) return true;
    const std::string quoted = "`" + std::string(id) + "`";
    if (const DeclaredFinding* finding = find_declared_finding(id)) {
      // Declared as no policy rule in rule_table.inc: a bypass notice, a parse error or an
      // internal error that `off` or an exception could silence would be an unchecked accept.
      reader.report(at, quoted + " is not a policy rule but a finding of " +
                            std::string(describe_maker(finding->maker)) +
                            ": `policies:` cannot set its severity, turn it off or except it "
                            "(`pushgate rules " +
                            std::string(id) + "` says why)");
      return false;
    }
    std::string message = "unknown rule " + quoted;
    const std::string_view near = closest_name(id, ids_);
    if (!near.empty()) {
      message += ", did you mean `" + std::string(near) + "`";
    } else {
      message += "; run `pushgate rules` for the built-in ids, custom rules are `custom/<id>`";
    }
    reader.report(at, std::move(message));
    return false;
  }

 private:
  std::vector<std::string> custom_;
  std::vector<std::string_view> ids_;
};

std::optional<std::vector<std::string>> read_names(ConfigReader& reader, NodeRef node,
                                                   const std::string& key_path) {
  if (!node.is_sequence() || node.size() == 0) {
    std::string message =
        "`" + key_path + "` must be a non-empty list of names, got " + ConfigReader::describe(node);
    if (node.is_string()) message += "; write it as [" + std::string(node.text()) + "]";
    reader.report(node, std::move(message));
    return std::nullopt;
  }
  std::vector<std::string> names;
  bool ok = true;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef item = node.item(i);
    if (!item.is_string() || item.text().empty()) {
      reader.report(item, "`" + item_path(key_path, i) + "` must be a non-empty string, got " +
                              ConfigReader::describe(item));
      ok = false;
      continue;
    }
    names.emplace_back(item.text());
  }
  if (!ok) return std::nullopt;
  return names;
}

std::optional<std::vector<std::pair<std::string, std::string>>> read_labels(
    ConfigReader& reader, NodeRef node, const std::string& key_path) {
  if (!node.is_mapping() || node.size() == 0) {
    reader.report(node, "`" + key_path +
                            "` must be a mapping of label names to values, such as {app: web}, "
                            "got " +
                            ConfigReader::describe(node));
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> labels;
  bool ok = true;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef key = node.key(i);
    const NodeRef value = node.value(i);
    if (!key.is_string() || !value.is_string()) {
      // Label values are strings in Kubernetes: `tier: 1` must be quoted there too.
      reader.report(key.is_string() ? value : key,
                    "`" + key_path + "` labels must be strings (quote numbers and booleans), got " +
                        ConfigReader::describe(key.is_string() ? value : key));
      ok = false;
      continue;
    }
    labels.emplace_back(key.text(), value.text());
  }
  if (!ok) return std::nullopt;
  return labels;
}

}  // namespace

bool read_scope_key(ConfigReader& reader, std::string_view name, NodeRef value,
                    const std::string& key_path, ObjectScope& scope) {
  if (name == "paths") {
    if (auto globs = reader.read_globs(value, key_path, 1)) scope.paths = std::move(*globs);
  } else if (name == "namespaces") {
    if (auto names = read_names(reader, value, key_path)) scope.namespaces = std::move(*names);
  } else if (name == "kinds") {
    if (auto names = read_names(reader, value, key_path)) scope.kinds = std::move(*names);
  } else if (name == "apiVersions") {
    if (auto names = read_names(reader, value, key_path)) scope.api_versions = std::move(*names);
  } else if (name == "labels") {
    if (auto labels = read_labels(reader, value, key_path)) scope.labels = std::move(*labels);
  } else {
    return false;
  }
  return true;
}

namespace {

void read_option(ConfigReader& reader, const OptionSpec& spec, NodeRef value,
                 const std::string& key_path, RuleOptions& options) {
  switch (spec.type) {
    case OptionType::kInteger:
      if (auto n = reader.read_count(value, key_path, 0, kMaxOptionInteger)) {
        options.values[std::string(spec.name)] = static_cast<std::int64_t>(*n);
      }
      return;
    case OptionType::kString:
      if (auto s = reader.read_string(value, key_path)) {
        options.values[std::string(spec.name)] = std::move(*s);
      }
      return;
    case OptionType::kStrings:
      if (auto names = read_names(reader, value, key_path)) {
        options.values[std::string(spec.name)] = std::move(*names);
      }
      return;
    case OptionType::kGlobs:
      if (auto globs = reader.read_globs(value, key_path, 1)) {
        options.values[std::string(spec.name)] = std::move(*globs);
      }
      return;
    case OptionType::kRegex: {
      auto pattern = reader.read_string(value, key_path);
      if (!pattern) return;
      RE2::Options re_options;
      re_options.set_log_errors(false);
      const RE2 re(*pattern, re_options);
      if (!re.ok()) {
        reader.report(value, "`" + key_path + "` is not a valid RE2 pattern: " + re.error());
        return;
      }
      options.values[std::string(spec.name)] = std::move(*pattern);
      return;
    }
  }
}

void read_options(ConfigReader& reader, const BuiltinRule* rule, std::string_view id, NodeRef value,
                  const std::string& key_path, RuleOptions& options) {
  if (rule == nullptr || rule->options.empty()) {
    reader.report(value, "`" + std::string(id) + "` takes no options; remove `" + key_path + "`");
    return;
  }
  if (!value.is_mapping()) {
    reader.report(value,
                  "`" + key_path + "` must be a mapping, got " + ConfigReader::describe(value));
    return;
  }
  std::vector<std::string_view> names;
  for (const OptionSpec& spec : rule->options) names.push_back(spec.name);
  for (std::size_t i = 0; i < value.size(); ++i) {
    const NodeRef key = value.key(i);
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& s : rule->options) {
      if (key.is_string() && key.text() == s.name) spec = &s;
    }
    if (spec == nullptr) {
      std::string message =
          "unknown option " + ConfigReader::describe(key) + " for `" + std::string(id) + "`";
      const std::string_view near = key.is_string() ? closest_name(key.text(), names) : "";
      if (!near.empty()) {
        message += ", did you mean `" + std::string(near) + "`";
      } else {
        message += "; it takes ";
        for (std::size_t n = 0; n < names.size(); ++n) {
          message += (n == 0 ? "`" : ", `") + std::string(names[n]) + "`";
        }
      }
      reader.report(key, std::move(message));
      continue;
    }
    read_option(reader, *spec, value.value(i), key_path + "." + std::string(spec->name), options);
  }
}

void check_required_options(ConfigReader& reader, const BuiltinRule* rule, NodeRef at,
                            std::string_view id, const RuleOptions& options) {
  if (rule == nullptr) return;
  for (const OptionSpec& spec : rule->options) {
    if (spec.required && options.values.find(spec.name) == options.values.end()) {
      reader.report(at, "`" + std::string(id) + "` needs `options: {" + std::string(spec.name) +
                            ": [...]}`; see `pushgate rules " + std::string(id) + "`");
    }
  }
}

std::optional<Severity> read_severity(ConfigReader& reader, NodeRef value,
                                      const std::string& key_path, bool allow_off, bool& off) {
  off = false;
  if (value.is_string()) {
    Severity severity;
    if (value.text() != "warn" && parse_severity(value.text(), severity)) return severity;
    if (allow_off && value.text() == "off") {
      off = true;
      return std::nullopt;
    }
  }
  std::string message = "`" + key_path + "` must be error, warning, info" +
                        std::string(allow_off ? " or off" : "") + ", got " +
                        ConfigReader::describe(value);
  if (value.kind() == NodeKind::kBool && !value.as_bool()) {
    message += "; YAML reads an unquoted off/no as false: write \"off\"";
  } else if (value.is_string()) {
    // "warn" is too short for an edit-distance guess but is what kubeconform and others spell.
    const std::string_view near =
        value.text() == "warn" ? std::string_view("warning")
                               : closest_name(value.text(), {"error", "warning", "info", "off"});
    if (!near.empty()) message += ", did you mean `" + std::string(near) + "`";
  }
  reader.report(value, std::move(message));
  return std::nullopt;
}

// Why `rule` cannot be scoped by the scope key `name`, or "" when it can: a git rule's findings
// carry no object, and those about refs and commits no path either (rule_table.inc).
std::string scope_refusal(const BuiltinRule* rule, std::string_view id, std::string_view name) {
  if (rule == nullptr || rule->scopes == RuleScopes::kObjects) return "";
  if (name != "paths" && name != "namespaces" && name != "kinds" && name != "labels") return "";
  const std::string quoted = "`" + std::string(id) + "`";
  if (rule->scopes == RuleScopes::kPaths) {
    if (name == "paths") return "";
    return quoted + " judges the files that commits bring, not Kubernetes objects: scope it by " +
           "`paths` only";
  }
  return quoted + " judges refs and commits, not files: it takes no `" + std::string(name) +
         "`; set it per branch in its `refs:` entry";
}

void read_rule_setting(ConfigReader& reader, const RuleIds& ids, NodeRef key, NodeRef value,
                       const std::string& key_path, PoliciesConfig& policies) {
  const std::string id(key.text());
  if (!ids.check(reader, key, id)) return;
  const BuiltinRule* builtin = find_builtin_rule(id);
  RuleSetting setting;
  setting.position = key.position();
  if (!value.is_mapping()) {
    bool off = false;
    const std::optional<Severity> severity = read_severity(reader, value, key_path, true, off);
    if (!severity && !off) return;
    setting.enabled = !off;
    setting.severity = severity;
    if (!off) check_required_options(reader, builtin, key, id, setting.options);
    policies.rules[id] = std::move(setting);
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const NodeRef k = value.key(i);
    const NodeRef v = value.value(i);
    const std::string name(k.is_string() ? k.text() : "");
    const std::string child = key_path + "." + name;
    if (name == "severity") {
      bool off = false;
      setting.severity = read_severity(reader, v, child, true, off);
      if (off) setting.enabled = false;
    } else if (name == "options") {
      read_options(reader, builtin, id, v, child, setting.options);
    } else if (std::string refused = scope_refusal(builtin, id, name); !refused.empty()) {
      reader.report(k, std::move(refused));
    } else if (!read_scope_key(reader, name, v, child, setting.scope) || name == "apiVersions") {
      std::string message = "unknown key " + ConfigReader::describe(k) + " in `" + key_path + "`";
      const std::string_view near = k.is_string()
                                        ? closest_name(k.text(), {"severity", "options", "paths",
                                                                  "namespaces", "kinds", "labels"})
                                        : "";
      if (!near.empty()) {
        message += ", did you mean `" + std::string(near) + "`";
      } else {
        message += "; expected severity, options, paths, namespaces, kinds, labels";
      }
      reader.report(k, std::move(message));
    }
  }
  if (setting.enabled) check_required_options(reader, builtin, key, id, setting.options);
  policies.rules[id] = std::move(setting);
}

void read_rules(ConfigReader& reader, const RuleIds& ids, NodeRef node, const std::string& path,
                PoliciesConfig& policies) {
  if (!node.is_mapping()) {
    reader.report(node, "`" + path +
                            "` must be a mapping of rule ids to a severity or settings, such as "
                            "{k8s/image-latest: error}, got " +
                            ConfigReader::describe(node));
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef key = node.key(i);
    if (!key.is_string()) {
      reader.report(key, "rule ids must be strings, got " + ConfigReader::describe(key));
      continue;
    }
    read_rule_setting(reader, ids, key, node.value(i), path + "." + std::string(key.text()),
                      policies);
  }
}

void read_exception_object(ConfigReader& reader, NodeRef node, const std::string& path,
                           PolicyException& exception) {
  if (!node.is_mapping() || node.size() == 0) {
    reader.report(node, "`" + path +
                            "` must be a mapping with kind, namespace and/or name, such as "
                            "{kind: Deployment, name: web}, got " +
                            ConfigReader::describe(node));
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef k = node.key(i);
    const std::string name(k.is_string() ? k.text() : "");
    std::string* target = name == "kind"        ? &exception.kind
                          : name == "namespace" ? &exception.namespace_
                          : name == "name"      ? &exception.name
                                                : nullptr;
    if (target == nullptr) {
      std::string message = "unknown key " + ConfigReader::describe(k) + " in `" + path + "`";
      const std::string_view near =
          k.is_string() ? closest_name(k.text(), {"kind", "namespace", "name"}) : "";
      message += near.empty() ? "; expected kind, namespace, name"
                              : ", did you mean `" + std::string(near) + "`";
      reader.report(k, std::move(message));
      continue;
    }
    if (auto s = reader.read_string(node.value(i), path + "." + name)) *target = std::move(*s);
  }
}

void read_exception(ConfigReader& reader, const RuleIds& ids, NodeRef node, const std::string& path,
                    PoliciesConfig& policies) {
  if (!node.is_mapping()) {
    reader.report(node, "`" + path +
                            "` must be a mapping with rule, paths and/or object, and reason, "
                            "got " +
                            ConfigReader::describe(node));
    return;
  }
  PolicyException exception;
  exception.position = node.position();
  bool ok = true;
  bool has_rule = false;
  auto add_rule = [&](NodeRef at) {
    if (!at.is_string() || at.text().empty()) {
      reader.report(at, "a rule id must be a string, got " + ConfigReader::describe(at));
      ok = false;
    } else if (ids.check(reader, at, at.text())) {
      exception.rules.emplace_back(at.text());
    } else {
      ok = false;
    }
  };
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef k = node.key(i);
    const NodeRef v = node.value(i);
    const std::string name(k.is_string() ? k.text() : "");
    const std::string child = path + "." + name;
    if (name == "rule") {
      has_rule = true;
      add_rule(v);
    } else if (name == "rules") {
      has_rule = true;
      if (!v.is_sequence() || v.size() == 0) {
        reader.report(v, "`" + child + "` must be a non-empty list of rule ids, got " +
                             ConfigReader::describe(v));
        ok = false;
      } else {
        for (std::size_t r = 0; r < v.size(); ++r) add_rule(v.item(r));
      }
    } else if (name == "paths") {
      if (auto globs = reader.read_globs(v, child, 1)) {
        exception.paths = std::move(*globs);
      } else {
        ok = false;
      }
    } else if (name == "object") {
      read_exception_object(reader, v, child, exception);
    } else if (name == "reason") {
      if (!v.is_string() || v.text().find_first_not_of(" \t") == std::string_view::npos) {
        reader.report(v, "`" + child + "` must say why the exception is needed, got " +
                             ConfigReader::describe(v));
        ok = false;
      } else {
        exception.reason = std::string(v.text());
      }
    } else if (name == "expires") {
      std::optional<PolicyDate> date = v.is_string() ? parse_policy_date(v.text()) : std::nullopt;
      if (!date) {
        reader.report(v, "`" + child + "` must be a date written YYYY-MM-DD, got " +
                             ConfigReader::describe(v));
        ok = false;
      } else {
        exception.expires = std::move(*date);
      }
    } else {
      std::string message = "unknown key " + ConfigReader::describe(k) + " in `" + path + "`";
      const std::string_view near =
          k.is_string()
              ? closest_name(k.text(), {"rule", "rules", "paths", "object", "reason", "expires"})
              : "";
      message += near.empty() ? "; expected rule or rules, paths, object, reason, expires"
                              : ", did you mean `" + std::string(near) + "`";
      reader.report(k, std::move(message));
      ok = false;
    }
  }
  if (!has_rule) {
    reader.report(node.position(), "`" + path + "` needs `rule: RULE-ID` (or `rules: [...]`)");
    ok = false;
  }
  if (exception.reason.empty() && !node.get("reason")) {
    reader.report(node.position(),
                  "`" + path + "` needs `reason:`; every exception must say why it exists");
    ok = false;
  }
  if (exception.paths.empty() && !node.get("paths") && !node.get("object")) {
    // An exception for every file and object is `off` in disguise: say so plainly.
    reader.report(node.position(), "`" + path +
                                       "` needs `paths:` or `object:`; to turn a rule off "
                                       "everywhere, write `rules: {RULE-ID: off}`");
    ok = false;
  }
  if (ok) policies.exceptions.push_back(std::move(exception));
}

}  // namespace

void read_policies(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   Config& config) {
  PoliciesDraft draft{config.policies, {}, {}, {}, {}};
  reader.read_mapping<PoliciesDraft>(value, key_path, kPoliciesKeys, draft);
  const RuleIds ids(config.policies);
  if (draft.rules) read_rules(reader, ids, draft.rules, draft.rules_path, config.policies);
  if (draft.exceptions) {
    if (!draft.exceptions.is_sequence()) {
      reader.report(draft.exceptions, "`" + draft.exceptions_path +
                                          "` must be a list of exceptions, got " +
                                          ConfigReader::describe(draft.exceptions));
      return;
    }
    for (std::size_t i = 0; i < draft.exceptions.size(); ++i) {
      read_exception(reader, ids, draft.exceptions.item(i), item_path(draft.exceptions_path, i),
                     config.policies);
    }
  }
}

}  // namespace pushgate
