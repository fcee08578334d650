#include "validators/gitops/flux_source_path_rule.h"

#include <algorithm>

#include "validators/gitops/flux_object_lookup.h"
#include "validators/gitops/path_target_files.h"
#include "validators/k8s/pod_rule.h"
#include "validators/object_validator.h"

namespace pushgate {

FluxSourcePathRule::FluxSourcePathRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("sources")) sources_ = *list;
  }
}

void FluxSourcePathRule::check_file_in_tree(const TreeView& tree, const FileContext& file,
                                            FindingList& out) const {
  for_each_object(file, [&](const ObjectContext& object) {
    if (object.kind != "Kustomization" || object.group() != "kustomize.toolkit.fluxcd.io") return;
    const NodeRef spec = object.root.get("spec");
    const NodeRef source = spec.get("sourceRef");
    const std::string_view kind = source.get_string("kind");
    if (kind != "GitRepository") return;
    const std::string name(source.get_string("name"));
    // The source's namespace defaults to the Kustomization's, as applied (an enclosing
    // kustomization's `namespace:` over what it states; "" when unknown: then only a `sources`
    // entry without a namespace names it).
    std::string namespace_(source.get_string("namespace"));
    if (namespace_.empty())
      namespace_ = flux_tree(tree).namespaces.of(file.file.path, object.namespace_);
    const bool ours = std::any_of(sources_.begin(), sources_.end(), [&](const std::string& s) {
      return s == name || (!namespace_.empty() && s == namespace_ + "/" + name);
    });
    if (!ours) return;
    const NodeRef path = spec.get("path");
    if (!path.is_string()) return;  // unset: the source's root, which exists
    std::string_view written = path.text();
    while (written.starts_with("/")) written.remove_prefix(1);
    const std::optional<std::string> folder =
        written.empty() ? std::optional<std::string>("") : resolve_tree_path("", written);
    std::string problem;
    if (!folder) {
      problem = "leaves the repository";
    } else if (tree.has_file(*folder)) {
      problem = "is a file, not a folder";
    } else if (!tree.has_directory(*folder) && tree.submodule_of(*folder) == nullptr) {
      problem = "is no folder of this repository";
    }
    if (problem.empty()) return;
    out.push_back(report_object(*this, object, path, "spec.path",
                                "path `" + std::string(path.text()) + "` of " + object.display() +
                                    " " + problem + " (source GitRepository " + name +
                                    "), so Flux cannot build it; fix the path, or restore the "
                                    "folder"));
  });
}

void FluxSourcePathRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr || sources_.empty()) return;
  for_each_path_target_file(
      run, [&](const FileContext& file) { check_file_in_tree(*run.tree, file, out); });
}

}  // namespace pushgate
