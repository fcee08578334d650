#pragma once
// The transformations of the tree that would land (core/kustomize/applied_form.h), gathered from
// a run: every kustomize kustomization of the tree (and of the run's files, for runs built without
// a tree) and every Flux Kustomization with `spec.patches`, `spec.targetNamespace` or
// `spec.commonMetadata` (from the object inventory, whose Flux objects are kept whole).
// Used by the rules that judge an object as it is applied: schema/required (a field a
// transformer fills is not missing) and k8s/selector-mismatch (labels added to the template).
//
//   const AppliedForms forms = applied_forms(run);
//   for (const Transformation* t : forms.reaching(file.file.path)) ...
#include "core/kustomize/applied_form.h"
#include "validators/object_validator.h"

namespace pushgate {

AppliedForms applied_forms(const RunContext& run);

// `object` in the terms of applied_form.h.
AppliedObject applied_object(const ObjectContext& object);

}  // namespace pushgate
