#include "core/kustomize/applied_form.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <utility>

#include "core/tree/kustomization_file.h"

namespace pushgate {
namespace {

std::string_view parent_folder(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

bool under(std::string_view path, std::string_view folder) {
  return folder.empty() || path == folder ||
         (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/');
}

// Keys a patch writes that set nothing (strategic-merge directives).
bool is_directive(std::string_view key) {
  return key.starts_with('$');
}

void add_subpaths(NodeRef node, const std::string& prefix, std::vector<std::string>& out) {
  // Iterative: a patch's depth is bounded by the parser's limits, not by the stack.
  std::vector<std::pair<NodeRef, std::string>> stack{{node, prefix}};
  while (!stack.empty()) {
    auto [at, path] = std::move(stack.back());
    stack.pop_back();
    if (at.is_mapping()) {
      for (std::size_t i = 0; i < at.size(); ++i) {
        const NodeRef key = at.key(i);
        if (!key.is_scalar() || is_directive(key.text())) continue;
        std::string child =
            path.empty() ? std::string(key.text()) : path + "." + std::string(key.text());
        out.push_back(child);
        stack.emplace_back(at.value(i), std::move(child));
      }
    } else if (at.is_sequence()) {
      for (std::size_t i = 0; i < at.size(); ++i) stack.emplace_back(at.item(i), path + "[]");
    }
  }
}

// "/spec/containers/0/image" → "spec.containers[].image" (RFC 6901 escapes undone).
std::string pointer_to_path(std::string_view pointer) {
  std::string out;
  std::size_t start = pointer.starts_with('/') ? 1 : 0;
  while (start <= pointer.size() && start > 0) {
    const std::size_t slash = std::min(pointer.find('/', start), pointer.size());
    std::string part(pointer.substr(start, slash - start));
    start = slash + 1;
    for (std::size_t at = part.find('~'); at != std::string::npos; at = part.find('~', at + 1)) {
      if (at + 1 < part.size() && part[at + 1] == '1')
        part.replace(at, 2, "/");
      else if (at + 1 < part.size() && part[at + 1] == '0')
        part.replace(at, 2, "~");
    }
    const bool index =
        part == "-" || (!part.empty() && std::all_of(part.begin(), part.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; }));
    if (index) {
      out += "[]";
    } else {
      if (!out.empty()) out += '.';
      out += part;
    }
    if (slash >= pointer.size()) break;
  }
  return out;
}

std::string scalar_text(NodeRef node) {
  return node.is_scalar() ? std::string(node.text()) : "";
}

void read_labels(NodeRef map, std::map<std::string, std::string>& out) {
  for (std::size_t i = 0; map.is_mapping() && i < map.size(); ++i) {
    out[scalar_text(map.key(i))] = scalar_text(map.value(i));
  }
}

// The target of a patch as written (a kustomize `target:` mapping).
void read_target(NodeRef target, FieldPatch& patch) {
  patch.group = scalar_text(target.get("group"));
  patch.version = scalar_text(target.get("version"));
  patch.kind = scalar_text(target.get("kind"));
  patch.name = scalar_text(target.get("name"));
  patch.namespace_ = scalar_text(target.get("namespace"));
  patch.label_selector = scalar_text(target.get("labelSelector"));
}

// One FieldPatch per document of `file`; `target` as written, or the document's own kind and
// name for a strategic-merge patch without one.
void add_patches(const ParsedFile& file, NodeRef target, Position at,
                 std::vector<FieldPatch>& out) {
  for (const Document& doc : file.documents) {
    FieldPatch patch;
    patch.position = at;
    if (target.is_mapping()) {
      read_target(target, patch);
      patch.explicit_target = true;
    } else if (doc.root().is_mapping()) {
      patch.kind = RE2::QuoteMeta(doc.root().get_string("kind"));
      patch.name = RE2::QuoteMeta(doc.root().get("metadata").get_string("name"));
    } else {
      continue;  // a JSON 6902 patch needs a target
    }
    patch.paths = patch_paths(doc.root());
    if (!patch.paths.empty()) out.push_back(std::move(patch));
  }
}

void add_inline_patch(std::string_view origin, std::string_view text, NodeRef target, Position at,
                      std::vector<FieldPatch>& out) {
  const ParsedFile file = parse_yaml(std::string(origin), text, ParseLimits{});
  add_patches(file, target, at, out);
}

// `pattern` as the text it matches when it is a plain string: letters, digits and characters
// with no meaning to RE2 outside a class, or any punctuation escaped (what RE2::QuoteMeta makes
// of a patch's own kind and name); nullopt when it may be a real regular expression.
std::optional<std::string> literal_pattern(std::string_view pattern) {
  constexpr std::string_view kMeta = ".+*?()|[]{}^$";
  std::string text;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 == pattern.size()) return std::nullopt;
      const auto next = static_cast<unsigned char>(pattern[++i]);
      // \d, \x00, \_ ...: a class, a code or not surely an escape: left to RE2.
      if (std::isalnum(next) || next == '_' || next >= 0x80) return std::nullopt;
      text += static_cast<char>(next);
    } else if (kMeta.find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      text += c;
    }
  }
  return text;
}

