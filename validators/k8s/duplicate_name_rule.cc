#include "validators/k8s/duplicate_name_rule.h"

#include <map>
#include <string>

#include "validators/k8s/workload.h"

namespace pushgate {
namespace {

// Collects values that must be unique in one scope and reports each repeat at its position,
// naming where the first one is.
class UniqueIn {
 public:
  UniqueIn(const ObjectContext& object, std::string_view rule, Severity severity,
           std::string_view what, std::string_view consequence, FindingList& out)
      : object_(object),
        rule_(rule),
        severity_(severity),
        what_(what),
        consequence_(consequence),
        out_(out) {}

  void add(NodeRef value, const std::string& path) {
    if (!value.is_scalar() || value.kind() == NodeKind::kNull) return;
    const std::string key(value.text());
    const auto [first, inserted] = seen_.emplace(key, First{path, value.position()});
    if (inserted) return;
    out_.push_back(object_.finding(rule_, severity_, value, path,
                                   std::string(what_) + " `" + key + "` at " + path + " repeats " +
                                       first->second.path + " (line " +
                                       std::to_string(first->second.position.line) + "); " +
                                       std::string(consequence_)));
  }

 private:
  struct First {
    std::string path;
    Position position;
  };
  const ObjectContext& object_;
  std::string_view rule_;
  Severity severity_;
  std::string_view what_;
  std::string_view consequence_;
  FindingList& out_;
  std::map<std::string, First> seen_;
};

constexpr std::string_view kRefused = "the API server refuses it: give each a unique name";

void check_list(NodeRef list, const std::string& path, std::string_view key, UniqueIn& unique) {
  for (std::size_t i = 0; list.is_sequence() && i < list.size(); ++i) {
    unique.add(list.item(i).get(key), path + "[" + std::to_string(i) + "]." + std::string(key));
  }
}

}  // namespace

void DuplicateNameRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (const std::optional<PodTemplate> pod = find_pod_template(object)) {
    UniqueIn containers(object, rule(), Severity::kError, "container name", kRefused, out);
    for (const ContainerRef& container : containers_of(*pod)) {
      containers.add(container.node.get("name"), container.path + ".name");
      UniqueIn ports(object, rule(), Severity::kError, "port name", kRefused, out);
      check_list(container.node.get("ports"), container.path + ".ports", "name", ports);
      UniqueIn mounts(object, rule(), Severity::kError, "mount path",
                      "the API server refuses two volumes at one path: mount one elsewhere", out);
      check_list(container.node.get("volumeMounts"), container.path + ".volumeMounts", "mountPath",
                 mounts);
      // Accepted by the API server, but only the last value is used: a warning.
      UniqueIn env(object, rule(), Severity::kWarning, "environment variable",
                   "only the last value is used: remove one", out);
      check_list(container.node.get("env"), container.path + ".env", "name", env);
    }
    UniqueIn volumes(object, rule(), Severity::kError, "volume name", kRefused, out);
    check_list(pod->spec.get("volumes"), pod->spec_path + ".volumes", "name", volumes);
  }
  if (object.group().empty() && object.kind == "Service") {
    UniqueIn names(object, rule(), Severity::kError, "port name", kRefused, out);
    check_list(object.root.get("spec").get("ports"), "spec.ports", "name", names);
  }
}

}  // namespace pushgate
