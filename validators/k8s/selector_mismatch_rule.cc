#include "validators/k8s/selector_mismatch_rule.h"

#include <string>

namespace pushgate {
namespace {

bool has_string_value(NodeRef values, std::string_view wanted) {
  if (!values.is_sequence()) return false;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values.item(i).is_string() && values.item(i).text() == wanted) return true;
  }
  return false;
}

// Why `expression` (a matchExpressions item) does not select `labels`, or "" when it does or
// when it is malformed (the schema reports malformed ones).
std::string expression_mismatch(NodeRef expression, NodeRef labels) {
  const NodeRef key = expression.get("key");
  const NodeRef op = expression.get("operator");
  if (!key.is_string() || !op.is_string()) return {};
  const NodeRef label = labels.is_mapping() ? labels.get(key.text()) : NodeRef();
  const bool present = label && label.is_scalar();
  const std::string name(key.text());
  if (op.text() == "In" && !(present && has_string_value(expression.get("values"), label.text()))) {
    return present ? "label `" + name + ": " + std::string(label.text()) + "` is not in its values"
                   : "the template has no label `" + name + "`";
  }
  if (op.text() == "NotIn" && present && has_string_value(expression.get("values"), label.text())) {
    return "label `" + name + ": " + std::string(label.text()) + "` is excluded by NotIn";
  }
  if (op.text() == "Exists" && !present) return "the template has no label `" + name + "`";
  if (op.text() == "DoesNotExist" && present) {
    return "the template has label `" + name + "`, which DoesNotExist excludes";
  }
  return {};
}

}  // namespace

void SelectorMismatchRule::check_object(const ObjectContext& object, FindingList& out) const {
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
      const NodeRef have = labels.is_mapping() ? labels.get(key.text()) : NodeRef();
      if (have && have.is_scalar() && want.is_scalar() && have.text() == want.text()) continue;
      const std::string key_text(key.text());
      out.push_back(object.finding(
          rule(), Severity::kError, want, "spec.selector.matchLabels." + key_text,
          object.display() + ": spec.selector.matchLabels `" + key_text + ": " +
              std::string(want.text()) + "` does not match the pod template's labels (" +
              (have ? "`" + key_text + ": " + std::string(have.text()) + "`"
                    : "no `" + key_text + "` label") +
              "); the API server refuses it: make spec.template.metadata.labels carry it"));
    }
  }
  const NodeRef expressions = selector.get("matchExpressions");
  if (expressions.is_sequence()) {
    for (std::size_t i = 0; i < expressions.size(); ++i) {
      const std::string why = expression_mismatch(expressions.item(i), labels);
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