// kustomize's Selector: each field an anchored regular expression; an invalid one compares
// literally. Most are plain names: compared as strings, since compiling a regular expression
// per object and patch was most of what a whole-run check spent (docs/benchmarks.md).
bool matches(const std::string& pattern, std::string_view value) {
  if (pattern.empty()) return true;
  if (const std::optional<std::string> text = literal_pattern(pattern)) return *text == value;
  const RE2 re(pattern, RE2::Quiet);
  return re.ok() ? RE2::FullMatch(value, re) : pattern == value;
}

bool label_selector_matches(std::string_view selector, NodeRef labels) {
  std::size_t start = 0;
  while (start <= selector.size()) {
    const std::size_t comma = std::min(selector.find(',', start), selector.size());
    std::string_view term = selector.substr(start, comma - start);
    start = comma + 1;
    while (!term.empty() && term.front() == ' ') term.remove_prefix(1);
    while (!term.empty() && term.back() == ' ') term.remove_suffix(1);
    if (term.empty()) continue;
    std::size_t eq = term.find("==");
    std::size_t skip = 2;
    if (eq == std::string_view::npos) {
      eq = term.find('=');
      skip = 1;
    }
    // `in (...)`, `!=`, `!key`, `key`: not modelled, the patch may apply (lenient).
    if (eq == std::string_view::npos || (eq > 0 && term[eq - 1] == '!')) continue;
    std::string_view key = term.substr(0, eq);
    std::string_view value = term.substr(eq + skip);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    const NodeRef have = labels.is_mapping() ? labels.get(key) : NodeRef();
    if (!have.is_scalar() || have.text() != value) return false;
    if (comma >= selector.size()) break;
  }
  return true;
}

}  // namespace

bool patch_applies(const FieldPatch& patch, const AppliedObject& object) {
  const std::size_t slash = object.api_version.find('/');
  const std::string_view group =
      slash == std::string_view::npos ? std::string_view() : object.api_version.substr(0, slash);
  const std::string_view version =
      slash == std::string_view::npos ? object.api_version : object.api_version.substr(slash + 1);
  return matches(patch.kind, object.kind) && matches(patch.name, object.name) &&
         matches(patch.namespace_, object.namespace_) && matches(patch.group, group) &&
         matches(patch.version, version) &&
         label_selector_matches(patch.label_selector, object.labels);
}

namespace {

bool is_pod_controller(std::string_view kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" ||
         kind == "StatefulSet";
}

bool has_template(std::string_view kind) {
  return is_pod_controller(kind) || kind == "Job" || kind == "ReplicationController";
}

// The fields a transformation's namespace and labels fill in `kind` (kustomize's fieldspecs).
std::vector<std::string_view> filled_fields(const Transformation& t, std::string_view kind) {
  std::vector<std::string_view> out;
  if (!t.namespace_.empty()) {
    out.push_back("metadata.namespace");
    if (kind == "Namespace") out.push_back("metadata.name");
    if (kind == "APIService") out.push_back("spec.service.namespace");
    if (kind == "CustomResourceDefinition") {
      out.push_back("spec.conversion.webhook.clientConfig.service.namespace");
    }
    // The name reference transformer moves a webhook's Service reference with the Service.
    if (kind == "MutatingWebhookConfiguration" || kind == "ValidatingWebhookConfiguration") {
      out.push_back("webhooks[].clientConfig.service.namespace");
    }
    if (kind == "RoleBinding" || kind == "ClusterRoleBinding")
      out.push_back("subjects[].namespace");
  }
  const bool selectors = !t.selector_labels.empty();
  if (!t.labels.empty() || selectors) out.push_back("metadata.labels");
  if (selectors) {
    if (is_pod_controller(kind)) out.push_back("spec.selector.matchLabels");
    if (kind == "Service" || kind == "ReplicationController") out.push_back("spec.selector");
    if (kind == "StatefulSet") out.push_back("spec.volumeClaimTemplates[].metadata.labels");
  }
  if (selectors || !t.template_labels.empty()) {
    if (has_template(kind)) out.push_back("spec.template.metadata.labels");
    if (kind == "CronJob") {
      out.push_back("spec.jobTemplate.metadata.labels");
      out.push_back("spec.jobTemplate.spec.template.metadata.labels");
    }
  }
  if (!t.annotations.empty()) {  // kustomize's commonAnnotations fieldspecs
    out.push_back("metadata.annotations");
    if (has_template(kind)) out.push_back("spec.template.metadata.annotations");
    if (kind == "CronJob") {
      out.push_back("spec.jobTemplate.metadata.annotations");
      out.push_back("spec.jobTemplate.spec.template.metadata.annotations");
    }
  }
  return out;
}

// `supplied` fills `field` when it is the field or lies under it (filling a.b.c makes a.b).
bool covers(std::string_view supplied, std::string_view field) {
  if (!supplied.starts_with(field)) return false;
  if (supplied.size() == field.size()) return true;
  const char next = supplied[field.size()];
  return next == '.' || next == '[';
}

}  // namespace

