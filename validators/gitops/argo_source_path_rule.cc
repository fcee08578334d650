#include "validators/gitops/argo_source_path_rule.h"

#include <algorithm>
#include <cctype>

#include "validators/gitops/path_target_files.h"
#include "validators/k8s/pod_rule.h"
#include "validators/object_validator.h"

namespace pushgate {

ArgoSourcePathRule::ArgoSourcePathRule(const PoliciesConfig& policies) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const auto* list = setting->options.strings("repositories")) {
      for (const std::string& url : *list) repositories_.push_back(normalize_url(url));
    }
  }
}

std::string ArgoSourcePathRule::normalize_url(std::string_view url) {
  for (std::string_view scheme : {"https://", "http://", "ssh://", "git://"}) {
    if (url.substr(0, scheme.size()) == scheme) url.remove_prefix(scheme.size());
  }
  if (const std::size_t at = url.find('@');
      at != std::string_view::npos && url.substr(0, at).find('/') == std::string_view::npos) {
    url.remove_prefix(at + 1);  // user@
  }
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (url.size() > 4 && url.substr(url.size() - 4) == ".git") url.remove_suffix(4);
  std::string out(url);
  // scp-like `host:org/repo` (no port): the colon separates host and path.
  if (const std::size_t colon = out.find(':');
      colon != std::string::npos && out.find('/') > colon) {
    out[colon] = '/';
  }
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void ArgoSourcePathRule::check_file_in_tree(const TreeView& tree, const FileContext& file,
                                            FindingList& out) const {
  for_each_object(file, [&](const ObjectContext& object) {
    if (object.kind != "Application" || object.group() != "argoproj.io") return;
    const NodeRef spec = object.root.get("spec");
    auto check_source = [&](NodeRef source, const std::string& json_path) {
      const NodeRef path = source.get("path");
      if (!path.is_string() || source.get("chart")) return;
      const std::string url = normalize_url(source.get_string("repoURL"));
      if (std::find(repositories_.begin(), repositories_.end(), url) == repositories_.end()) {
        return;
      }
      const std::string_view written = path.text();
      const std::optional<std::string> folder =
          written.empty() || written == "/"
              ? std::optional<std::string>("")
              : resolve_tree_path("", written.front() == '/' ? written.substr(1) : written);
      std::string problem;
      if (!folder) {
        problem = "leaves the repository";
      } else if (tree.has_file(*folder)) {
        problem = "is a file, not a folder";
      } else if (!tree.has_directory(*folder) && tree.submodule_of(*folder) == nullptr) {
        problem = "is no folder of this repository";
      }
      if (problem.empty()) return;
      out.push_back(report_object(*this, object, path, json_path,
                                  "path `" + std::string(written) + "` of " + object.display() +
                                      " " + problem +
                                      ", so Argo CD cannot sync it; fix the path, or restore "
                                      "the folder"));
    };
    check_source(spec.get("source"), "spec.source.path");
    const NodeRef sources = spec.get("sources");
    for (std::size_t i = 0; sources.is_sequence() && i < sources.size(); ++i) {
      check_source(sources.item(i), "spec.sources[" + std::to_string(i) + "].path");
    }
  });
}

void ArgoSourcePathRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr || repositories_.empty()) return;
  for_each_path_target_file(
      run, [&](const FileContext& file) { check_file_in_tree(*run.tree, file, out); });
}

}  // namespace pushgate
