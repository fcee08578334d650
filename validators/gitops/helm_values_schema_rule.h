#pragma once
#include "validators/validator.h"

namespace pushgate {

// gitops/helm-values-schema: a Helm chart in the tree (a folder with Chart.yaml) ships a
// values.schema.json, and its values files do not conform: `values.yaml` (the defaults, checked
// whole, as `helm lint` does) and every `values-*.yaml` / `values.*.yaml` beside it (overrides:
// checked for types, enums, patterns and unknown fields, but not for `required`, which the merge
// with values.yaml may satisfy). Positions are in the values file. The schema is compiled with
// core/schema's JSON Schema engine; one that does not compile is reported at the schema. A push
// judges the charts whose schema or values files it changed; the findings equal a full check's.
class HelmValuesSchemaRule final : public Validator {
 public:
  std::string_view rule() const override { return "gitops/helm-values-schema"; }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;
};

}  // namespace pushgate
