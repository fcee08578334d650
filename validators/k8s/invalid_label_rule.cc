#include "validators/k8s/invalid_label_rule.h"

#include <string>

#include "validators/k8s/api_syntax.h"
#include "validators/k8s/workload.h"

namespace pushgate {
namespace {

// The API server's limit on all annotations of one object together (keys and values).
constexpr std::size_t kMaxAnnotationBytes = 256 * 1024;

void check_labels(const ObjectContext& object, std::string_view rule, NodeRef labels,
                  const std::string& path, std::string_view what, FindingList& out) {
  if (!labels.is_mapping()) return;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const NodeRef key = labels.key(i);
    const NodeRef value = labels.value(i);
    if (key.is_scalar() && !is_substituted(key.text())) {
      if (std::string why = qualified_name_problem(key.text()); !why.empty()) {
        out.push_back(object.finding(rule, Severity::kError, key,
                                     path + "." + std::string(key.text()),
                                     std::string(what) + " key `" + std::string(key.text()) + "` " +
                                         why + "; the API server refuses it"));
      }
    }
    if (value.is_string() && !is_substituted(value.text())) {
      if (std::string why = label_value_problem(value.text()); !why.empty()) {
        out.push_back(object.finding(
            rule, Severity::kError, value, path + "." + std::string(key.text()),
            std::string(what) + " value `" + std::string(value.text()) + "` " + why +
                "; the API server refuses it: keep long or free-form text in an annotation"));
      }
    }
  }
}

void check_annotations(const ObjectContext& object, std::string_view rule, NodeRef annotations,
                       const std::string& path, FindingList& out) {
  if (!annotations.is_mapping()) return;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < annotations.size(); ++i) {
    const NodeRef key = annotations.key(i);
    bytes += key.text().size() + annotations.value(i).text().size();
    if (!key.is_scalar() || is_substituted(key.text())) continue;
    if (std::string why = qualified_name_problem(key.text()); !why.empty()) {
      out.push_back(object.finding(rule, Severity::kError, key,
                                   path + "." + std::string(key.text()),
                                   "annotation key `" + std::string(key.text()) + "` " + why +
                                       "; the API server refuses it"));
    }
  }
  if (bytes > kMaxAnnotationBytes) {
    out.push_back(object.finding(
        rule, Severity::kError, annotations, path,
        "annotations total " + std::to_string(bytes) +
            " bytes, above the API server's limit of 262144; move large data to a ConfigMap"));
  }
}

}  // namespace

void InvalidLabelRule::check_object(const ObjectContext& object, FindingList& out) const {
  const NodeRef metadata = object.root.get("metadata");
  check_labels(object, rule(), metadata.get("labels"), "metadata.labels", "label", out);
  check_annotations(object, rule(), metadata.get("annotations"), "metadata.annotations", out);
  const NodeRef spec = object.root.get("spec");
  if (const std::optional<PodTemplate> pod = find_pod_template(object)) {
    if (pod->metadata_path != "metadata") {
      check_labels(object, rule(), pod->metadata.get("labels"), pod->metadata_path + ".labels",
                   "pod template label", out);
      check_annotations(object, rule(), pod->metadata.get("annotations"),
                        pod->metadata_path + ".annotations", out);
    }
    check_labels(object, rule(), spec.get("selector").get("matchLabels"),
                 "spec.selector.matchLabels", "selector label", out);
  }
  if (object.group().empty() && object.kind == "Service") {
    check_labels(object, rule(), spec.get("selector"), "spec.selector", "selector label", out);
  }
}

}  // namespace pushgate
