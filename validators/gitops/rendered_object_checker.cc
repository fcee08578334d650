#include "validators/gitops/rendered_object_checker.h"

#include <algorithm>

#include "core/document/field_lookup.h"
#include "core/document/node_equality.h"
#include "core/tree/kustomization_file.h"
#include "validators/k8s/image_rule.h"
#include "validators/k8s/replicas_minimum_rule.h"
#include "validators/k8s/selector_mismatch_rule.h"
#include "validators/schema/kubernetes_schema_validator.h"
#include "validators/schema/path_schema_validator.h"

namespace pushgate {
namespace {

bool defines_crds(const ParsedFile& file) {
  return std::any_of(file.documents.begin(), file.documents.end(), [](const Document& doc) {
    return doc.root().get_string("kind") == "CustomResourceDefinition";
  });
}

// The node at a finding's JSON path ("spec.containers[0].image"), or invalid.
NodeRef node_at(NodeRef root, const std::string& json_path) {
  if (json_path.empty()) return root;
  const FieldLookup lookup = find_field(root, json_path);
  return lookup.complete ? lookup.node : NodeRef();
}

// The document of `source` that kustomize read `rendered` from: the same kind and, among
// several, the one whose name the rendered name contains (a prefix or suffix may wrap it).
const Document* source_document(const ParsedFile& source, NodeRef rendered) {
  const std::string_view kind = rendered.get_string("kind");
  const std::string_view name = rendered.get("metadata").get_string("name");
  const Document* best = nullptr;
  std::size_t best_length = 0;
  std::size_t candidates = 0;
  for (const Document& doc : source.documents) {
    if (doc.root().get_string("kind") != kind) continue;
    ++candidates;
    const std::string_view source_name = doc.root().get("metadata").get_string("name");
    if (!source_name.empty() && name.find(source_name) != std::string_view::npos &&
        (best == nullptr || source_name.size() > best_length)) {
      best = &doc;
      best_length = source_name.size();
    }
    if (best == nullptr && candidates == 1) best = &doc;
  }
  return best;
}

std::string where(const std::string& path, Position at) {
  return path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

std::string display(NodeRef object) {
  std::string text(object.get_string("kind"));
  const std::string_view namespace_ = object.get("metadata").get_string("namespace");
  text += ' ';
  if (!namespace_.empty()) text += std::string(namespace_) + "/";
  text += object.get("metadata").get_string("name");
  return text;
}

}  // namespace

RenderedObjectChecker::RenderedObjectChecker(const ValidatorSet& validators, const Validator& self,
                                             const RunContext& run)
    : ref_(run.ref) {
  for (const auto& v : validators.all()) {
    // Path schemas map file names to schemas: a rendered stream has no name of its own.
    if (v.get() == &self || dynamic_cast<const PathSchemaValidator*>(v.get()) != nullptr) continue;
    // Whole-run rules that judge each object of the run (as applied: a rendered object is).
    if (dynamic_cast<const KubernetesSchemaValidator*>(v.get()) != nullptr ||
        dynamic_cast<const SelectorMismatchRule*>(v.get()) != nullptr ||
        dynamic_cast<const ImageRule*>(v.get()) != nullptr ||
        dynamic_cast<const ReplicasMinimumRule*>(v.get()) != nullptr) {
      run_rules_.push_back(v.get());
      if (dynamic_cast<const KubernetesSchemaValidator*>(v.get()) == nullptr &&
          dynamic_cast<const SelectorMismatchRule*>(v.get()) == nullptr) {
        applied_value_rules_.emplace(v->rule());
      }
    } else if (!v->wants_run()) {
      object_rules_.push_back(v.get());  // per-file rules; those not about objects find nothing
    }
  }
  for (const FileContext& file : run.files) {
    if (defines_crds(file.file)) crd_files_.push_back(file);
  }
}

FindingList RenderedObjectChecker::validate(const FileContext& file) const {
  FindingList found;
  for (const Validator* rule : object_rules_) rule->check_file(file, found);
  if (!run_rules_.empty()) {
    std::vector<FileContext> files = crd_files_;
    files.push_back(file);
    const RunContext run{.files = files, .ref = ref_, .commit = {}, .repository = {}, .pusher = {}};
    for (const Validator* rule : run_rules_) rule->check_run(run, found);
  }
  // Only the findings in `file`: the CRD files and the schema store are judged by the run itself.
  std::erase_if(found, [&](const Finding& f) { return f.path != file.file.path; });
  return found;
}

const std::set<RenderedObjectChecker::SourceKey>& RenderedObjectChecker::source_findings(
    const TreeView& tree, const std::string& path) {
  auto [it, inserted] = sources_.try_emplace({&tree, path});
  if (!inserted) return it->second;
  if (const TreeFile* file = tree.file(path); file != nullptr && file->parsed != nullptr) {
    for (const Finding& f : validate(FileContext{*file->parsed, file->content, ref_})) {
      it->second.emplace(f.document, f.rule, f.json_path);
    }
  }
  return it->second;
}

const AppliedForms& RenderedObjectChecker::forms_of(const TreeView& tree) {
  auto [it, inserted] = forms_.try_emplace(&tree);
  if (!inserted) return it->second;
  // Only the kustomizations: what one of them renders is all a build shows.
  auto read = [&tree](std::string_view path) -> const ParsedFile* {
    const TreeFile* file = tree.file(path);
    return file != nullptr ? file->parsed : nullptr;
  };
  for (const Entry& entry : tree.entries()) {
    if (!is_kustomization_path(entry.path)) continue;
    if (const ParsedFile* parsed = read(entry.path)) {
      it->second.add_kustomization(entry.path, *parsed, read);
    }
  }
  it->second.finish();
  return it->second;
}

bool RenderedObjectChecker::set_by_transformer(const TreeView& tree, const std::string& folder,
                                               const std::string& source_path, NodeRef source,
                                               NodeRef rendered, const Finding& f) {
  if (!applied_value_rules_.contains(f.rule)) return false;
  const bool replicas = f.json_path == "spec.replicas";
  // An image rule's finding is about a container's field: judge that container's image.
  const std::size_t dot = f.json_path.rfind('.');
  if (!replicas && (dot == std::string::npos || dot == 0 || f.json_path[dot - 1] != ']')) {
    return false;
  }
  const std::string field = replicas ? f.json_path : f.json_path.substr(0, dot) + ".image";
  const NodeRef written = node_at(source, field);
  const NodeRef have = node_at(rendered, field);
  if (!written || !have || same_value(written, have)) return false;  // not a transformer's
  for (const AppliedForms::Rendered& file : forms_of(tree).render(folder)) {
    if (file.file != source_path) continue;
    if (replicas) {
      const std::optional<AppliedReplicas> set = apply_replicas(
          file.chain, source.get_string("kind"), source.get("metadata").get_string("name"));
      if (set && have.kind() == NodeKind::kInt && set->count == have.as_int()) return true;
    } else if (written.is_string() && have.is_string()) {
      const AppliedImage set = apply_images(file.chain, written.text());
      if (set.by != nullptr && set.image == have.text()) return true;
    }
  }
  return false;
}

FindingList RenderedObjectChecker::check(const TreeView& tree, const std::string& kustomization,
                                         const KustomizeBuild& build) {
  ParseLimits limits;
  limits.max_bytes = std::max<std::size_t>(build.output.size(), limits.max_bytes);
  limits.max_expanded_nodes = 64'000'000;  // kustomize prints no aliases: nodes as printed
  const std::string folder(parent_folder(kustomization));
  // Named apart from the kustomization: rules that read kustomization files by name must not
  // take the rendered objects for one.
  const ParsedFile rendered = parse_yaml(
      (folder.empty() ? "" : folder + "/") + "kustomize-build.rendered.yaml", build.output, limits);
  const std::string built = "`kustomize build " + (folder.empty() ? "." : folder) + "`";
  Position kustomization_start{1, 1};
  if (const TreeFile* file = tree.file(kustomization); file && file->parsed) {
    if (!file->parsed->documents.empty()) {
      kustomization_start = file->parsed->documents.front().root().position();
    }
  }

  FindingList out;
  if (!rendered.complete) {
    std::string why = rendered.findings.empty() ? "" : ": " + rendered.findings.front().message;
    out.push_back(Finding::at("gitops/kustomize-build", Severity::kError, kustomization,
                              kustomization_start,
                              built + " printed output that does not read as YAML" + why));
    return out;
  }
  for (Finding& f : validate(FileContext{rendered, build.output, ref_})) {
    if (f.document < 0 || static_cast<std::size_t>(f.document) >= rendered.documents.size()) {
      continue;
    }
    const NodeRef object = rendered.documents[static_cast<std::size_t>(f.document)].root();
    const RenderedOrigin origin = static_cast<std::size_t>(f.document) < build.origins.size()
                                      ? build.origins[static_cast<std::size_t>(f.document)]
                                      : RenderedOrigin{};
    const TreeFile* source = origin.path.empty() ? nullptr : tree.file(origin.path);
    const Document* source_doc = source != nullptr && source->parsed != nullptr
                                     ? source_document(*source->parsed, object)
                                     : nullptr;
    std::string from;
    if (source_doc != nullptr) {
      if (source_findings(tree, origin.path)
              .contains(SourceKey{source_doc->index(), f.rule, f.json_path})) {
        continue;  // the source's own finding, reported with that file
      }
      if (set_by_transformer(tree, folder, origin.path, source_doc->root(), object, f)) {
        continue;  // the image or replica rule's, at the `images`/`replicas` entry
      }
      from = " (from " + where(origin.path, source_doc->root().position()) + ")";
    } else if (!origin.configured_in.empty()) {
      from = " (generated by " + origin.configured_in + ")";
    }
    const std::string message = std::move(f.message);
    Finding mapped = std::move(f);
    mapped.message = built + ": " + display(object) + from + ": " + message;
    mapped.source_line.clear();
    mapped.span = 0;
    const NodeRef as_written =
        source_doc != nullptr ? node_at(source_doc->root(), mapped.json_path) : NodeRef{};
    if (as_written && same_value(as_written, node_at(object, mapped.json_path))) {
      mapped.path = origin.path;  // the value as written, wrong in its rendered context
      mapped.position = as_written.position();
      mapped.document = source_doc->index();
    } else {
      mapped.path = kustomization;  // a transformation of this kustomization made the value
      mapped.position = kustomization_start;
      mapped.document = 0;
    }
    out.push_back(std::move(mapped));
  }
  return out;
}

}  // namespace pushgate
