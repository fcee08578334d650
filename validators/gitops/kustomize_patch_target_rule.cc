#include "validators/gitops/kustomize_patch_target_rule.h"

#include <set>

#include "core/kustomize/applied_form.h"
#include "core/tree/kustomization_file.h"
#include "validators/applied_forms.h"

namespace pushgate {
namespace {

// One object kustomize may patch, under each name a patch may use for it.
struct Target {
  std::string api_version;
  std::string kind;
  std::string namespace_;
  std::vector<std::string> names;  // as written, then after the inner prefixes and suffixes
  const ParsedFile* file = nullptr;
  NodeRef labels;
};

bool targeted(const FieldPatch& patch, const std::vector<Target>& targets) {
  for (const Target& target : targets) {
    for (const std::string& name : target.names) {
      if (patch_applies(patch, AppliedObject{target.api_version, target.kind, target.namespace_,
                                             name, target.labels})) {
        return true;
      }
    }
  }
  return false;
}

std::string describe(const FieldPatch& patch) {
  std::string out;
  auto add = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : ", ") + std::string(key) + " `" + value + "`";
  };
  add("kind", patch.kind);
  add("name", patch.name);
  add("namespace", patch.namespace_);
  add("group", patch.group);
  add("labelSelector", patch.label_selector);
  return out.empty() ? "every object" : out;
}

}  // namespace

void KustomizePatchTargetRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  std::set<std::string, std::less<>> touched;
  for (const Entry& entry : run.changed) touched.insert(entry.path);
  for (const std::string& path : run.deleted) touched.insert(path);
  if (touched.empty()) return;
  // Built once per run, shared with the other rules that judge objects as applied.
  const std::shared_ptr<const AppliedForms> shared_forms = run_applied_forms(run);
  const AppliedForms& forms = *shared_forms;
  for (const Entry& entry : run.tree->entries()) {
    if (!is_kustomization_path(entry.path)) continue;
    const std::string folder(parent_folder(entry.path));
    std::vector<const Transformation*> reached;
    const std::vector<AppliedForms::Rendered> rendered = forms.render(folder, &reached);
    if (reached.empty() || reached.front()->origin != entry.path) continue;  // not the one read
    const Transformation& own = *reached.front();
    if (own.patches.empty()) continue;
    // A Component's patches apply to what the kustomization including it renders, not to its
    // own resources: judged there, never here.
    if (const TreeFile* file = run.tree->file(entry.path);
        file == nullptr || file->parsed == nullptr ||
        kustomization_root(*file->parsed).get_string("kind") == "Component") {
      continue;
    }
    bool judged = touched.contains(entry.path);
    bool opaque = false;
    for (const Transformation* t : reached) {
      judged = judged || touched.contains(t->origin);
      opaque = opaque || t->opaque;
    }
    for (const AppliedForms::Rendered& file : rendered)
      judged = judged || touched.contains(file.file);
    if (!judged || opaque) continue;
    std::vector<Target> targets;
    for (const Transformation* t : reached) {
      for (const auto& [kind, name] : t->generated) {
        targets.push_back(Target{"v1", kind, "", {name}, nullptr, NodeRef()});
      }
    }
    for (const AppliedForms::Rendered& file : rendered) {
      const TreeFile* tree_file = run.tree->file(file.file);
      if (tree_file == nullptr || tree_file->parsed == nullptr || !tree_file->parsed->complete ||
          !tree_file->parsed->findings.empty()) {
        opaque = true;  // missing (gitops/kustomize-reference says so) or not readable
        break;
      }
      // The names the inner kustomizations give it (the chain up to this one, itself excluded).
      std::string prefix, suffix, namespace_;
      for (const Transformation* t : file.chain) {
        if (t == &own) break;
        prefix = t->name_prefix + prefix;
        suffix += t->name_suffix;
        if (!t->namespace_.empty()) namespace_ = t->namespace_;
      }
      const FileContext context{*tree_file->parsed, {}};
      for_each_object(context, [&](const ObjectContext& object) {
        Target target{std::string(object.api_version),
                      std::string(object.kind),
                      std::string(object.namespace_),
                      {std::string(object.name)},
                      tree_file->parsed,
                      object.root.get("metadata").get("labels")};
        if (!prefix.empty() || !suffix.empty()) {
          target.names.push_back(prefix + std::string(object.name) + suffix);
        }
        if (!namespace_.empty() && namespace_ != object.namespace_) {
          Target moved = target;  // in the namespace the inner kustomizations give it
          moved.namespace_ = namespace_;
          targets.push_back(std::move(moved));
        }
        targets.push_back(std::move(target));
      });
    }
    if (opaque) continue;
    std::set<std::pair<std::uint32_t, std::uint32_t>> reported;  // one finding a list item
    for (const FieldPatch& patch : own.patches) {
      if (targeted(patch, targets)) continue;
      if (!reported.insert({patch.position.line, patch.position.column}).second) continue;
      out.push_back(Finding::at(
          std::string(rule()), Severity::kWarning, entry.path, patch.position,
          "this patch targets " + describe(patch) + ", which nothing this kustomization renders " +
              "matches" +
              (patch.explicit_target
                   ? ": it changes nothing; fix its target, or remove it"
                   : ": kustomize refuses the build (\"failed to find unique target for "
                     "patch\"); fix its kind and metadata.name, or remove it")));
    }
  }
}

}  // namespace pushgate
