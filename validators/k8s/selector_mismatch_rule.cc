#include "validators/k8s/selector_mismatch_rule.h"

#include <optional>
#include <string>

#include "validators/applied_forms.h"

namespace pushgate {
namespace {

bool has_string_value(NodeRef values, std::string_view wanted) {
  if (!values.is_sequence()) return false;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values.item(i).is_string() && values.item(i).text() == wanted) return true;
  }
  return false;
}

// The template's label `key` as applied: added by a transformation, else as written.
std::optional<std::string> template_label(NodeRef labels,
                                          const std::map<std::string, std::string>& added,
                                          std::string_view key) {
  if (auto it = added.find(std::string(key)); it != added.end()) return it->second;
  const NodeRef label = labels.is_mapping() ? labels.get(key) : NodeRef();
  if (label && label.is_scalar()) return std::string(label.text());
  return std::nullopt;
}

// Why `expression` (a matchExpressions item) does not select `labels`, or "" when it does or
// when it is malformed (the schema reports malformed ones).
std::string expression_mismatch(NodeRef expression, NodeRef labels,
                                const std::map<std::string, std::string>& added) {
  const NodeRef key = expression.get("key");
  const NodeRef op = expression.get("operator");
  if (!key.is_string() || !op.is_string()) return {};
  const std::optional<std::string> label = template_label(labels, added, key.text());
  const bool present = label.has_value();
  const std::string name(key.text());
  if (op.text() == "In" && !(present && has_string_value(expression.get("values"), *label))) {
    return present ? "label `" + name + ": " + *label + "` is not in its values"
                   : "the template has no label `" + name + "`";
  }
  if (op.text() == "NotIn" && present && has_string_value(expression.get("values"), *label)) {
    return "label `" + name + ": " + *label + "` is excluded by NotIn";
  }
  if (op.text() == "Exists" && !present) return "the template has no label `" + name + "`";
  if (op.text() == "DoesNotExist" && present) {
    return "the template has label `" + name + "`, which DoesNotExist excludes";
  }
  return {};
}

}  // namespace

void SelectorMismatchRule::check_run(const RunContext& run, FindingList& out) const {
  // Built once per run, shared with the other rules that judge objects as applied.
  const std::shared_ptr<const AppliedForms> shared_forms = run_applied_forms(run);
  const AppliedForms& forms = *shared_forms;
  for (const FileContext& file : run.files) {
    const std::vector<const Transformation*> reach = forms.reaching(file.file.path);
    for_each_object(file, [&](const ObjectContext& object) {
      check_object(object, added_template_labels(reach, applied_object(object)), out);
    });
  }
}

void SelectorMismatchRule::check_object(const ObjectContext& object,
                                        const std::map<std::string, std::string>& added,
                                        FindingList& out) const {
  if (object.api_version != "apps/v1" ||
      (object.kind != "Deployment" && object.kind != "StatefulSet" && object.kind != "DaemonSet" &&
       object.kind != "ReplicaSet")) {
    return;
  }
  const NodeRef spec = object.root.get("spec");
  const NodeRef selector = spec.get("selector");
  if (!selector.is_mapping()) return;  // required by the schema, which reports it
  const NodeRef labels = spec.get("template").get("metadata").get("labels");
  const NodeRef match_labels = selector.get("matchLabels");
  if (match_labels.is_mapping()) {
    for (std::size_t i = 0; i < match_labels.size(); ++i) {
      const NodeRef key = match_labels.key(i);
      const NodeRef want = match_labels.value(i);
      // Selector labels a transformation adds go to the template too: compare as applied.
      const std::optional<std::string> have = template_label(labels, added, key.text());
      if (have && want.is_scalar() && *have == want.text()) continue;
      if (added.contains(std::string(key.text()))) continue;  // set on both sides alike
      const std::string key_text(key.text());
      out.push_back(object.finding(
          rule(), Severity::kError, want, "spec.selector.matchLabels." + key_text,
          object.display() + ": spec.selector.matchLabels `" + key_text + ": " +
              std::string(want.text()) + "` does not match the pod template's labels (" +
              (have ? "`" + key_text + ": " + *have + "`" : "no `" + key_text + "` label") +
              "); the API server refuses it: make spec.template.metadata.labels carry it"));
    }
  }
  const NodeRef expressions = selector.get("matchExpressions");
  if (expressions.is_sequence()) {
    for (std::size_t i = 0; i < expressions.size(); ++i) {
      const std::string why = expression_mismatch(expressions.item(i), labels, added);
      if (why.empty()) continue;
      out.push_back(object.finding(
          rule(), Severity::kError, expressions.item(i),
          "spec.selector.matchExpressions[" + std::to_string(i) + "]",
          object.display() + ": spec.selector.matchExpressions[" + std::to_string(i) +
              "] does not select the pod template: " + why +
              "; the API server refuses it: align the selector and spec.template.metadata.labels"));
    }
  }
}

}  // namespace pushgate
