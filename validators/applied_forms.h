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
#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/kustomize/applied_form.h"
#include "validators/object_validator.h"

namespace pushgate {

AppliedForms applied_forms(const RunContext& run);

class AppliedValues;

// The applied forms and values of one run, built once on first use and shared by every rule of
// the run that needs them (schema/required, selector-mismatch, kustomize-patch-target, the image
// and replica rules): each build reads the kustomizations and the Flux and Argo CD bodies of the
// whole tree. The engine opens a scope around a run's whole-run rules; inside it, run_applied_*()
// of that RunContext (the same object, by address) build once, from whichever thread asks first
// (std::call_once), and hand out the same immutable value to every caller. For a RunContext with
// no scope open (tests that build one by hand, a rule's own copy) each call builds its own, as
// applied_forms() does: a copy never sees another run's value.
//
//   const AppliedRunScope scope(run);                     // the engine, around check_run()
//   const std::shared_ptr<const AppliedForms> forms = run_applied_forms(run);  // a rule
class AppliedRunScope {
 public:
  explicit AppliedRunScope(const RunContext& run);
  ~AppliedRunScope();
  AppliedRunScope(const AppliedRunScope&) = delete;
  AppliedRunScope& operator=(const AppliedRunScope&) = delete;

 private:
  const RunContext* run_;
  bool owner_;  // false when a scope of the same RunContext was already open
};
std::shared_ptr<const AppliedForms> run_applied_forms(const RunContext& run);
std::shared_ptr<const AppliedValues> run_applied_values(const RunContext& run);

// `object` in the terms of applied_form.h.
AppliedObject applied_object(const ObjectContext& object);

// The files Argo CD Applications (and ApplicationSet templates) of the run's tree (or of its
// files, without a tree) name as kustomize patches by `path` (spec.source(s).kustomize.patches):
// partial objects, as the files a kustomization names under `patches` are. Paths that leave the
// tree, and templated ones (is_argo_template), are not among them.
std::set<std::string> argo_patch_files(const RunContext& run);

// True for a value of an ApplicationSet template that Argo CD fills in per generated Application
// (`{{ .path.path }}`, `{{name}}`): unknown here. A template source whose path or kustomize
// options hold one is not applied (its Applications differ); one whose path and options are
// literal is applied like an Application's.
bool is_argo_template(std::string_view text);

// The values kustomize's `images:` and `replicas:` set, for the rules that judge them as applied
// (k8s/image-latest, image-digest, image-registry, image-pull-policy, replicas-minimum). The
// chains are used only when some kustomization, Flux Kustomization or Argo CD Application of the
// tree (or of the run) sets `images` or `replicas` (read in the same walk as the applied forms);
// otherwise every file is applied as written and no unchanged file is added.
//
//   const AppliedValues values(run);   // or run_applied_values(run), shared by the run's rules
//   for (const FileContext& file : values.files()) {
//     for (const auto& chain : values.chains(file.file.path)) {
//       const AppliedImage image = apply_images(chain, written);   // image.by: who set it
//     }
//   }
class AppliedValues {
 public:
  // Builds the run's applied forms itself (run_applied_values() shares them within a run).
  explicit AppliedValues(const RunContext& run);
  AppliedValues(const AppliedValues&) = delete;
  AppliedValues& operator=(const AppliedValues&) = delete;

  // The files to judge: the run's own, then (in a push) the unchanged files that a changed
  // kustomization with `images` or `replicas` renders, parsed from the tree. For the latter only
  // what a transformer set is reported (own_file() is false): the rest is as it was.
  std::span<const FileContext> files() const { return files_; }
  bool own_file(std::size_t index) const { return index < own_; }
  // The chains of kustomizations that apply `file`, innermost first: one empty chain (as
  // written) when no kustomization lists it, or when none of the tree sets images or replicas.
  std::vector<std::vector<const Transformation*>> chains(std::string_view file) const;

  // One object of files() with what judging it needs: its file, the chains that apply that file
  // (chains()), and whether the file is the run's own (own_file()).
  struct Object {
    const FileContext& file;
    const ObjectContext& object;
    const std::vector<std::vector<const Transformation*>>& chains;
    bool own;
  };
  // Calls `visit` for every object of every file of files(), in order.
  void visit_objects(const std::function<void(const Object&)>& visit) const;

 private:
  friend std::shared_ptr<const AppliedValues> run_applied_values(const RunContext& run);
  // With `forms`, the run's applied forms, when some kustomization of the tree (or of the run)
  // sets images or replicas; null otherwise (every file is applied as written).
  AppliedValues(const RunContext& run, std::shared_ptr<const AppliedForms> forms);
  // Keeps `forms` and adds to files() the unchanged files a changed kustomization or applier
  // renders (a push).
  void add_rendered(const RunContext& run, std::shared_ptr<const AppliedForms> forms);

  std::shared_ptr<const AppliedForms> forms_;  // null: nothing sets images or replicas
  std::vector<FileContext> files_;
  std::size_t own_ = 0;
};

// A finding about `object` at `at`, a list item of the kustomization `by` (its `images` or
// `replicas` entry that set the judged value), so that the user edits the line that set it.
Finding transformer_finding(std::string_view rule, Severity severity, const ObjectContext& object,
                            const Transformation& by, Position at, std::string json_path,
                            std::string message);
// Appends `finding` unless `seen` holds the same one (rule, place and message): a value judged
// through several chains is reported once.
void add_once(FindingList& out, std::set<std::string>& seen, Finding finding);

}  // namespace pushgate
