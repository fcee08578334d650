#pragma once
// Kubernetes objects against their schemas (rules schema/<keyword> as core/schema names them,
// schema/unknown-kind, schema/store): each object's apiVersion/kind is looked up in the CRDs of
// the same run first (a CRD and its custom resources pushed together must work), then in the
// configured CRD folders, then in the schema stores for the target Kubernetes version.
//
// Runs once per run (check_run) because the CRDs of a push can sit in any of its files. Objects
// in Kustomize patch files (listed under a kustomization's `patches` or `patchesStrategicMerge`)
// are partial by design, so missing required fields are not reported there.
#include <memory>
#include <set>
#include <string>

#include "core/config/kubernetes_config.h"
#include "core/kustomize/applied_form.h"
#include "core/schema_store/kind_schema_cache.h"
#include "validators/validator.h"

namespace pushgate {

class KubernetesSchemaValidator final : public Validator {
 public:
  // `stores` empty: the default store (core/schema_store/schema_store.h). `config_path` is where
  // store problems are reported.
  KubernetesSchemaValidator(const KubernetesConfig& config, std::string config_path);

  std::string_view rule() const override { return "schema/type"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  void check_objects(const FileContext& file, const KindSchemaSet& run_crds,
                     const std::set<std::string>& patch_files, const AppliedForms& forms,
                     FindingList& out) const;

  KubernetesConfig config_;
  std::string config_path_;
  std::vector<std::string> stores_;
  std::unique_ptr<KindSchemaCache> cache_;
};

// Repository-relative paths of the Kustomize patch files that `files`' kustomizations name.
std::set<std::string> kustomize_patch_files(std::span<const FileContext> files);
// The same over the kustomizations of the run and of the whole tree that would land.
std::set<std::string> kustomize_patch_files(const RunContext& run);

}  // namespace pushgate
