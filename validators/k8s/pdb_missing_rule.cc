#include "validators/k8s/pdb_missing_rule.h"

#include <string>
#include <utility>
#include <vector>

namespace pushgate {
namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

struct Requirement {
  std::string key;
  std::string op;  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
};

struct Budget {
  std::string namespace_;
  Labels match_labels;
  std::vector<Requirement> expressions;
  bool valid = true;  // false: a selector we cannot read matches nothing (never silences)
};

struct Candidate {
  std::string namespace_;
  Labels pod_labels;
  Finding finding;
};

Labels read_labels(NodeRef labels) {
  Labels out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels.key(i).is_scalar() && labels.value(i).is_scalar()) {
      out.emplace_back(labels.key(i).text(), labels.value(i).text());
    }
  }
  return out;
}

const std::string* label(const Labels& labels, std::string_view key) {
  for (const auto& [k, v] : labels) {
    if (k == key) return &v;
  }
  return nullptr;
}

Budget read_budget(const ObjectContext& object) {
  Budget budget;
  budget.namespace_ = std::string(object.namespace_);
  const NodeRef selector = object.root.get("spec").get("selector");
  if (!selector.is_mapping()) {
    budget.valid = false;
    return budget;
  }
  budget.match_labels = read_labels(selector.get("matchLabels"));
  const NodeRef expressions = selector.get("matchExpressions");
  for (std::size_t i = 0; i < expressions.size(); ++i) {
    const NodeRef e = expressions.item(i);
    Requirement r{std::string(e.get_string("key")), std::string(e.get_string("operator")), {}};
    const NodeRef values = e.get("values");
    for (std::size_t v = 0; v < values.size(); ++v) {
      if (values.item(v).is_scalar()) r.values.emplace_back(values.item(v).text());
    }
    if (r.key.empty() ||
        (r.op != "In" && r.op != "NotIn" && r.op != "Exists" && r.op != "DoesNotExist")) {
      budget.valid = false;
    }
    budget.expressions.push_back(std::move(r));
  }
  return budget;
}

bool selects(const Budget& budget, const Labels& pod) {
  if (!budget.valid) return false;
  for (const auto& [key, value] : budget.match_labels) {
    const std::string* have = label(pod, key);
    if (have == nullptr || *have != value) return false;
  }
  for (const Requirement& r : budget.expressions) {
    const std::string* have = label(pod, r.key);
    bool listed = false;
    for (const std::string& v : r.values) listed = listed || (have != nullptr && *have == v);
    if (r.op == "In" && !listed) return false;
    if (r.op == "NotIn" && listed) return false;
    if (r.op == "Exists" && have == nullptr) return false;
    if (r.op == "DoesNotExist" && have != nullptr) return false;
  }
  return true;  // an empty selector selects every pod of the namespace (policy/v1)
}

}  // namespace

void PdbMissingRule::check_run(const RunContext& run, FindingList& out) const {
  std::vector<Budget> budgets;
  std::vector<Candidate> candidates;
  for (const FileContext& file : run.files) {
    for_each_object(file, [&](const ObjectContext& object) {
      if (object.kind == "PodDisruptionBudget" && object.group() == "policy") {
        budgets.push_back(read_budget(object));
        return;
      }
      if (object.kind != "Deployment" && object.kind != "StatefulSet" && object.kind != "Rollout") {
        return;
      }
      const NodeRef replicas = object.root.get("spec").get("replicas");
      if (replicas.kind() != NodeKind::kInt || replicas.as_int() < 2) return;
      const Labels pod_labels =
          read_labels(object.root.get("spec").get("template").get("metadata").get("labels"));
      candidates.push_back(Candidate{
          std::string(object.namespace_), pod_labels,
          report_object(*this, object, replicas, "spec.replicas",
                        "no PodDisruptionBudget in the checked files selects the " +
                            std::string(replicas.text()) + " replicas of " + object.display() +
                            ", so a node drain may evict them all at once; add one with "
                            "minAvailable or maxUnavailable and a selector for its pod labels")});
    });
  }
  for (Candidate& c : candidates) {
    bool covered = false;
    for (const Budget& b : budgets) {
      covered = covered || (b.namespace_ == c.namespace_ && selects(b, c.pod_labels));
    }
    if (!covered) out.push_back(std::move(c.finding));
  }
}

}  // namespace pushgate
