#include "validators/schema/api_version_kind_rule.h"

#include <string>

namespace pushgate {
namespace {

void report(const Document& doc, const std::string& path, Position at, std::string message,
            FindingList& out) {
  Finding f = Finding::at("schema/api-version-kind", Severity::kError, path, at,
                          std::move(message));
  f.document = doc.index();
  out.push_back(std::move(f));
}

}  // namespace

void ApiVersionKindRule::check_file(const FileContext& ctx, FindingList& out) const {
  // Helm's Chart.yaml carries `apiVersion: v2` (the chart API) and is no Kubernetes object.
  const std::string_view path = ctx.file.path;
  if (path == "Chart.yaml" || path.ends_with("/Chart.yaml")) return;
  // A chart's values.yaml (beside its Chart.yaml, or fed to a HelmRelease through a generated
  // ConfigMap) is Helm values: a `kind:` key there is a chart setting, not an object's kind.
  for (std::string_view name : {"values.yaml", "values.yml"}) {
    if (path == name || path.ends_with("/" + std::string(name))) return;
  }
  for (const Document& doc : ctx.file.documents) {
    const NodeRef root = doc.root();
    if (!root.is_mapping()) continue;
    const NodeRef api_version = root.get("apiVersion");
    const NodeRef kind = root.get("kind");
    if (!api_version && !kind) continue;
    if (!api_version) {
      report(doc, ctx.file.path, root.position(),
             "object has `kind` but no `apiVersion`; add `apiVersion` (e.g. `apps/v1`)", out);
      continue;
    }
    if (!kind) {
      report(doc, ctx.file.path, root.position(),
             "object has `apiVersion` but no `kind`; add `kind` (e.g. `Deployment`)", out);
      continue;
    }
    for (const auto& [name, node] : {std::pair{"apiVersion", api_version}, {"kind", kind}}) {
      if (!node.is_string() || node.text().empty()) {
        report(doc, ctx.file.path, node.position(),
               std::string("`") + name + "` must be a non-empty string, found " +
                   std::string(to_string(node.kind())) +
                   (node.is_scalar() && !node.text().empty()
                        ? " `" + std::string(node.text()) + "`; quote it"
                        : std::string()),
               out);
      }
    }
  }
}

}  // namespace pushgate
