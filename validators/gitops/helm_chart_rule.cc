#include "validators/gitops/helm_chart_rule.h"

#include <re2/re2.h>

#include <optional>
#include <string>
#include <vector>

#include "core/tree/change_set.h"

namespace pushgate {
namespace {

// Helm loads a chart when its version parses as a Masterminds semver version: an optional `v`,
// one to three numbers, an optional pre-release and build. Stricter would reject charts Helm
// installs.
constexpr std::string_view kSemver =
    R"(v?(0|[1-9][0-9]*)(\.[0-9]+)?(\.[0-9]+)?(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)";

bool is_chart_path(std::string_view path) {
  return path == "Chart.yaml" ||
         (path.size() > 11 && path.substr(path.size() - 11) == "/Chart.yaml");
}

struct Dependency {
  NodeRef node;  // the repository value
  std::string written;
  std::optional<std::string> folder;  // resolved; empty when it leaves the repository
};

std::vector<Dependency> file_dependencies(NodeRef root, std::string_view chart_folder) {
  std::vector<Dependency> out;
  const NodeRef list = root.get("dependencies");
  for (std::size_t i = 0; list.is_sequence() && i < list.size(); ++i) {
    const NodeRef repository = list.item(i).get("repository");
    if (!repository.is_string() || repository.text().substr(0, 7) != "file://") continue;
    const std::string_view relative = repository.text().substr(7);
    out.push_back(Dependency{repository, std::string(repository.text()),
                             resolve_tree_path(chart_folder, relative)});
  }
  return out;
}

}  // namespace

HelmChartRule::HelmChartRule() : semver_(std::make_unique<RE2>(kSemver)) {}
HelmChartRule::~HelmChartRule() = default;

void HelmChartRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const TreeView& tree = *run.tree;
  const ChangeSet changes(run.changed, run.deleted);
  if (changes.empty()) return;
  for (const Entry& entry : tree.entries()) {
    if (!is_chart_path(entry.path)) continue;
    const TreeFile* file = tree.file(entry.path);
    if (file == nullptr || !file->parsed || !file->parsed->complete) continue;  // yaml/ reports
    const std::string_view folder = parent_folder(entry.path);
    const NodeRef root =
        file->parsed->documents.empty() ? NodeRef() : file->parsed->documents.front().root();
    const std::vector<Dependency> dependencies = file_dependencies(root, folder);
    bool affected = changes.contains(entry.path);
    for (const Dependency& d : dependencies)
      affected = affected || (d.folder && changes.affects(*d.folder));
    if (!affected) continue;

    auto report = [&](NodeRef at, std::string message) {
      out.push_back(Finding::at(std::string(rule()), Severity::kError, entry.path,
                                at ? at.position() : Position{1, 1}, std::move(message)));
    };
    if (!root.is_mapping()) {
      report(root,
             "Chart.yaml is not a mapping; Helm cannot load the chart: write apiVersion, "
             "name and version as keys");
      continue;
    }
    const NodeRef api_version = root.get("apiVersion");
    if (!api_version) {
      report({}, "Chart.yaml has no apiVersion, which Helm requires; add `apiVersion: v2`");
    } else if (api_version.text() != "v1" && api_version.text() != "v2") {
      report(api_version, "apiVersion `" + std::string(api_version.text()) +
                              "` is not a Helm chart API version; use `v2` (Helm 3) or `v1`");
    }
    const NodeRef name = root.get("name");
    if (!name || !name.is_scalar() || name.text().empty()) {
      report(name,
             "Chart.yaml has no name, which Helm requires; add `name:` with the chart's name");
    }
    const NodeRef version = root.get("version");
    if (!version || !version.is_scalar() || version.text().empty()) {
      report(version,
             "Chart.yaml has no version, which Helm requires; add a SemVer `version:` "
             "such as 0.1.0");
    } else if (!RE2::FullMatch(version.text(), *semver_)) {
      report(version, "version `" + std::string(version.text()) +
                          "` is not SemVer, so Helm refuses the chart; write it as "
                          "MAJOR.MINOR.PATCH, e.g. 1.4.2");
    }
    for (const Dependency& d : dependencies) {
      if (!d.folder) {
        report(d.node, "dependency `" + d.written +
                           "` points outside the repository; vendor the chart into it");
        continue;
      }
      const std::string chart = d.folder->empty() ? "Chart.yaml" : *d.folder + "/Chart.yaml";
      if (tree.has_file(chart) || tree.submodule_of(*d.folder) != nullptr) continue;
      if (tree.has_file(*d.folder)) continue;  // a packaged chart archive
      report(d.node, "dependency `" + d.written + "` names no chart in the tree (no `" + chart +
                         "`); fix the path, or add the chart");
    }
  }
}

}  // namespace pushgate
