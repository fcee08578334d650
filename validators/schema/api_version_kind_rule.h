#pragma once
#include "validators/validator.h"

namespace pushgate {

// schema/api-version-kind: a document that has `apiVersion` or `kind` but not both, or has them
// with a non-string or empty value. Kubernetes, Flux and Argo CD cannot decode such an object;
// documents with neither key are not Kubernetes objects and are left alone, and so is Helm's
// Chart.yaml, whose `apiVersion` is the chart API's.
class ApiVersionKindRule final : public Validator {
 public:
  std::string_view rule() const override { return "schema/api-version-kind"; }
  void check_file(const FileContext& file, FindingList& out) const override;
};

}  // namespace pushgate
