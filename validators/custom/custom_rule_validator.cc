#include "validators/custom/custom_rule_validator.h"

#include <re2/re2.h>

#include <string>
#include <vector>

namespace pushgate {
namespace {

struct Selected {
  NodeRef node;
  std::string path;
};

// How a value reads in a message: the scalar as written, or what kind of container it is.
std::string value_text(NodeRef node) {
  if (!node) return "";
  if (node.is_mapping()) return "a mapping";
  if (node.is_sequence()) return "a list of " + std::to_string(node.size());
  if (node.kind() == NodeKind::kNull) return "null";
  return std::string(node.text());
}

std::string number_text(double n) {
  std::string s = std::to_string(n);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::uint64_t length_of(NodeRef node) {
  if (node.is_mapping() || node.is_sequence()) return node.size();
  std::uint64_t chars = 0;
  for (char c : node.text()) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return chars;
}

bool is_number(NodeRef node) {
  return node.kind() == NodeKind::kInt || node.kind() == NodeKind::kFloat;
}

// The first check `value` fails, as a default message ("" when it passes them all).
std::string first_failure(const Assertion& a, NodeRef value) {
  const std::string shown = value_text(value);
  if (a.equals && !a.equals->equals(value)) {
    return "must equal " + a.equals->describe() + ", got " + shown;
  }
  if (!a.in.empty()) {
    bool found = false;
    std::string listed;
    for (const ScalarValue& v : a.in) {
      found = found || v.equals(value);
      listed += (listed.empty() ? "" : ", ") + v.describe();
    }
    if (!found) return "must be one of " + listed + ", got " + shown;
  }
  if (a.matches || a.not_matches) {
    if (!value.is_scalar()) return "must be a string to match a pattern, got " + shown;
    const re2::StringPiece text(value.text().data(), value.text().size());
    if (a.matches && !RE2::PartialMatch(text, *a.matches)) {
      return "must match `" + a.matches->pattern() + "`, got " + shown;
    }
    if (a.not_matches && RE2::PartialMatch(text, *a.not_matches)) {
      return "must not match `" + a.not_matches->pattern() + "`, got " + shown;
    }
  }
  if (a.minimum || a.maximum) {
    if (!is_number(value)) return "must be a number, got " + shown;
    const double n = value.as_double();
    if (a.minimum && n < *a.minimum) {
      return "must be at least " + number_text(*a.minimum) + ", got " + shown;
    }
    if (a.maximum && n > *a.maximum) {
      return "must be at most " + number_text(*a.maximum) + ", got " + shown;
    }
  }
  if (a.min_length || a.max_length) {
    const std::uint64_t length = length_of(value);
    if (a.min_length && length < *a.min_length) {
      return "must be at least " + std::to_string(*a.min_length) + " long, got " +
             std::to_string(length);
    }
    if (a.max_length && length > *a.max_length) {
      return "must be at most " + std::to_string(*a.max_length) + " long, got " +
             std::to_string(length);
    }
  }
  return "";
}

}  // namespace

void CustomRuleValidator::check_object(const ObjectContext& object, FindingList& out) const {
  ObjectFacts facts;
  facts.path = object.file.file.path;
  facts.has_object = true;
  facts.api_version = object.api_version;
  facts.kind = object.kind;
  facts.namespace_ = object.namespace_;
  facts.labels = object.root.get("metadata").get("labels");
  if (!rule_->match().matches(facts)) return;

  for (const Assertion& a : rule_->assertions()) {
    const std::string& templ = !a.message.empty() ? a.message : rule_->message();
    auto report = [&](NodeRef at, const std::string& path, NodeRef value, std::string fallback) {
      std::string message = templ.empty() ? "`" + path + "` " + std::move(fallback)
                                          : render_message(templ, path, value_text(value));
      out.push_back(object.finding(rule(), rule_->severity(), at, path, std::move(message)));
    };

    std::vector<Selected> values;
    a.path.select(object.root, [&](NodeRef node, const std::string& where) {
      values.push_back(Selected{node, where});
    });

    if (a.exists && *a.exists && values.empty()) {
      report(NodeRef(), a.path.text(), NodeRef(),
             "is missing; " + object.display() + " must set it");
    }
    if (a.exists && !*a.exists) {
      for (const Selected& v : values) report(v.node, v.path, v.node, "must not be set");
    }
    if (a.count_min || a.count_max) {
      const std::uint64_t n = values.size();
      if ((a.count_min && n < *a.count_min) || (a.count_max && n > *a.count_max)) {
        std::string want = a.count_min && a.count_max && *a.count_min == *a.count_max
                               ? "exactly " + std::to_string(*a.count_min)
                           : a.count_min && n < *a.count_min
                               ? "at least " + std::to_string(*a.count_min)
                               : "at most " + std::to_string(*a.count_max);
        report(values.empty() ? NodeRef() : values.front().node, a.path.text(), NodeRef(),
               "must match " + want + " values, found " + std::to_string(n));
      }
    }
    for (const Selected& v : values) {
      const std::string failure = first_failure(a, v.node);
      if (!failure.empty()) {
        report(v.node, v.path, v.node, failure);
        continue;
      }
      if (a.schema) {
        for (const Violation& violation : a.schema->validate(v.node)) {
          const std::string path =
              violation.json_path.empty() ? v.path : v.path + "." + violation.json_path;
          report(violation.node ? violation.node : v.node, path, violation.node,
                 "does not conform to the rule's schema: " + violation.message);
        }
      }
    }
  }
}

}  // namespace pushgate
