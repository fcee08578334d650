#pragma once
// The Flux objects of a tree by kind, for rules that resolve a reference (kind, name, namespace)
// against the tree's object inventory (core/tree/object_inventory.h) rather than by parsing.
// Each object is in the namespace it is applied in (AppliedNamespaces: an enclosing
// kustomization's `namespace:`, a Flux `targetNamespace`, an Argo CD `kustomize.namespace` over
// what it states); namespaces are compared only when both sides are known, since an object
// applied without one gets the applier's default, which the tree does not say. An
// ArtifactGenerator (Flux 2.7) defines the ExternalArtifacts its spec.artifacts name, in its own
// namespace.
//
//   const FluxTree& tree = flux_tree(*run.tree);   // one per run, shared
//   if (tree.lookup.find("GitRepository", "flux-system", "flux-system").empty()) ...
//   const std::string ns = tree.namespaces.of(object);   // as applied
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/kustomize/applied_form.h"
#include "core/tree/object_inventory.h"
#include "core/tree/tree_view.h"

namespace pushgate {

// The namespace each Flux object of a tree is applied in: what the transformations that apply its
// file set (validators/applied_forms.h, core/kustomize/applied_form.h applied_namespace()) over
// what it states; "" when unknown (unset and set by nothing, or set differently by different
// ways of applying the file).
class AppliedNamespaces {
 public:
  explicit AppliedNamespaces(const TreeView& tree);
  AppliedNamespaces(const AppliedNamespaces&) = delete;  // by_file_ points into forms_
  AppliedNamespaces& operator=(const AppliedNamespaces&) = delete;
  // `object` is one of the tree's inventory objects, or one of another tree's in a file of the
  // same path (an unchanged file judged against the tree before the change).
  std::string of(const InventoryObject& object) const;
  // The same for an object of the file `path` that states `stated` (a parsed document's object,
  // not the inventory's).
  std::string of(std::string_view path, std::string_view stated) const;

 private:
  AppliedForms forms_;
  // Per file holding a Flux object and applied by some transformation: the ways it is applied.
  std::map<std::string, std::vector<std::vector<const Transformation*>>, std::less<>> by_file_;
  std::set<std::string, std::less<>> truncated_;  // files applied in more ways than are followed
};

class FluxObjectLookup {
 public:
  FluxObjectLookup(const ObjectInventory& inventory, const AppliedNamespaces& namespaces);
  // The objects of `kind` (a *.toolkit.fluxcd.io group) named `name` whose namespace agrees
  // with `namespace_` ("" agrees with any).
  std::vector<InventoryObject> find(std::string_view kind, std::string_view name,
                                    std::string_view namespace_) const;
  // True when the tree defines any Flux object of `kind`.
  bool defines_kind(std::string_view kind) const;
  // True when some object of `kind` has a name with a Flux postBuild variable (`${APP}`): any
  // name may be it once substituted, so a name not found is no proof of a broken reference.
  bool has_templated_name(std::string_view kind) const { return templated_.contains(kind); }
  // True when a `gotk-sync.yaml` of the tree defines a GitRepository or OCIRepository: the
  // sources `flux bootstrap` writes are then kept in the tree, not only in the cluster.
  bool bootstrap_sync_in_tree() const { return bootstrap_sync_in_tree_; }
  // The nearest name of `kind` (namespace agreeing) to `name`, for "did you mean"; "" if none.
  // Remembered per question: a tree where thousands of objects name the same missing one (a
  // shared dependsOn) asks it thousands of times. Safe from several threads: the whole-run
  // rules that share one lookup (flux_tree()) may run side by side.
  std::string closest(std::string_view kind, std::string_view name,
                      std::string_view namespace_) const;
  // For a reference to `kind` `name` that finds nothing in its namespace: "; ..." saying the
  // namespace an object of that kind and name is applied in, or "" when the tree has none (or
  // only in unknown namespaces).
  std::string other_namespace_hint(std::string_view kind, std::string_view name) const;

 private:
  template <typename Add>
  void add_generated(const InventoryObject& generator, const Add& add);
  const AppliedNamespaces& namespaces_;
  std::map<std::string, std::vector<InventoryObject>, std::less<>> by_kind_;
  // The same objects by "kind\0name": find() is asked once per reference, and a tree can hold
  // thousands of objects of one kind.
  std::map<std::string, std::vector<InventoryObject>, std::less<>> by_kind_and_name_;
  // The ExternalArtifacts that ArtifactGenerators of the tree produce (spec.artifacts[].name).
  std::deque<SummarizedObject> generated_;
  std::set<std::string, std::less<>> templated_;  // kinds with a templated name
  bool bootstrap_sync_in_tree_ = false;
  // closest(): the candidate names per kind and namespace, and the answers given (under mutex_;
  // map nodes never move, so a list found under the lock is read after it).
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::vector<std::string_view>, std::less<>> names_;
  mutable std::map<std::string, std::string, std::less<>> closest_;
};

// What a Flux rule judges an object against: one tree, its inventory, the namespaces its Flux
// objects are applied in, its Flux objects by kind.
struct FluxTree {
  explicit FluxTree(const TreeView& tree)
      : view(tree), inventory(tree.inventory()), namespaces(tree), lookup(inventory, namespaces) {}
  const TreeView& view;
  const ObjectInventory& inventory;
  AppliedNamespaces namespaces;
  FluxObjectLookup lookup;
};

// The FluxTree of `tree`, built on first use and shared by every rule of the run
// (TreeView::shared): one lookup of the tree's Flux objects per run, not one per rule.
inline const FluxTree& flux_tree(const TreeView& tree) {
  return tree.shared<FluxTree>(tree);
}

// True for a name with a Flux postBuild variable (`${APP}`), unknown until Flux substitutes it.
inline bool is_templated(std::string_view name) {
  return name.find("${") != std::string_view::npos;
}

// True when `a` and `b` may be the same namespace: equal, or either unstated or templated.
inline bool namespaces_agree(std::string_view a, std::string_view b) {
  return a.empty() || b.empty() || a == b || is_templated(a) || is_templated(b);
}

// "namespace/name", or "name" when the namespace is unstated (for messages and options).
std::string qualified_name(std::string_view namespace_, std::string_view name);

// True when `external` (option entries "name" or "namespace/name") lists the object.
bool listed_external(const std::vector<std::string>& external, std::string_view namespace_,
                     std::string_view name);

}  // namespace pushgate
