#include "validators/applied_forms.h"

#include <map>
#include <set>

#include "core/document/sops.h"
#include "core/tree/kustomization_file.h"
#include "core/schema/document_json.h"

namespace pushgate {
namespace {

bool is_flux_kustomization(std::string_view api_version, std::string_view kind) {
  return kind == "Kustomization" && api_version.starts_with("kustomize.toolkit.fluxcd.io/");
}

bool transforms_something(const nlohmann::json& spec) {
  return spec.is_object() && (spec.contains("patches") || spec.contains("targetNamespace") ||
                              spec.contains("commonMetadata") || spec.contains("postBuild"));
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

void add_flux(AppliedForms& forms, const RunContext& run, std::string origin,
              const nlohmann::json& spec) {
  if (!transforms_something(spec)) return;
  auto path = spec.find("path");
  const std::string folder =
      path != spec.end() && path->is_string() ? path->get<std::string>() : "";
  Transformation transformation = flux_transformation(std::move(origin), spec);
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

}  // namespace

AppliedObject applied_object(const ObjectContext& object) {
  return AppliedObject{object.api_version, object.kind, object.namespace_, object.name,
                       object.root.get("metadata").get("labels")};
}

AppliedForms applied_forms(const RunContext& run) {
  AppliedForms forms;
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
      }
    }
    for (const InventoryObject& object : run.tree->inventory().of_kind("Kustomization")) {
      if (!is_flux_kustomization(object.object->api_version, object.object->kind)) continue;
      if (object.object->body.is_object() && object.object->body.contains("spec")) {
        add_flux(forms, run, object.entry->path, object.object->body.at("spec"));
      }
    }
  }
  for (const FileContext& file : run.files) {
    if (is_kustomization_path(file.file.path) && !seen.contains(file.file.path)) {
      forms.add_kustomization(file.file.path, file.file, read);
    }
    if (run.tree != nullptr) continue;  // the inventory held the run's Flux objects
    for_each_object(file, [&](const ObjectContext& object) {
      if (!is_flux_kustomization(object.api_version, object.kind)) return;
      add_flux(forms, run, file.file.path, document_to_json(object.root.get("spec")));
    });
  }
  forms.finish();
  return forms;
}

}  // namespace pushgate
