#include "validators/gitops/flux_object_lookup.h"

#include <algorithm>

#include "core/base/did_you_mean.h"
#include "validators/applied_forms.h"

namespace pushgate {

namespace {

bool is_flux_object(const SummarizedObject& o) {
  return o.group().ends_with("fluxcd.io");
}

// The ways of applying a file that are followed before its namespace counts as unknown.
constexpr std::size_t kMaxChains = 64;

}  // namespace

AppliedNamespaces::AppliedNamespaces(const TreeView& tree) {
  RunContext run;  // the tree alone: applied_forms() reads what it needs from it
  run.tree = &tree;
  forms_ = applied_forms(run);
  if (forms_.empty()) return;
  for (const InventoryFile& file : tree.inventory().files()) {
    const auto& objects = file.summary->objects;
    if (std::none_of(objects.begin(), objects.end(), is_flux_object)) continue;
    std::vector<std::vector<const Transformation*>> chains =
        forms_.chains(file.entry->path, kMaxChains, AppliedForms::Reach::kBuilt);
    if (chains.size() >= kMaxChains) truncated_.insert(file.entry->path);
    if (!chains.empty()) by_file_.emplace(file.entry->path, std::move(chains));
  }
}

std::string AppliedNamespaces::of(const InventoryObject& object) const {
  return of(object.entry->path, object.object->namespace_);
}

std::string AppliedNamespaces::of(std::string_view path, std::string_view stated) const {
  const auto it = by_file_.find(path);
  if (it == by_file_.end()) return std::string(stated);
  return applied_namespace(it->second, stated, truncated_.contains(path));
}

FluxObjectLookup::FluxObjectLookup(const ObjectInventory& inventory,
                                   const AppliedNamespaces& namespaces)
    : namespaces_(namespaces) {
  auto add = [&](const InventoryObject& o) {
    if (is_templated(o.object->name)) templated_.insert(o.object->kind);
    auto it = by_kind_.find(o.object->kind);
    if (it == by_kind_.end()) {
      it = by_kind_.emplace(o.object->kind, std::vector<InventoryObject>{}).first;
    }
    it->second.push_back(o);
    by_kind_and_name_[o.object->kind + '\0' + o.object->name].push_back(o);
  };
  for (const InventoryObject& o : inventory.objects()) {
    if (!is_flux_object(*o.object) || o.object->name.empty()) continue;
    if (o.object->kind == "ArtifactGenerator") add_generated(o, add);
    if (o.object->group().ends_with("toolkit.fluxcd.io")) add(o);
    if ((o.object->kind == "GitRepository" || o.object->kind == "OCIRepository") &&
        o.entry != nullptr &&
        (o.entry->path == "gotk-sync.yaml" || o.entry->path.ends_with("/gotk-sync.yaml"))) {
      bootstrap_sync_in_tree_ = true;
    }
  }
}

template <typename Add>
void FluxObjectLookup::add_generated(const InventoryObject& generator, const Add& add) {
  const nlohmann::json& body = generator.object->body.json();
  if (!body.is_object() || !body.contains("spec") || !body["spec"].is_object()) return;
  const auto artifacts = body["spec"].find("artifacts");
  if (artifacts == body["spec"].end() || !artifacts->is_array()) return;
  for (const nlohmann::json& artifact : *artifacts) {
    if (!artifact.is_object() || !artifact.contains("name") || !artifact["name"].is_string()) {
      continue;
    }
    SummarizedObject& made = generated_.emplace_back();
    made.kind = "ExternalArtifact";
    made.name = artifact["name"].get<std::string>();
    made.namespace_ = generator.object->namespace_;
    made.document = generator.object->document;
    made.position = generator.object->position;
    add(InventoryObject{generator.entry, &made, generator.file});
  }
}

std::vector<InventoryObject> FluxObjectLookup::find(std::string_view kind, std::string_view name,
                                                    std::string_view namespace_) const {
  std::vector<InventoryObject> out;
  const auto it = by_kind_and_name_.find(std::string(kind) + '\0' + std::string(name));
  if (it == by_kind_and_name_.end()) return out;
  for (const InventoryObject& o : it->second) {
    if (namespaces_agree(namespaces_.of(o), namespace_)) out.push_back(o);
  }
  return out;
}

bool FluxObjectLookup::defines_kind(std::string_view kind) const {
  return by_kind_.contains(kind);
}

std::string FluxObjectLookup::closest(std::string_view kind, std::string_view name,
                                      std::string_view namespace_) const {
  const auto it = by_kind_.find(kind);
  if (it == by_kind_.end()) return {};
  std::string key = std::string(kind) + '\0' + std::string(namespace_);
  const std::vector<std::string_view>* names = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto known = names_.find(key);
    if (known == names_.end()) {
      std::vector<std::string_view> list;
      for (const InventoryObject& o : it->second) {
        if (namespaces_agree(namespaces_.of(o), namespace_)) list.push_back(o.object->name);
      }
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      known = names_.emplace(key, std::move(list)).first;
    }
    names = &known->second;
    key += '\0';
    key += name;
    if (auto answered = closest_.find(key); answered != closest_.end()) return answered->second;
  }
  // The distance search runs unlocked; two threads asking the same question get the same answer.
  std::string answer(closest_name(name, *names));
  std::lock_guard lock(mutex_);
  closest_.emplace(std::move(key), answer);
  return answer;
}

std::string FluxObjectLookup::other_namespace_hint(std::string_view kind,
                                                   std::string_view name) const {
  const auto it = by_kind_and_name_.find(std::string(kind) + '\0' + std::string(name));
  if (it == by_kind_and_name_.end()) return {};
  for (const InventoryObject& o : it->second) {
    if (const std::string there = namespaces_.of(o); !there.empty() && !is_templated(there)) {
      return "; the " + std::string(kind) + " `" + std::string(name) +
             "` of the tree is applied in namespace `" + there + "`: set `namespace: " + there +
             "` in the reference, or move one of them";
    }
  }
  return {};
}

std::string qualified_name(std::string_view namespace_, std::string_view name) {
  return namespace_.empty() ? std::string(name) : std::string(namespace_) + "/" + std::string(name);
}

bool listed_external(const std::vector<std::string>& external, std::string_view namespace_,
                     std::string_view name) {
  return std::any_of(external.begin(), external.end(), [&](const std::string& e) {
    return e == name || (!namespace_.empty() && e == qualified_name(namespace_, name));
  });
}

}  // namespace pushgate
