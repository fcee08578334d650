#pragma once
#include "validators/validator.h"

namespace pushgate {

// gitops/duplicate-object: two documents that define the same object (API group, kind,
// namespace, name) are applied together — within what one kustomization renders (its resources,
// bases and components, with the namespace and name prefixes/suffixes it sets), or, for files no
// kustomization includes, within one folder (what Flux or Argo CD apply from a plain path).
// Reported at both positions. In a push, the render sets and folders the change can affect are
// judged; their findings equal a full check's. A plain folder is one apply set only where a
// Flux Kustomization or an Argo CD Application applies it (apply_roots.h); duplicates in other
// folders are gitops/duplicate-object-unapplied (warning).
class DuplicateObjectRule final : public Validator {
 public:
  // `unapplied`: this instance is gitops/duplicate-object-unapplied and judges only the plain
  // folders nothing applies; otherwise gitops/duplicate-object, everything else.
  explicit DuplicateObjectRule(bool unapplied = false) : unapplied_(unapplied) {}
  std::string_view rule() const override {
    return unapplied_ ? "gitops/duplicate-object-unapplied" : "gitops/duplicate-object";
  }
  bool wants_run() const override { return true; }
  void check_run(const RunContext& run, FindingList& out) const override;

 private:
  bool unapplied_;
};

}  // namespace pushgate