std::string generic_field_path(std::string_view json_path) {
  std::string out;
  out.reserve(json_path.size());
  for (std::size_t i = 0; i < json_path.size(); ++i) {
    if (json_path[i] == '[') {
      std::size_t j = i + 1;
      while (j < json_path.size() && json_path[j] >= '0' && json_path[j] <= '9') ++j;
      if (j > i + 1 && j < json_path.size() && json_path[j] == ']') {
        out += "[]";
        i = j;
        continue;
      }
    }
    out += json_path[i];
  }
  return out;
}

std::vector<std::string> patch_paths(NodeRef patch) {
  std::vector<std::string> out;
  if (patch.is_mapping()) {
    add_subpaths(patch, "", out);
  } else if (patch.is_sequence()) {
    for (std::size_t i = 0; i < patch.size(); ++i) {
      const NodeRef op = patch.item(i);
      const std::string_view name = op.get_string("op");
      if (name != "add" && name != "replace" && name != "copy" && name != "move") continue;
      const std::string path = pointer_to_path(op.get_string("path"));
      if (path.empty()) continue;
      out.push_back(path);
      add_subpaths(op.get("value"), path, out);
    }
  }
  return out;
}

Transformation kustomize_transformation(
    std::string_view path, NodeRef root,
    const std::function<const ParsedFile*(std::string_view)>& read) {
  Transformation t;
  t.origin = std::string(path);
  if (!root.is_mapping()) return t;
  const std::string_view folder = parent_folder(path);
  t.namespace_ = scalar_text(root.get("namespace"));
  t.name_prefix = scalar_text(root.get("namePrefix"));
  t.name_suffix = scalar_text(root.get("nameSuffix"));
  // commonLabels: metadata, selectors and templates.
  read_labels(root.get("commonLabels"), t.labels);
  read_labels(root.get("commonLabels"), t.selector_labels);
  read_labels(root.get("commonAnnotations"), t.annotations);
  if (const NodeRef labels = root.get("labels"); labels.is_sequence()) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const NodeRef entry = labels.item(i);
      const NodeRef pairs = entry.get("pairs");
      read_labels(pairs, t.labels);
      const NodeRef selectors = entry.get("includeSelectors");
      const NodeRef templates = entry.get("includeTemplates");
      if (selectors.kind() == NodeKind::kBool && selectors.as_bool()) {
        read_labels(pairs, t.selector_labels);
      } else if (templates.kind() == NodeKind::kBool && templates.as_bool()) {
        read_labels(pairs, t.template_labels);
      }
    }
  }
  auto patch_file = [&](NodeRef path_node, NodeRef target, Position at) {
    if (!path_node.is_string()) return;
    const std::optional<std::string> file = path_in_tree(folder, path_node.text());
    if (!file || !read) return;
    if (const ParsedFile* parsed = read(*file)) add_patches(*parsed, target, at, t.patches);
  };
  for (const char* key : {"patches", "patchesJson6902"}) {
    const NodeRef list = root.get(key);
    for (std::size_t i = 0; list.is_sequence() && i < list.size(); ++i) {
      const NodeRef item = list.item(i);
      if (item.is_string()) {  // kustomize v3's string form: a path
        patch_file(item, NodeRef(), item.position());
        continue;
      }
      const NodeRef target = item.get("target");
      if (const NodeRef text = item.get("patch"); text.is_string()) {
        add_inline_patch(path, text.text(), target, item.position(), t.patches);
      } else {
        patch_file(item.get("path"), target, item.position());
      }
    }
  }
  const NodeRef strategic = root.get("patchesStrategicMerge");
  for (std::size_t i = 0; strategic.is_sequence() && i < strategic.size(); ++i) {
    const NodeRef item = strategic.item(i);
    if (!item.is_string()) continue;
    if (item.text().find('\n') != std::string_view::npos) {
      add_inline_patch(path, item.text(), NodeRef(), item.position(), t.patches);
    } else {
      patch_file(item, NodeRef(), item.position());
    }
  }
  const NodeRef images = root.get("images");
  for (std::size_t i = 0; images.is_sequence() && i < images.size(); ++i) {
    const NodeRef item = images.item(i);
    ImageSetting image{scalar_text(item.get("name")), scalar_text(item.get("newName")),
                       scalar_text(item.get("newTag")), scalar_text(item.get("digest")),
                       item.position()};
    if (!image.name.empty()) t.images.push_back(std::move(image));
  }
  const NodeRef replicas = root.get("replicas");
  for (std::size_t i = 0; replicas.is_sequence() && i < replicas.size(); ++i) {
    const NodeRef item = replicas.item(i);
    const NodeRef count = item.get("count");
    if (count.kind() != NodeKind::kInt || scalar_text(item.get("name")).empty()) continue;
    t.replicas.push_back({scalar_text(item.get("name")), count.as_int(), item.position()});
  }
  for (const char* key : {"configMapGenerator", "secretGenerator"}) {
    const NodeRef list = root.get(key);
    for (std::size_t i = 0; list.is_sequence() && i < list.size(); ++i) {
      t.generated.emplace_back(
          std::string_view(key) == "configMapGenerator" ? "ConfigMap" : "Secret",
          scalar_text(list.item(i).get("name")));
    }
  }
  for (const char* key :
       {"helmCharts", "helmChartInflationGenerator", "generators", "transformers", "validators"}) {
    if (root.get(key)) t.opaque = true;
  }
  for (const char* key : {"resources", "bases", "components"}) {
    const NodeRef list = root.get(key);
    for (std::size_t i = 0; list.is_sequence() && i < list.size(); ++i) {
      const NodeRef item = list.item(i);
      if (!item.is_string() || is_remote_reference(item.text()) || is_glob_reference(item.text())) {
        t.opaque = true;
      }
    }
  }
  return t;
}

