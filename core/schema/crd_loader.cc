#include "core/schema/crd_loader.h"

#include <fstream>
#include <sstream>

#include "core/schema/document_json.h"
#include "core/schema/json_pointer.h"

namespace pushgate {
namespace {

using nlohmann::json;

constexpr std::string_view kRule = "schema/invalid-crd";

Finding crd_finding(const ParsedFile& file, const Document& doc, NodeRef at, Severity severity,
                    std::string message) {
  Finding f =
      Finding::at(std::string(kRule), severity, file.path, at.position(), std::move(message));
  f.document = doc.index();
  return f;
}

// The API server accepts apiVersion, kind and metadata on every custom object whether or not the
// schema lists them; a strict schema must too.
void add_object_root_fields(json& schema) {
  if (!schema.is_object()) return;
  auto properties = schema.find("properties");
  if (properties == schema.end() || !properties->is_object()) return;
  if (!properties->contains("apiVersion")) (*properties)["apiVersion"] = {{"type", "string"}};
  if (!properties->contains("kind")) (*properties)["kind"] = {{"type", "string"}};
  if (!properties->contains("metadata")) (*properties)["metadata"] = {{"type", "object"}};
}

void load_version(const ParsedFile& file, const Document& doc, const std::string& crd_name,
                  const GroupVersionKind& kind, NodeRef schema_node,
                  const KubernetesSchemaOptions& options, CrdLoad& out) {
  json schema = document_to_json(schema_node);
  add_object_root_fields(schema);
  CompiledSchema compiled = CompiledSchema::compile(schema, kubernetes_compile_options(options));
  if (!compiled.ok()) {
    // Point at the schema node the error names ("#/properties/spec/pattern").
    NodeRef at = schema_node;
    std::string location = compiled.error_location();
    if (location.rfind('#', 0) == 0) {
      Result<std::vector<std::string>> tokens = parse_json_pointer(location.substr(1));
      if (tokens) {
        // Walk as far as the document goes: the error may name a keyword inside the node.
        std::vector<std::string> path = tokens.value();
        while (!path.empty() && !node_at_json_pointer(schema_node, path)) path.pop_back();
        at = node_at_json_pointer(schema_node, path);
      }
    }
    out.findings.push_back(
        crd_finding(file, doc, at, Severity::kError,
                    "CustomResourceDefinition " + crd_name + ", version " + kind.version +
                        ": the openAPIV3Schema cannot be used: " + compiled.error().message +
                        "; objects of this kind are not validated until it is fixed"));
    return;
  }
  out.schemas.add(kind, std::make_shared<const CompiledSchema>(std::move(compiled)));
}

void load_crd(const ParsedFile& file, const Document& doc, const KubernetesSchemaOptions& options,
              CrdLoad& out) {
  NodeRef root = doc.root();
  std::string_view api_version = root.get_string("apiVersion");
  if (root.get_string("kind") != "CustomResourceDefinition" ||
      (api_version != "apiextensions.k8s.io/v1" && api_version != "apiextensions.k8s.io/v1beta1")) {
    return;
  }
  ++out.crds;
  NodeRef spec = root.get("spec");
  std::string crd_name(root.get("metadata").get_string("name"));
  std::string group(spec.get_string("group"));
  std::string kind_name(spec.get("names").get_string("kind"));
  if (group.empty() || kind_name.empty()) {
    out.findings.push_back(crd_finding(file, doc, spec ? spec : root, Severity::kError,
                                       "CustomResourceDefinition " + crd_name +
                                           " needs spec.group and spec.names.kind; add them"));
    return;
  }
  // v1beta1: one schema for every version, unless a version has its own.
  NodeRef shared_schema = spec.get("validation").get("openAPIV3Schema");
  NodeRef versions = spec.get("versions");
  auto served = [](NodeRef version) {
    NodeRef flag = version.get("served");
    return !flag || flag.kind() != NodeKind::kBool || flag.as_bool();
  };
  bool any = false;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    NodeRef version = versions.item(i);
    std::string name(version.get_string("name"));
    if (name.empty() || !served(version)) continue;
    any = true;
    NodeRef schema = version.get("schema").get("openAPIV3Schema");
    if (!schema) schema = shared_schema;
    GroupVersionKind kind{group, name, kind_name};
    if (!schema.is_mapping()) {
      out.findings.push_back(crd_finding(
          file, doc, version, Severity::kWarning,
          "CustomResourceDefinition " + crd_name + ", version " + name +
              " has no openAPIV3Schema, so its objects cannot be validated; add a schema"));
      continue;
    }
    load_version(file, doc, crd_name, kind, schema, options, out);
  }
  if (!any && !spec.get_string("version").empty() && shared_schema.is_mapping()) {
    // v1beta1 with the single `version` field.
    GroupVersionKind kind{group, std::string(spec.get_string("version")), kind_name};
    load_version(file, doc, crd_name, kind, shared_schema, options, out);
  }
}

}  // namespace

CrdLoad load_crds(const ParsedFile& file, const KubernetesSchemaOptions& options) {
  CrdLoad out;
  for (const Document& doc : file.documents) load_crd(file, doc, options, out);
  return out;
}

CrdLoad load_crd_file(const std::string& path, const KubernetesSchemaOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    CrdLoad out;
    out.findings.push_back(Finding::at(std::string(kRule), Severity::kError, path, {},
                                       "cannot open the CRD file; check the path"));
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  bool is_json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  // CRDs are large (Argo CD's ApplicationSet is 1.4 MB), larger than a manifest may be.
  ParseLimits limits;
  limits.max_bytes = 16 * 1024 * 1024;
  ParsedFile file =
      is_json ? parse_json(path, text.str(), limits) : parse_yaml(path, text.str(), limits);
  CrdLoad out = load_crds(file, options);
  out.findings.insert(out.findings.begin(), file.findings.begin(), file.findings.end());
  return out;
}

}  // namespace pushgate
