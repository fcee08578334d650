#pragma once
// Go/Helm templates are not YAML and are not parsed as YAML. A file is a template, skipped
// without a parse, only when both hold:
//  - its path is under `templates/` inside a folder that holds a Chart.yaml (a Helm chart);
//  - no kustomization of the tree names it (resources, patches, generators, ...): kustomize
//    reads such a file as plain YAML, so pushgate validates it whatever folder it is in.
// A file anywhere else is YAML: if it fails to parse it is an error, `{{` or not (a broken
// manifest must not pass as "a template").
//
//   TemplateDetector templates(snapshot, limits);
//   if (templates.is_template(entry.path)) ...  // skip it
//
// The kustomizations are read once, on the first question about a path under a chart's
// templates/ (a tree without charts reads none). Thread-safe: every worker that asks meanwhile
// reads some of them (core/base/shared_pass.h) instead of waiting for one thread to read all.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/shared_pass.h"
#include "core/document/document.h"
#include "core/source/snapshot.h"

namespace pushgate {

class TemplateDetector {
 public:
  // Paths only: no kustomization is consulted (for callers without file access).
  explicit TemplateDetector(const std::vector<Entry>& all_entries);
  // Also reads the snapshot's kustomizations (each within `limits`) when a question needs them.
  TemplateDetector(const Snapshot& snapshot, const ParseLimits& limits);

  bool in_helm_chart_templates(std::string_view path) const;
  // Under a chart's templates/ and named by no kustomization of the snapshot.
  bool is_template(std::string_view path) const;
  // The tree paths the snapshot's kustomizations name (read on first call).
  const std::set<std::string, std::less<>>& named_by_kustomizations() const;
  static bool has_unquoted_template(std::string_view content);

 private:
  std::set<std::string, std::less<>> chart_dirs_;  // folders holding Chart.yaml ("" = root)
  const Snapshot* snapshot_ = nullptr;
  ParseLimits limits_;
  mutable SharedPass named_pass_;
  mutable std::vector<const Entry*> kustomizations_;              // the pass's items
  mutable std::vector<std::vector<std::string>> named_per_file_;  // what each one names
  mutable std::set<std::string, std::less<>> named_;              // their union, once all are read
};

}  // namespace pushgate
