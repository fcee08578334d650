#include "validators/applied_forms.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "core/document/sops.h"
#include "core/schema/document_json.h"
#include "core/tree/kustomization_file.h"

namespace pushgate {
namespace {

bool is_flux_kustomization(std::string_view api_version, std::string_view kind) {
  return kind == "Kustomization" && api_version.starts_with("kustomize.toolkit.fluxcd.io/");
}

bool transforms_something(const nlohmann::json& spec) {
  return spec.is_object() &&
         (spec.contains("patches") || spec.contains("targetNamespace") ||
          spec.contains("commonMetadata") || spec.contains("postBuild") || spec.contains("images"));
}

// An Argo CD object whose sources Argo CD builds with their `kustomize` options: an Application,
// or an ApplicationSet, whose template (spec.template.spec) makes the Applications.
bool is_argo_application(std::string_view api_version, std::string_view kind) {
  return (kind == "Application" || kind == "ApplicationSet") &&
         api_version.starts_with("argoproj.io/");
}

// The spec that holds an Argo CD object's sources (is_argo_application): an Application's own,
// an ApplicationSet's template's (spec.template.spec); null JSON when absent.
const nlohmann::json& sources_spec(const nlohmann::json& spec, std::string_view kind) {
  static const nlohmann::json kNone;
  if (kind != "ApplicationSet") return spec;
  if (!spec.is_object()) return kNone;
  const auto t = spec.find("template");
  if (t == spec.end() || !t->is_object()) return kNone;
  const auto inner = t->find("spec");
  return inner == t->end() ? kNone : *inner;
}
NodeRef sources_spec(NodeRef spec, std::string_view kind) {
  return kind == "ApplicationSet" ? spec.get("template").get("spec") : spec;
}
// True when a summarized Argo CD object may have sources with kustomize options (cheap: the body
// is decoded only then).
bool may_have_sources(const ObjectBody& body, std::string_view kind) {
  return body.spec_has_any(kind == "ApplicationSet"
                               ? std::initializer_list<std::string_view>{"template"}
                               : std::initializer_list<std::string_view>{"source", "sources"});
}

// True for an ApplicationSet template's source whose path or kustomize options are templated
// (`{{ }}`): each generated Application gets other values, which are not known here.
bool is_templated_source(const nlohmann::json& source) {
  return is_argo_template(source["path"].get<std::string>()) ||
         is_argo_template(source["kustomize"].dump());
}

// True when a Flux Kustomization's spec, or an Argo CD Application's, sets images or replicas.
bool applier_sets_values(const nlohmann::json& spec) {
  if (!spec.is_object()) return false;
  if (spec.contains("images")) return true;
  auto sets = [](const nlohmann::json& source) {
    if (!source.is_object() || !source.contains("kustomize")) return false;
    const nlohmann::json& k = source["kustomize"];
    return k.is_object() && (k.contains("images") || k.contains("replicas"));
  };
  if (auto source = spec.find("source"); source != spec.end() && sets(*source)) return true;
  if (auto sources = spec.find("sources"); sources != spec.end() && sources->is_array()) {
    for (const nlohmann::json& source : *sources) {
      if (sets(source)) return true;
    }
  }
  return false;
}

// Gives the `images` and `replicas` settings that JSON left without a position the position of
// the list item (in `images`, `replicas` of the parsed object) that wrote them.
void locate_settings(Transformation& t, NodeRef images, NodeRef replicas) {
  for (ImageSetting& setting : t.images) {
    for (std::size_t i = 0; images.is_sequence() && i < images.size(); ++i) {
      const NodeRef item = images.item(i);
      const std::string_view text = item.is_string() ? item.text() : item.get_string("name");
      const bool named =
          text == setting.name ||
          (item.is_string() && text.starts_with(setting.name) &&
           std::string_view("=:@").find(text[setting.name.size()]) != std::string_view::npos);
      if (named) {
        setting.position = item.position();
        break;
      }
    }
  }
  for (ReplicaSetting& setting : t.replicas) {
    for (std::size_t i = 0; replicas.is_sequence() && i < replicas.size(); ++i) {
      if (replicas.item(i).get_string("name") == setting.name) {
        setting.position = replicas.item(i).position();
        break;
      }
    }
  }
}

// The parsed object the inventory summarized (its document, or the List item at its position).
NodeRef object_node(const ParsedFile& file, const SummarizedObject& object) {
  for (const Document& doc : file.documents) {
    if (doc.index() != static_cast<int>(object.document)) continue;
    const NodeRef root = doc.root();
    if (root.position() == object.position) return root;
    const NodeRef items = root.get("items");
    for (std::size_t i = 0; items.is_sequence() && i < items.size(); ++i) {
      if (items.item(i).position() == object.position) return items.item(i);
    }
  }
  return NodeRef();
}

// The string values of a ConfigMap's `data` or a Secret's `stringData` (its base64 `data` and
// SOPS-encrypted values stay unknown).
void read_source_values(NodeRef root, std::map<std::string, std::string>& out) {
  if (is_sops_document(root)) return;
  const NodeRef data = root.get(root.get_string("kind") == "Secret" ? "stringData" : "data");
  for (std::size_t i = 0; data.is_mapping() && i < data.size(); ++i) {
    if (data.key(i).is_scalar() && data.value(i).is_scalar()) {
      out[std::string(data.key(i).text())] = std::string(data.value(i).text());
    }
  }
}

// What the tree holds of a substituteFrom source, merged into `out` (later sources win).
void add_source_values(const RunContext& run, const Transformation::Source& source,
                       std::map<std::string, std::string>& out) {
  if (source.kind != "ConfigMap" && source.kind != "Secret") return;
  if (run.tree != nullptr) {
    for (const InventoryObject& object : run.tree->inventory().of_kind(source.kind)) {
      if (object.object->name != source.name || !object.object->api_version.starts_with("v1")) {
        continue;
      }
      const TreeFile* file = run.tree->file(object.entry->path);
      if (file == nullptr || file->parsed == nullptr) continue;
      for (const Document& doc : file->parsed->documents) {
        if (doc.index() == static_cast<int>(object.object->document)) {
          read_source_values(doc.root(), out);
        }
      }
    }
    return;
  }
  for (const FileContext& file : run.files) {
    for_each_object(file, [&](const ObjectContext& object) {
      if (object.kind == source.kind && object.name == source.name && object.api_version == "v1") {
        read_source_values(object.root, out);
      }
    });
  }
}

// A Flux Kustomization's spec; `node` its parsed object when at hand (for positions).
void add_flux(AppliedForms& forms, const RunContext& run, std::string origin,
              const nlohmann::json& spec, NodeRef node) {
  if (!transforms_something(spec)) return;
  auto path = spec.find("path");
  const std::string folder =
      path != spec.end() && path->is_string() ? path->get<std::string>() : "";
  Transformation transformation = flux_transformation(std::move(origin), spec);
  locate_settings(transformation, node.get("spec").get("images"), NodeRef());
  if (!transformation.substitute_from.empty()) {
    std::map<std::string, std::string> variables;
    for (const Transformation::Source& source : transformation.substitute_from) {
      add_source_values(run, source, variables);
    }
    // `substitute` wins over every source.
    for (auto& [key, value] : transformation.variables) variables[key] = std::move(value);
    transformation.variables = std::move(variables);
  }
  forms.add_flux(folder, std::move(transformation));
}

// The tree folder of an Argo CD source's `path` (as AppliedForms::add_flux reads it).
std::optional<std::string> argo_folder(const nlohmann::json& source) {
  const std::string path = source["path"].get<std::string>();
  return path_in_tree("", path.empty() ? "." : path);
}

// Each source of an Argo CD Application with `kustomize` options (spec.source, spec.sources[]);
// `spec` its sources_spec(), `spec_node` the same parsed when at hand (for positions); `read`
// gives its patch files. Templated sources (is_templated_source) are skipped.
void add_argo(AppliedForms& forms, std::string origin, const nlohmann::json& spec,
              NodeRef spec_node, const AppliedForms::Reader& read) {
  if (!spec.is_object()) return;
  auto add = [&](const nlohmann::json& source, NodeRef source_node) {
    if (!source.is_object() || !source.contains("kustomize") || !source.contains("path") ||
        !source["path"].is_string() || is_templated_source(source)) {
      return;
    }
    Transformation t = argo_transformation(origin, source["kustomize"]);
    const NodeRef kustomize = source_node.get("kustomize");
    locate_settings(t, kustomize.get("images"), kustomize.get("replicas"));
    if (const std::optional<std::string> folder = argo_folder(source)) {
      forms.add_components(*folder, add_argo_files(t, *folder, source["kustomize"], read));
    }
    forms.add_flux(source["path"].get<std::string>(), std::move(t));
  };
  if (auto source = spec.find("source"); source != spec.end())
    add(*source, spec_node.get("source"));
  if (auto sources = spec.find("sources"); sources != spec.end() && sources->is_array()) {
    const NodeRef list = spec_node.get("sources");
    for (std::size_t i = 0; i < sources->size(); ++i) {
      add((*sources)[i], list.is_sequence() && i < list.size() ? list.item(i) : NodeRef());
    }
  }
}

// Calls `visit` with each source (spec.source, spec.sources[]) of `spec` (a sources_spec()) that
// has a string `path` and `kustomize` options, neither templated.
void for_each_kustomize_source(const nlohmann::json& spec,
                               const std::function<void(const nlohmann::json&)>& visit) {
  auto one = [&](const nlohmann::json& source) {
    if (source.is_object() && source.contains("kustomize") && source.contains("path") &&
        source["path"].is_string() && !is_templated_source(source)) {
      visit(source);
    }
  };
  if (!spec.is_object()) return;
  if (auto source = spec.find("source"); source != spec.end()) one(*source);
  if (auto sources = spec.find("sources"); sources != spec.end() && sources->is_array()) {
    for (const nlohmann::json& source : *sources) one(source);
  }
}

// The folders the Flux Kustomizations (spec.path) and Argo CD Applications (each kustomize
// source's path) in files the run changed apply: what is there renders as they say, so a push
// that changes only their images or replicas changes what the files there run.
std::set<std::string> changed_applier_folders(const RunContext& run) {
  std::set<std::string> out;
  std::set<std::string_view> changed;
  for (const Entry& entry : run.changed) changed.insert(entry.path);
  for (const char* kind : {"Kustomization", "Application", "ApplicationSet"}) {
    for (const InventoryObject& object : run.tree->inventory().of_kind(kind)) {
      // Only the changed ones are decoded.
      if (!changed.contains(object.entry->path)) continue;
      const nlohmann::json& body = object.object->body.json();
      if (!body.is_object() || !body.contains("spec")) continue;
      const nlohmann::json& spec = body.at("spec");
      if (is_flux_kustomization(object.object->api_version, kind)) {
        const auto path = spec.find("path");
        const std::string text =
            path != spec.end() && path->is_string() ? path->get<std::string>() : "";
        if (std::optional<std::string> folder = path_in_tree("", text.empty() ? "." : text)) {
          out.insert(std::move(*folder));
        }
      } else if (is_argo_application(object.object->api_version, kind)) {
        for_each_kustomize_source(sources_spec(spec, kind), [&out](const nlohmann::json& source) {
          if (std::optional<std::string> folder = argo_folder(source))
            out.insert(std::move(*folder));
        });
      }
    }
  }
  return out;
}

// The parsed object of an inventory entry, when the tree can parse its file (for positions).
NodeRef parsed_object(const RunContext& run, const InventoryObject& object) {
  const TreeFile* file = run.tree->file(object.entry->path);
  return file != nullptr && file->parsed != nullptr ? object_node(*file->parsed, *object.object)
                                                    : NodeRef();
}

}  // namespace

bool is_argo_template(std::string_view text) {
  return text.find("{{") != std::string_view::npos;
}

AppliedObject applied_object(const ObjectContext& object) {
  return AppliedObject{object.api_version, object.kind, object.namespace_, object.name,
                       object.root.get("metadata").get("labels")};
}

namespace {

bool sets_values(const ParsedFile& file) {
  const NodeRef root = kustomization_root(file);
  return root && (root.get("images").is_sequence() || root.get("replicas").is_sequence());
}

// What one look at the kustomizations and the Flux and Argo CD bodies of a run gives: the applied
// forms, and whether some kustomization, Flux Kustomization or Argo CD Application of the tree
// (or of the run, without a tree) sets images or replicas (AppliedValues builds on it only then).
struct AppliedBuild {
  AppliedForms forms;
  bool sets_values = false;
};

AppliedBuild build_applied(const RunContext& run) {
  AppliedBuild built;
  AppliedForms& forms = built.forms;
  bool& any = built.sets_values;
  std::map<std::string_view, const ParsedFile*> run_files;
  for (const FileContext& file : run.files) run_files.emplace(file.file.path, &file.file);
  auto read = [&run, &run_files](std::string_view path) -> const ParsedFile* {
    if (auto it = run_files.find(path); it != run_files.end()) return it->second;
    if (run.tree != nullptr) {
      if (const TreeFile* file = run.tree->file(path); file && file->parsed) return file->parsed;
    }
    return nullptr;
  };
  std::set<std::string, std::less<>> seen;
  if (run.tree != nullptr) {
    for (const Entry& entry : run.tree->entries()) {
      if (!is_kustomization_path(entry.path)) continue;
      if (const ParsedFile* parsed = read(entry.path)) {
        forms.add_kustomization(entry.path, *parsed, read);
        seen.insert(entry.path);
        any = any || sets_values(*parsed);
      }
      // The tree's own parse too, where a run's file stands in for it.
      const TreeFile* file = run.tree->file(entry.path);
      any = any || (file != nullptr && file->parsed != nullptr && sets_values(*file->parsed));
    }
    for (const InventoryObject& object : run.tree->inventory().of_kind("Kustomization")) {
      if (!is_flux_kustomization(object.object->api_version, object.object->kind)) continue;
      // Most transform nothing and set nothing: their bodies stay undecoded.
      if (!object.object->body.spec_has_any({"patches", "targetNamespace", "commonMetadata",
                                             "postBuild", "images", "source", "sources"})) {
        continue;
      }
      const nlohmann::json& spec = object.object->body.json().at("spec");
      any = any || applier_sets_values(spec);
      if (transforms_something(spec)) {
        // Parsed for positions only when it sets images (the rules report at them).
        add_flux(forms, run, object.entry->path, spec,
                 spec.contains("images") ? parsed_object(run, object) : NodeRef());
      }
    }
    for (const char* kind : {"Application", "ApplicationSet"}) {
      for (const InventoryObject& object : run.tree->inventory().of_kind(kind)) {
        if (!is_argo_application(object.object->api_version, object.object->kind)) continue;
        // add_argo() and applier_sets_values() read spec.images, spec.source and spec.sources
        // (of the template) only.
        const ObjectBody& body = object.object->body;
        if (!body.spec_has_any({"images", "source", "sources", "template"})) continue;
        const nlohmann::json& spec = body.json().at("spec");
        any = any || applier_sets_values(sources_spec(spec, kind));
        if (!may_have_sources(body, kind)) continue;
        add_argo(forms, object.entry->path, sources_spec(spec, kind),
                 sources_spec(parsed_object(run, object).get("spec"), kind), read);
      }
    }
  }
  for (const FileContext& file : run.files) {
    if (is_kustomization_path(file.file.path)) {
      any = any || sets_values(file.file);
      if (!seen.contains(file.file.path)) forms.add_kustomization(file.file.path, file.file, read);
    }
    if (run.tree != nullptr) continue;  // the inventory held the run's Flux objects
    for_each_object(file, [&](const ObjectContext& object) {
      if (is_flux_kustomization(object.api_version, object.kind)) {
        const nlohmann::json spec = document_to_json(object.root.get("spec"));
        any = any || applier_sets_values(spec);
        add_flux(forms, run, file.file.path, spec, object.root);
      } else if (is_argo_application(object.api_version, object.kind)) {
        const NodeRef spec = sources_spec(object.root.get("spec"), object.kind);
        const nlohmann::json json = document_to_json(spec);
        any = any || applier_sets_values(json);
        add_argo(forms, file.file.path, json, spec, read);
      }
    });
  }
  forms.finish();
  return built;
}

// What a scope (AppliedRunScope) shares: built once, by the first caller.
struct RunShared {
  std::once_flag once;
  std::shared_ptr<const AppliedForms> forms;
  bool sets_values = false;
  std::once_flag values_once;
  std::shared_ptr<const AppliedValues> values;
};

struct Scopes {
  std::mutex mutex;
  std::map<const RunContext*, std::shared_ptr<RunShared>> open;
};
Scopes& scopes() {
  static Scopes s;
  return s;
}

// The shared build of `run`'s open scope, built now if not yet; null when no scope is open.
std::shared_ptr<RunShared> shared_of(const RunContext& run) {
  std::shared_ptr<RunShared> shared;
  {
    Scopes& s = scopes();
    const std::lock_guard lock(s.mutex);
    const auto it = s.open.find(&run);
    if (it == s.open.end()) return nullptr;
    shared = it->second;
  }
  std::call_once(shared->once, [&] {
    AppliedBuild built = build_applied(run);
    shared->forms = std::make_shared<const AppliedForms>(std::move(built.forms));
    shared->sets_values = built.sets_values;
  });
  return shared;
}

}  // namespace

AppliedForms applied_forms(const RunContext& run) {
  return build_applied(run).forms;
}

AppliedRunScope::AppliedRunScope(const RunContext& run) : run_(&run) {
  Scopes& s = scopes();
  const std::lock_guard lock(s.mutex);
  owner_ = s.open.emplace(run_, std::make_shared<RunShared>()).second;
}

AppliedRunScope::~AppliedRunScope() {
  if (!owner_) return;
  Scopes& s = scopes();
  const std::lock_guard lock(s.mutex);
  s.open.erase(run_);
}

std::shared_ptr<const AppliedForms> run_applied_forms(const RunContext& run) {
  if (const std::shared_ptr<RunShared> shared = shared_of(run)) return shared->forms;
  return std::make_shared<const AppliedForms>(applied_forms(run));
}

std::shared_ptr<const AppliedValues> run_applied_values(const RunContext& run) {
  const std::shared_ptr<RunShared> shared = shared_of(run);
  if (shared == nullptr) return std::make_shared<const AppliedValues>(run);
  std::call_once(shared->values_once, [&] {
    shared->values.reset(new AppliedValues(run, shared->sets_values ? shared->forms : nullptr));
  });
  return shared->values;
}

AppliedValues::AppliedValues(const RunContext& run) : AppliedValues(run, nullptr) {
  AppliedBuild built = build_applied(run);
  if (built.sets_values)
    add_rendered(run, std::make_shared<const AppliedForms>(std::move(built.forms)));
}

AppliedValues::AppliedValues(const RunContext& run, std::shared_ptr<const AppliedForms> forms) {
  for (const FileContext& file : run.files) files_.push_back(file);
  own_ = files_.size();
  if (forms != nullptr) add_rendered(run, std::move(forms));
}

void AppliedValues::add_rendered(const RunContext& run, std::shared_ptr<const AppliedForms> forms) {
  forms_ = std::move(forms);
  std::set<std::string_view> run_paths;
  for (const FileContext& file : run.files) run_paths.insert(file.file.path);
  if (run.tree == nullptr) return;
  // A push that changes a kustomization's images or replicas changes what the files it renders
  // run as, though they did not change.
  std::set<std::string> extra;
  for (const Entry& changed : run.changed) {
    if (!is_kustomization_path(changed.path)) continue;
    const std::size_t slash = changed.path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : changed.path.substr(0, slash);
    for (const AppliedForms::Rendered& rendered : forms_->render(folder)) {
      if (!run_paths.contains(rendered.file)) extra.insert(rendered.file);
    }
  }
  // Likewise a push that changes only a Flux Kustomization's or an Argo CD Application's
  // images or replicas: every file under its path, and what the kustomizations there render.
  for (const std::string& folder : changed_applier_folders(run)) {
    for (const Entry& entry : run.tree->under(folder)) {
      if (is_kustomization_path(entry.path)) {
        const std::size_t slash = entry.path.rfind('/');
        for (const AppliedForms::Rendered& rendered :
             forms_->render(slash == std::string::npos ? "" : entry.path.substr(0, slash))) {
          if (!run_paths.contains(rendered.file)) extra.insert(rendered.file);
        }
      } else if (run.tree->selected(entry.path) && !run_paths.contains(entry.path)) {
        extra.insert(entry.path);
      }
    }
  }
  for (const std::string& path : extra) {
    const TreeFile* file = run.tree->file(path);
    if (file != nullptr && file->parsed != nullptr) {
      files_.push_back(FileContext{*file->parsed, file->content, run.ref});
    }
  }
}

std::vector<std::vector<const Transformation*>> AppliedValues::chains(std::string_view file) const {
  std::vector<std::vector<const Transformation*>> out;
  if (forms_) out = forms_->chains(file);
  if (out.empty()) out.emplace_back();
  return out;
}

void AppliedValues::visit_objects(const std::function<void(const Object&)>& visit) const {
  for (std::size_t i = 0; i < files_.size(); ++i) {
    const std::vector<std::vector<const Transformation*>> file_chains = chains(files_[i].file.path);
    ::pushgate::for_each_object(files_[i], [&](const ObjectContext& object) {
      visit(Object{files_[i], object, file_chains, own_file(i)});
    });
  }
}

std::set<std::string> argo_patch_files(const RunContext& run) {
  std::set<std::string> out;
  auto add = [&out](const nlohmann::json& spec) {
    for_each_kustomize_source(spec, [&out](const nlohmann::json& source) {
      if (const std::optional<std::string> folder = argo_folder(source)) {
        for (std::string& path : argo_patch_paths(*folder, source["kustomize"])) {
          out.insert(std::move(path));
        }
      }
    });
  };
  if (run.tree != nullptr) {
    for (const char* kind : {"Application", "ApplicationSet"}) {
      for (const InventoryObject& object : run.tree->inventory().of_kind(kind)) {
        // for_each_kustomize_source() reads spec.source and spec.sources (of the template) only.
        if (!is_argo_application(object.object->api_version, object.object->kind) ||
            !may_have_sources(object.object->body, kind)) {
          continue;
        }
        add(sources_spec(object.object->body.json().at("spec"), kind));
      }
    }
    return out;
  }
  for (const FileContext& file : run.files) {
    for_each_object(file, [&](const ObjectContext& object) {
      if (is_argo_application(object.api_version, object.kind)) {
        add(document_to_json(sources_spec(object.root.get("spec"), object.kind)));
      }
    });
  }
  return out;
}

Finding transformer_finding(std::string_view rule, Severity severity, const ObjectContext& object,
                            const Transformation& by, Position at, std::string json_path,
                            std::string message) {
  Finding f = Finding::at(std::string(rule), severity, by.origin, at, std::move(message));
  f.object = object.object_id();
  f.json_path = object.json_prefix + json_path;
  return f;
}

void add_once(FindingList& out, std::set<std::string>& seen, Finding finding) {
  std::string key = finding.rule + '\n' + finding.path + '\n' +
                    std::to_string(finding.position.line) + ':' +
                    std::to_string(finding.position.column) + '\n' + finding.message;
  if (seen.insert(std::move(key)).second) out.push_back(std::move(finding));
}

}  // namespace pushgate