namespace {

void read_json_patches(const nlohmann::json& spec, Transformation& t);

std::string json_text(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// kustomize's `images:` list in JSON (a Flux Kustomization's spec.images).
void read_json_images(const nlohmann::json& spec, Transformation& t) {
  auto images = spec.find("images");
  if (images == spec.end() || !images->is_array()) return;
  for (const nlohmann::json& item : *images) {
    if (!item.is_object()) continue;
    ImageSetting image{json_text(item, "name"), json_text(item, "newName"),
                       json_text(item, "newTag"), json_text(item, "digest"), Position{}};
    if (!image.name.empty()) t.images.push_back(std::move(image));
  }
}

// An image reference's name, tag and digest (kustomize's image.Split: a ':' counts only after
// the first '/', so that a registry's port is part of the name).
void split_image(std::string_view image, std::string& name, std::string& tag, std::string& digest) {
  const std::size_t slash = image.find('/');
  const std::size_t from = slash == std::string_view::npos ? 0 : slash;
  const std::size_t at = image.find('@', from);
  const std::string_view head = image.substr(0, at);
  const std::size_t colon = head.find(':', from);
  name = std::string(head.substr(0, colon));
  tag = colon == std::string_view::npos ? "" : std::string(head.substr(colon + 1));
  digest = at == std::string_view::npos ? "" : std::string(image.substr(at + 1));
}

// `kustomize edit set image` syntax, as Argo CD passes its `images`: "nginx:1.2",
// "nginx=ghcr.io/x/nginx:1.2", "nginx@sha256:...", "nginx=ghcr.io/x/nginx".
std::optional<ImageSetting> image_setting_from_string(std::string_view text) {
  ImageSetting setting;
  const std::size_t eq = text.find('=');
  std::string name;
  split_image(eq == std::string_view::npos ? text : text.substr(eq + 1), name, setting.new_tag,
              setting.digest);
  if (eq == std::string_view::npos) {
    setting.name = name;
  } else {
    setting.name = std::string(text.substr(0, eq));
    setting.new_name = name;
  }
  if (setting.name.empty() || setting.new_tag == "*") return std::nullopt;
  return setting;
}

bool parse_count(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  out = std::stoll(text);
  return true;
}

}  // namespace

Transformation flux_transformation(std::string origin, const nlohmann::json& spec) {
  Transformation t;
  t.origin = std::move(origin);
  if (!spec.is_object()) return t;
  if (auto it = spec.find("targetNamespace"); it != spec.end() && it->is_string()) {
    t.namespace_ = it->get<std::string>();
  }
  if (auto meta = spec.find("commonMetadata"); meta != spec.end() && meta->is_object()) {
    if (auto labels = meta->find("labels"); labels != meta->end() && labels->is_object()) {
      for (const auto& [key, value] : labels->items()) {
        t.labels[key] = value.is_string() ? value.get<std::string>() : value.dump();
      }
    }
  }
  if (auto post = spec.find("postBuild"); post != spec.end() && post->is_object()) {
    t.substitutes = true;
    if (auto from = post->find("substituteFrom"); from != post->end() && from->is_array()) {
      for (const nlohmann::json& source : *from) {
        if (!source.is_object()) continue;
        auto kind = source.find("kind");
        auto name = source.find("name");
        if (kind != source.end() && kind->is_string() && name != source.end() &&
            name->is_string()) {
          t.substitute_from.push_back({kind->get<std::string>(), name->get<std::string>()});
        }
      }
    }
    if (auto vars = post->find("substitute"); vars != post->end() && vars->is_object()) {
      for (const auto& [key, value] : vars->items()) {
        if (value.is_string()) t.variables[key] = value.get<std::string>();
      }
    }
  }
  read_json_images(spec, t);
  read_json_patches(spec, t);
  return t;
}

Transformation argo_transformation(std::string origin, const nlohmann::json& kustomize) {
  Transformation t;
  t.origin = std::move(origin);
  if (!kustomize.is_object()) return t;
  auto text = [&](const char* key) {
    auto it = kustomize.find(key);
    return it != kustomize.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto flag = [&](const char* key) {
    auto it = kustomize.find(key);
    return it != kustomize.end() && it->is_boolean() && it->get<bool>();
  };
  t.name_prefix = text("namePrefix");
  t.name_suffix = text("nameSuffix");
  t.namespace_ = text("namespace");
  if (auto labels = kustomize.find("commonLabels");
      labels != kustomize.end() && labels->is_object()) {
    for (const auto& [key, value] : labels->items()) {
      const std::string v = value.is_string() ? value.get<std::string>() : value.dump();
      t.labels[key] = v;
      if (!flag("labelWithoutSelector")) {
        t.selector_labels[key] = v;
      } else if (flag("labelIncludeTemplates")) {
        t.template_labels[key] = v;
      }
    }
  }
  if (auto annotations = kustomize.find("commonAnnotations");
      annotations != kustomize.end() && annotations->is_object()) {
    for (const auto& [key, value] : annotations->items()) {
      t.annotations[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  if (auto images = kustomize.find("images"); images != kustomize.end() && images->is_array()) {
    for (const nlohmann::json& image : *images) {
      if (image.is_string()) {
        if (std::optional<ImageSetting> s = image_setting_from_string(image.get<std::string>())) {
          t.images.push_back(std::move(*s));
        }
      }
    }
  }
  if (auto replicas = kustomize.find("replicas");
      replicas != kustomize.end() && replicas->is_array()) {
    for (const nlohmann::json& item : *replicas) {
      if (!item.is_object() || !item.contains("name") || !item["name"].is_string()) continue;
      const nlohmann::json& count = item.contains("count") ? item["count"] : nlohmann::json();
      std::int64_t n = 0;
      if (count.is_number_integer()) {
        n = count.get<std::int64_t>();
      } else if (!count.is_string() || !parse_count(count.get<std::string>(), n)) {
        continue;
      }
      t.replicas.push_back({item["name"].get<std::string>(), n, Position{}});
    }
  }
  read_json_patches(kustomize, t);
  return t;
}

namespace {

void read_json_patches(const nlohmann::json& spec, Transformation& t) {
  auto patches = spec.find("patches");
  if (patches == spec.end() || !patches->is_array()) return;
  for (const nlohmann::json& item : *patches) {
    if (!item.is_object()) continue;
    auto text = item.find("patch");
    if (text == item.end() || !text->is_string()) continue;
    // The target as a small YAML mapping, so that one reader serves kustomize and Flux.
    std::string target_text;
    if (auto target = item.find("target"); target != item.end() && target->is_object()) {
      target_text = target->dump();  // JSON is YAML
    }
    const ParsedFile target_file = parse_yaml(t.origin, target_text, ParseLimits{});
    const NodeRef target =
        target_file.documents.empty() ? NodeRef() : target_file.documents.front().root();
    add_inline_patch(t.origin, text->get<std::string>(), target, Position{}, t.patches);
  }
}

}  // namespace

std::vector<std::string> argo_patch_paths(std::string_view folder,
                                          const nlohmann::json& kustomize) {
  std::vector<std::string> out;
  if (!kustomize.is_object()) return out;
  auto patches = kustomize.find("patches");
  if (patches == kustomize.end() || !patches->is_array()) return out;
  for (const nlohmann::json& item : *patches) {
    if (!item.is_object() || item.contains("patch")) continue;  // inline: read_json_patches
    auto path = item.find("path");
    if (path == item.end() || !path->is_string()) continue;
    if (std::optional<std::string> file = path_in_tree(folder, path->get<std::string>())) {
      out.push_back(std::move(*file));
    }
  }
  return out;
}

std::vector<std::string> add_argo_files(
    Transformation& t, std::string_view folder, const nlohmann::json& kustomize,
    const std::function<const ParsedFile*(std::string_view)>& read) {
  std::vector<std::string> components;
  if (!kustomize.is_object()) return components;
  if (auto patches = kustomize.find("patches"); patches != kustomize.end() && patches->is_array()) {
    for (const nlohmann::json& item : *patches) {
      if (!item.is_object() || item.contains("patch") || !item.contains("path") ||
          !item["path"].is_string()) {
        continue;
      }
      const std::optional<std::string> file = path_in_tree(folder, item["path"].get<std::string>());
      const ParsedFile* parsed = file && read ? read(*file) : nullptr;
      if (parsed == nullptr) continue;
      // The target as a small YAML mapping, as read_json_patches does.
      std::string target_text;
      if (auto target = item.find("target"); target != item.end() && target->is_object()) {
        target_text = target->dump();
      }
      const ParsedFile target_file = parse_yaml(t.origin, target_text, ParseLimits{});
      add_patches(*parsed,
                  target_file.documents.empty() ? NodeRef() : target_file.documents.front().root(),
                  Position{}, t.patches);
    }
  }
  if (auto list = kustomize.find("components"); list != kustomize.end() && list->is_array()) {
    for (const nlohmann::json& item : *list) {
      if (!item.is_string() || is_remote_reference(item.get<std::string>())) continue;
      if (std::optional<std::string> component = path_in_tree(folder, item.get<std::string>())) {
        components.push_back(std::move(*component));
      }
    }
  }
  return components;
}

bool fills(std::span<const Transformation* const> reach, const AppliedObject& object,
           std::string_view field) {
  for (const Transformation* t : reach) {
    for (std::string_view supplied : filled_fields(*t, object.kind)) {
      if (covers(supplied, field)) return true;
    }
    for (const FieldPatch& patch : t->patches) {
      if (!patch_applies(patch, object)) continue;
      for (const std::string& supplied : patch.paths) {
        if (covers(supplied, field)) return true;
      }
    }
  }
  return false;
}

std::map<std::string, std::string> added_template_labels(
    std::span<const Transformation* const> reach, const AppliedObject& object) {
  std::map<std::string, std::string> out;
  if (!has_template(object.kind)) return out;
  // Outermost last: an overlay's value wins, as kustomize applies it last.
  for (const Transformation* t : reach) {
    for (const auto& [key, value] : t->selector_labels) out[key] = value;
    for (const auto& [key, value] : t->template_labels) out[key] = value;
  }
  return out;
}

namespace {

// kustomize's image.IsImageMatched with `name` read literally: `image` is `name`, then an
// optional `:tag` and an optional `@sha256:digest`. The tag and digest, without their
// separators, go to `tag` and `digest`.
bool image_matches(std::string_view image, std::string_view name, std::string& tag,
                   std::string& digest) {
  static const RE2 kRest(R"((?::([a-zA-Z0-9_.{}-]*))?(?:@(sha256:[a-zA-Z0-9_.{}-]*))?)");
  if (name.empty() || !image.starts_with(name)) return false;
  const std::string_view rest = image.substr(name.size());
  tag.clear();
  digest.clear();
  return RE2::FullMatch(re2::StringPiece(rest.data(), rest.size()), kRest, &tag, &digest);
}

}  // namespace

AppliedImage apply_images(std::span<const Transformation* const> chain, std::string_view image) {
  AppliedImage out{std::string(image)};
  for (const Transformation* t : chain) {
    for (const ImageSetting& setting : t->images) {
      std::string new_tag;
      std::string new_digest;
      if (!image_matches(out.image, setting.name, new_tag, new_digest)) continue;
      // Overriding the tag or the digest replaces both as written (imagetag/updater.go).
      if (!setting.new_tag.empty() || !setting.digest.empty()) {
        new_tag = setting.new_tag;
        new_digest = setting.digest;
      }
      std::string value = setting.new_name.empty() ? setting.name : setting.new_name;
      if (!new_tag.empty()) value += ":" + new_tag;
      if (!new_digest.empty()) value += "@" + new_digest;
      out = AppliedImage{std::move(value), t, &setting};
    }
  }
  return out;
}

std::optional<AppliedReplicas> apply_replicas(std::span<const Transformation* const> chain,
                                              std::string_view kind, std::string_view name) {
  // kustomize's replicas fieldspecs (api/konfig/builtinpluginconsts): spec/replicas of these.
  if (kind != "Deployment" && kind != "ReplicaSet" && kind != "ReplicationController" &&
      kind != "StatefulSet") {
    return std::nullopt;
  }
  std::optional<AppliedReplicas> out;
  // Every name the object has had so far: kustomize matches a replicas entry against the
  // object's original, previous and current ids (GetMatchingResourcesByAnyId), and a
  // kustomization's prefix and suffix apply before its replicas.
  std::vector<std::string> names{std::string(name)};
  for (const Transformation* t : chain) {
    if (!t->name_prefix.empty() || !t->name_suffix.empty()) {
      names.push_back(t->name_prefix + names.back() + t->name_suffix);
    }
    for (const ReplicaSetting& setting : t->replicas) {
      if (std::find(names.begin(), names.end(), setting.name) != names.end()) {
        out = AppliedReplicas{setting.count, t, &setting};
      }
    }
  }
  return out;
}

std::map<std::string, std::string> substitution_variables(
    std::span<const Transformation* const> reach) {
  std::map<std::string, std::string> out;
  bool first = true;
  for (const Transformation* t : reach) {
    if (!t->substitutes) continue;
    if (first) {
      out = t->variables;
      first = false;
      continue;
    }
    std::erase_if(out, [&](const auto& entry) {
      auto it = t->variables.find(entry.first);
      return it == t->variables.end() || it->second != entry.second;
    });
  }
  return out;
}

std::string applied_namespace(std::span<const std::vector<const Transformation*>> chains,
                              std::string_view written, bool truncated) {
  if (truncated) return {};
  std::optional<std::string_view> agreed;
  for (const std::vector<const Transformation*>& chain : chains) {
    std::string_view in = written;
    for (const Transformation* t : chain) {  // innermost first: the last one set wins
      if (!t->namespace_.empty()) in = t->namespace_;
    }
    if (agreed && *agreed != in) return {};
    agreed = in;
  }
  return std::string(agreed.value_or(written));
}

void AppliedForms::add_kustomization(std::string_view path, const ParsedFile& file,
                                     const Reader& read) {
  const NodeRef root = kustomization_root(file);
  if (!root) return;
  Kustomization k;
  k.folder = std::string(parent_folder(path));
  k.transformation = kustomize_transformation(path, root, read);
  for (const char* key : {"resources", "bases", "components"}) {
    const NodeRef list = root.get(key);
    for (std::size_t i = 0; list.is_sequence() && i < list.size(); ++i) {
      const NodeRef item = list.item(i);
      if (!item.is_string() || is_remote_reference(item.text())) continue;
      std::optional<std::string> resolved = path_in_tree(k.folder, item.text());
      if (!resolved) continue;
      if (std::string_view(key) == "components") {
        k.components.push_back(std::move(*resolved));
      } else {
        k.files.push_back(*resolved);
        k.folders.push_back(std::move(*resolved));
      }
    }
  }
  kustomizations_.push_back(std::move(k));
}

void AppliedForms::add_flux(std::string_view path, Transformation transformation) {
  std::optional<std::string> folder = path_in_tree("", path.empty() ? "." : path);
  if (!folder) return;
  flux_.push_back(Flux{std::move(*folder), std::move(transformation)});
}

void AppliedForms::add_components(std::string_view folder, std::vector<std::string> components) {
  if (!components.empty()) added_components_.emplace_back(folder, std::move(components));
}

void AppliedForms::finish() {
  by_folder_.clear();
  file_includers_.clear();
  for (std::size_t i = 0; i < kustomizations_.size(); ++i) {
    by_folder_.emplace(kustomizations_[i].folder, i);  // the first name kustomize finds wins
  }
  parents_.assign(kustomizations_.size(), {});
  components_.assign(kustomizations_.size(), {});
  for (std::size_t i = 0; i < kustomizations_.size(); ++i) {
    const Kustomization& k = kustomizations_[i];
    for (const std::string& file : k.files) file_includers_[file].push_back(i);
    for (const std::string& folder : k.folders) {
      if (auto it = by_folder_.find(folder); it != by_folder_.end() && it->second != i) {
        parents_[it->second].push_back(i);
      }
    }
    for (const std::string& folder : k.components) {
      if (auto it = by_folder_.find(folder); it != by_folder_.end() && it->second != i) {
        // A component's resources are rendered by the kustomization, and its transformations
        // apply to everything the kustomization renders.
        parents_[it->second].push_back(i);
        components_[i].push_back(it->second);
      }
    }
  }
  // Argo CD's components, written into the kustomization at its source's path.
  for (const auto& [folder, components] : added_components_) {
    auto k = by_folder_.find(folder);
    if (k == by_folder_.end()) continue;
    for (const std::string& component : components) {
      auto it = by_folder_.find(component);
      if (it == by_folder_.end() || it->second == k->second) continue;
      std::vector<std::size_t>& list = components_[k->second];
      if (std::find(list.begin(), list.end(), it->second) != list.end()) continue;
      parents_[it->second].push_back(k->second);
      list.push_back(it->second);
    }
  }
}

std::vector<const Transformation*> AppliedForms::reaching(std::string_view file) const {
  std::vector<const Transformation*> out;
  std::vector<std::size_t> order;
  std::vector<bool> seen(kustomizations_.size(), false);
  if (auto it = file_includers_.find(file); it != file_includers_.end()) {
    for (std::size_t k : it->second) {
      if (!seen[k]) {
        seen[k] = true;
        order.push_back(k);
      }
    }
  }
  for (std::size_t at = 0; at < order.size(); ++at) {  // breadth first, up to the roots
    for (std::size_t parent : parents_[order[at]]) {
      if (!seen[parent]) {
        seen[parent] = true;
        order.push_back(parent);
      }
    }
  }
  for (std::size_t k : order) {
    out.push_back(&kustomizations_[k].transformation);
    for (std::size_t component : components_[k]) {
      out.push_back(&kustomizations_[component].transformation);
    }
  }
  for (const Flux& flux : flux_) {
    bool reached = under(file, flux.folder);
    for (std::size_t k : order) reached = reached || under(kustomizations_[k].folder, flux.folder);
    if (reached) out.push_back(&flux.transformation);
  }
  return out;
}

bool AppliedForms::builds(const Flux& flux, std::string_view top, bool kustomization) const {
  if (!under(top, flux.folder)) return false;
  if (kustomization && top == flux.folder) return true;
  // The folders from the one holding `top` up to the path: none may have a kustomization.
  std::string_view folder = parent_folder(top);
  while (true) {
    if (by_folder_.contains(folder)) return false;
    if (folder == flux.folder || folder.empty()) return true;
    folder = parent_folder(folder);
  }
}

std::vector<std::vector<const Transformation*>> AppliedForms::chains(std::string_view file,
                                                                     std::size_t limit,
                                                                     Reach reach) const {
  std::vector<std::vector<const Transformation*>> out;
  // The chain `chain` (from a top-level kustomization in `top`, or empty for a file) once with
  // each Flux Kustomization or Argo CD source whose path holds `top`, or alone without one.
  auto add_appliers = [&](std::string_view top, const std::vector<const Transformation*>& chain,
                          std::vector<std::vector<const Transformation*>>& into) {
    bool applied = false;
    for (const Flux& flux : flux_) {
      const bool reaches =
          reach == Reach::kUnder ? under(top, flux.folder) : builds(flux, top, !chain.empty());
      if (!reaches || into.size() >= limit) continue;
      applied = true;
      into.push_back(chain);
      into.back().push_back(&flux.transformation);
    }
    if (!applied && !chain.empty()) into.push_back(chain);
  };
  auto it = file_includers_.find(file);
  if (it == file_includers_.end()) {
    add_appliers(file, {}, out);
    return out;
  }
  std::vector<bool> open(kustomizations_.size(), false);
  // Depth first up the includers; each kustomization is open at most once on a path.
  std::function<void(std::size_t, std::vector<const Transformation*>)> climb =
      [&](std::size_t k, std::vector<const Transformation*> chain) {
        if (open[k] || out.size() >= limit) return;
        open[k] = true;
        // Components transform what a kustomization accumulated before its own transformers.
        for (std::size_t component : components_[k]) {
          const Transformation* t = &kustomizations_[component].transformation;
          if (std::find(chain.begin(), chain.end(), t) == chain.end()) chain.push_back(t);
        }
        chain.push_back(&kustomizations_[k].transformation);
        if (parents_[k].empty()) {
          add_appliers(kustomizations_[k].folder, chain, out);
        } else {
          for (std::size_t parent : parents_[k]) climb(parent, chain);
        }
        open[k] = false;
      };
  for (std::size_t k : it->second) climb(k, {});
  return out;
}

bool AppliedForms::is_top_level(std::string_view folder) const {
  auto it = by_folder_.find(folder);
  return it != by_folder_.end() && parents_[it->second].empty();
}

std::vector<AppliedForms::Rendered> AppliedForms::render(
    std::string_view folder, std::vector<const Transformation*>* reached) const {
  std::vector<Rendered> out;
  auto root = by_folder_.find(folder);
  if (root == by_folder_.end()) return out;
  std::vector<bool> open(kustomizations_.size(), false);
  // The components of `k`, and theirs, each once.
  auto components_of = [&](std::size_t k) {
    std::vector<std::size_t> found;
    std::vector<std::size_t> stack = components_[k];
    while (!stack.empty()) {
      const std::size_t c = stack.back();
      stack.pop_back();
      if (std::find(found.begin(), found.end(), c) != found.end()) continue;
      found.push_back(c);
      stack.insert(stack.end(), components_[c].begin(), components_[c].end());
    }
    return found;
  };
  // Depth first, bounded by the number of kustomizations (each is open at most once on a path).
  std::function<void(std::size_t, std::vector<const Transformation*>)> visit =
      [&](std::size_t k, std::vector<const Transformation*> outer) {
        if (open[k]) return;
        open[k] = true;
        const std::vector<std::size_t> components = components_of(k);
        std::vector<const Transformation*> chain{&kustomizations_[k].transformation};
        for (std::size_t component : components) {
          chain.push_back(&kustomizations_[component].transformation);
        }
        if (reached != nullptr) reached->insert(reached->end(), chain.begin(), chain.end());
        chain.insert(chain.end(), outer.begin(), outer.end());
        // Its resources, then its components' (rendered by it, under its transformations).
        std::vector<std::size_t> sources{k};
        sources.insert(sources.end(), components.begin(), components.end());
        for (std::size_t source : sources) {
          for (const std::string& resource : kustomizations_[source].files) {
            if (auto child = by_folder_.find(resource); child != by_folder_.end()) {
              visit(child->second, chain);
            } else {
              out.push_back(Rendered{resource, chain});
            }
          }
        }
        open[k] = false;
      };
  visit(root->second, {});
  return out;
}

}  // namespace pushgate
