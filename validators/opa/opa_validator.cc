#include "validators/opa/opa_validator.h"

#include <map>
#include <tuple>
#include <utility>

#include "core/document/field_lookup.h"
#include "core/opa/opa_result.h"
#include "core/schema/document_json.h"
#include "validators/object_validator.h"

namespace pushgate {
namespace {

// One thing OPA is asked about: a Kubernetes object (pushgate mode) or a document (conftest).
struct Subject {
  ObjectContext object;
  bool is_object = true;  // false: a document that is not a Kubernetes object (conftest mode)
};

// The report contract wants kebab-case rule names: "kubernetes/deny" -> "kubernetes-deny",
// "main" + "deny_latest" -> "main-deny-latest".
std::string kebab(std::string_view data_path) {
  std::string out;
  for (char c : data_path) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string describe_subject(const Subject& subject) {
  if (subject.is_object) return subject.object.display();
  return "document " + std::to_string(subject.object.document.index() + 1);
}

std::vector<Subject> collect_subjects(const RunContext& run, OpaMode mode) {
  std::vector<Subject> subjects;
  for (const FileContext& file : run.files) {
    if (mode == OpaMode::kPushgate) {
      for_each_object(file, [&](const ObjectContext& object) {
        subjects.push_back(Subject{object, true});
      });
      continue;
    }
    // conftest reads every document as it is, objects or not, Lists not split.
    for (const Document& doc : file.file.documents) {
      const NodeRef root = doc.root();
      if (!root) continue;
      const NodeRef metadata = root.get("metadata");
      const bool is_object = root.get("apiVersion").is_string() && root.get("kind").is_string();
      subjects.push_back(Subject{
          ObjectContext{file, doc, root, root.get_string("apiVersion"), root.get_string("kind"),
                        metadata.get_string("namespace"), metadata.get_string("name"), ""},
          is_object});
    }
  }
  return subjects;
}

nlohmann::json pushgate_input(const RunContext& run, const Subject& subject) {
  return nlohmann::json{{"input",
                         {{"resource", document_to_json(subject.object.root)},
                          {"path", subject.object.file.file.path},
                          {"document", subject.object.document.index()},
                          {"repository", std::string(run.repository)},
                          {"ref", std::string(run.ref)},
                          {"commit", std::string(run.commit)},
                          {"pusher", std::string(run.pusher)}}}};
}

// Objects OPA gave no usable decision for, grouped so that a dead server is one finding per
// file and reason, not one per object.
class FailureGroups {
 public:
  explicit FailureGroups(const OpaConfig& config) : config_(config) {}

  void add(const Subject& subject, std::string_view rule, std::string reason) {
    const Key key{std::string(subject.object.file.file.path), std::string(rule), reason};
    auto [it, inserted] = groups_.try_emplace(key, Group{&subject, {}});
    if (inserted) order_.push_back(key);
    Group& group = it->second;
    if (group.subjects.empty() || group.subjects.back() != &subject) {
      group.subjects.push_back(&subject);
    }
  }

  void emit(FindingList& out) const {
    const bool reject = config_.on_error == OpaOnError::kReject;
    for (const Key& key : order_) {
      const Group& group = groups_.at(key);
      const auto& [path, rule, reason] = key;
      std::string message = "no policy decision for " + describe_subject(*group.first);
      const std::size_t more = group.subjects.size() - 1;
      if (more > 0) {
        message += " and " + std::to_string(more) + " more " + (more == 1 ? "object" : "objects") +
                   " in this file";
      }
      message += ": " + reason;
      message += reject ? "; failing closed (opa.on_error: reject)"
                        : "; not checked by policy (opa.on_error: warn)";
      Finding f = group.first->object.finding(rule, reject ? Severity::kError : Severity::kWarning,
                                              NodeRef(), "", std::move(message));
      if (!group.first->is_object) f.object.clear();
      if (f.json_path.ends_with('.')) f.json_path.pop_back();  // "items[2]." of a List item
      out.push_back(std::move(f));
    }
  }

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // path, rule, reason
  struct Group {
    const Subject* first;
    std::vector<const Subject*> subjects;
  };
  const OpaConfig& config_;
  std::map<Key, Group> groups_;
  std::vector<Key> order_;
};

void add_violations(const Subject& subject, const std::string& rule_prefix,
                    const std::vector<OpaViolation>& violations, FindingList& out) {
  for (const OpaViolation& v : violations) {
    const std::string rule_path = rule_prefix + (v.rule.empty() ? "" : "/" + v.rule);
    const std::string rule = "opa/" + kebab(rule_path);
    std::string message = v.message;
    if (message.empty()) message = "denied by policy " + rule_path + ", which gave no message";
    NodeRef at;
    if (!v.field.empty()) {
      const FieldLookup lookup = find_field(subject.object.root, v.field);
      if (lookup.node.id() != subject.object.root.id()) at = lookup.node;
    }
    Finding f = subject.object.finding(rule, v.severity, at, v.field, std::move(message));
    if (!subject.is_object) f.object.clear();
    if (f.json_path.ends_with('.')) f.json_path.pop_back();  // "items[2]." of a List item
    out.push_back(std::move(f));
  }
}

}  // namespace

OpaValidator::OpaValidator(const OpaConfig& config) : config_(config), client_(config) {}

void OpaValidator::check_run(const RunContext& run, FindingList& out) const {
  const std::vector<Subject> subjects = collect_subjects(run, config_.mode);
  if (subjects.empty()) return;

  // conftest mode asks for the whole package at once: deny, violation and warn in one request.
  std::string package_path = config_.package;
  for (char& c : package_path) {
    if (c == '.') c = '/';
  }
  const std::vector<std::string> paths = config_.mode == OpaMode::kPushgate
                                             ? config_.decisions
                                             : std::vector<std::string>{package_path};
  std::vector<OpaQuery> queries;
  queries.reserve(subjects.size() * paths.size());
  for (const Subject& subject : subjects) {
    const std::string body =
        config_.mode == OpaMode::kPushgate
            ? dump_json(pushgate_input(run, subject))
            : dump_json(nlohmann::json{{"input", document_to_json(subject.object.root)}});
    for (const std::string& path : paths) queries.push_back(OpaQuery{path, body});
  }

  const std::vector<Result<OpaAnswer>> answers = client_.query_all(queries);

  FindingList violations;
  FailureGroups failures(config_);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const Subject& subject = subjects[i / paths.size()];
    const std::string& path = paths[i % paths.size()];
    const Result<OpaAnswer>& answer = answers[i];
    if (!answer) {
      failures.add(subject, "opa/unavailable", answer.error().message);
      continue;
    }
    if (!answer.value().result) {
      failures.add(subject, "opa/bad-result",
                   config_.mode == OpaMode::kPushgate
                       ? "decision " + path +
                             " is undefined (OPA answered {}): the path does "
                             "not exist on " +
                             client_.server() +
                             ", or the rule produced no value; "
                             "write it as a partial set rule (deny contains msg if ...) so that it "
                             "is always defined"
                       : "package " + config_.package + " is not loaded on " + client_.server() +
                             " (data." + config_.package +
                             " is undefined); load the policies or set opa.package");
      continue;
    }
    Result<std::vector<OpaViolation>> found = config_.mode == OpaMode::kPushgate
                                                  ? violations_from_decision(*answer.value().result)
                                                  : violations_from_package(*answer.value().result);
    if (!found) {
      failures.add(
          subject, "opa/bad-result",
          (config_.mode == OpaMode::kPushgate ? "decision " + path : "package " + config_.package) +
              " answered an unusable result: " + found.error().message);
      continue;
    }
    add_violations(subject, path, found.value(), violations);
  }
  out.insert(out.end(), std::make_move_iterator(violations.begin()),
             std::make_move_iterator(violations.end()));
  failures.emit(out);
}

}  // namespace pushgate
