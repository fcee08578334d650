#include "validators/hcl/duplicate_block_rule.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/document/document.h"
#include "core/tree/change_set.h"
#include "core/tree/tree_view.h"

namespace pushgate {
namespace {

// Block types whose labels must be unique, and how many labels form the key.
struct UniqueBlock {
  std::string_view type;
  std::size_t labels;
  bool terraform;  // only in .tf files (Terragrunt's have other meanings)
};
constexpr UniqueBlock kUnique[] = {
    {"variable", 1, true}, {"output", 1, true},      {"module", 1, true},   {"resource", 2, true},
    {"data", 2, true},     {"dependency", 1, false}, {"include", 1, false}, {"ephemeral", 2, true},
};

std::string quoted_labels(const HclBlock& b, std::size_t n) {
  std::string out = b.type;
  for (std::size_t i = 0; i < n && i < b.labels.size(); ++i)
    out += " \"" + b.labels[i].value + "\"";
  return out;
}

// One thing that must be unique: what it is ("variable \"x\""), where, and in which block.
struct Declaration {
  std::string key;
  std::string what;
  Position at;
  std::size_t block = 0;  // index in the file's top-level blocks
  bool local = false;     // a local value: twice in one block is hcl/duplicate-attribute's
};

// Every declaration of `file` that must be unique, in source order.
std::vector<Declaration> declarations(const HclFile& file) {
  const bool tf = file.path.ends_with(".tf");
  const bool terragrunt = file.path.ends_with(".hcl");
  std::vector<Declaration> out;
  for (std::size_t i = 0; i < file.body.blocks.size(); ++i) {
    const HclBlock& b = file.body.blocks[i];
    if (b.type == "locals" && (tf || terragrunt)) {
      for (const HclAttribute& a : b.body.attributes) {
        out.push_back({"locals\n" + a.name, "local value \"" + a.name + "\"", a.start, i, true});
      }
      continue;
    }
    if (b.type == "provider" && tf && !b.labels.empty()) {
      std::string alias;
      if (const HclAttribute* a = b.body.attribute("alias")) {
        const auto value = file.static_string(a->value);
        if (!value) continue;  // computed: not judged
        alias = *value;
      }
      out.push_back({"provider\n" + b.labels[0].value + "\n" + alias,
                     "provider \"" + b.labels[0].value + "\"" +
                         (alias.empty() ? " without alias" : " with alias \"" + alias + "\""),
                     b.start, i});
      continue;
    }
    for (const UniqueBlock& u : kUnique) {
      if (b.type != u.type || b.labels.size() < u.labels) continue;
      if (u.terraform ? !tf : !terragrunt) continue;
      std::string key = b.type;
      for (std::size_t l = 0; l < u.labels; ++l) key += "\n" + b.labels[l].value;
      out.push_back({key, quoted_labels(b, u.labels), b.start, i});
    }
  }
  return out;
}

// The objects a block's JSON value stands for: an object, or an array of objects (Terraform's
// JSON syntax allows either wherever blocks may repeat).
std::vector<NodeRef> json_bodies(NodeRef value) {
  std::vector<NodeRef> out;
  if (value.is_mapping()) out.push_back(value);
  for (std::size_t i = 0; value.is_sequence() && i < value.size(); ++i) {
    if (value.item(i).is_mapping()) out.push_back(value.item(i));
  }
  return out;
}

// The label keys below `value`, `depth` levels deep, as declarations (at the innermost key).
// "//" keys are comments in Terraform's JSON syntax.
void add_json_labels(NodeRef value, std::size_t depth, const std::string& key,
                     const std::string& what, Position at, std::vector<Declaration>& out) {
  if (depth == 0) {
    out.push_back({key, what, at});
    return;
  }
  for (const NodeRef body : json_bodies(value)) {
    for (std::size_t i = 0; i < body.size(); ++i) {
      const NodeRef label = body.key(i);
      if (!label.is_string() || label.text() == "//") continue;
      const std::string name(label.text());
      add_json_labels(body.value(i), depth - 1, key + "\n" + name, what + " \"" + name + "\"",
                      label.position(), out);
    }
  }
}

// The declarations of a `.tf.json` file (Terraform's JSON syntax), as declarations() reads a
// `.tf` file's: same keys, so that one module's two syntaxes are compared with each other.
std::vector<Declaration> json_declarations(const Document& document) {
  std::vector<Declaration> out;
  const NodeRef root = document.root();
  for (std::size_t i = 0; root.is_mapping() && i < root.size(); ++i) {
    const std::string_view type = root.key(i).text();
    const NodeRef value = root.value(i);
    if (type == "locals") {
      add_json_labels(value, 1, "locals", "local value", root.key(i).position(), out);
    } else if (type == "provider") {
      for (const NodeRef body : json_bodies(value)) {
        for (std::size_t p = 0; p < body.size(); ++p) {
          const std::string name(body.key(p).text());
          for (const NodeRef config : json_bodies(body.value(p))) {
            const NodeRef alias = config.get("alias");
            if (alias && (!alias.is_string() || alias.text().find("${") != std::string_view::npos))
              continue;  // computed: not judged
            const std::string a(alias ? alias.text() : "");
            out.push_back({"provider\n" + name + "\n" + a,
                           "provider \"" + name + "\"" +
                               (a.empty() ? " without alias" : " with alias \"" + a + "\""),
                           body.key(p).position()});
          }
        }
      }
    } else {
      for (const UniqueBlock& u : kUnique) {
        if (u.terraform && type == u.type) {
          add_json_labels(value, u.labels, std::string(type), std::string(type),
                          root.key(i).position(), out);
        }
      }
    }
  }
  return out;
}

std::string_view file_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A `.tf` or `.tf.json` file Terraform reads as a primary file of its folder's module.
bool primary_tf_file(std::string_view path) {
  if (!path.ends_with(".tf") && !path.ends_with(".tf.json")) return false;
  std::string_view name = file_name(path);
  if (name.ends_with(".json")) name.remove_suffix(5);
  if (name == "override.tf" || name.ends_with("_override.tf")) return false;
  for (std::string_view cache : {".terraform/", ".terragrunt-cache/", ".terragrunt-stack/"}) {
    if (path.starts_with(cache) || path.find("/" + std::string(cache)) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

}  // namespace

void DuplicateBlockRule::check_hcl(const HclFileContext& context, FindingList& out) const {
  const HclFile& file = context.file;
  std::map<std::string, const Declaration*> seen;
  const std::vector<Declaration> all = declarations(file);
  for (const Declaration& d : all) {
    auto [it, inserted] = seen.try_emplace(d.key, &d);
    if (inserted || (d.local && it->second->block == d.block)) continue;
    out.push_back(Finding::at("hcl/duplicate-block", Severity::kError, file.path, d.at,
                              d.what + " is declared twice in this file (first at line " +
                                  std::to_string(it->second->at.line) + "); remove or rename one"));
  }
}

void DuplicateBlockRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const TreeView& tree = *run.tree;
  const ChangeSet changes(run.changed, run.deleted);
  // Each module's primary .tf and .tf.json files; entries() is sorted bytewise, as Terraform
  // sorts names.
  std::map<std::string, std::vector<const Entry*>> modules;
  for (const Entry& entry : tree.entries()) {
    if (entry.mode != EntryMode::kFile && entry.mode != EntryMode::kExecutable) continue;
    if (!primary_tf_file(entry.path)) continue;
    modules[std::string(parent_folder(entry.path))].push_back(&entry);
  }
  for (const auto& [dir, files] : modules) {
    if (files.size() < 2) continue;
    bool reached = false;
    for (const Entry* f : files) reached = reached || changes.contains(f->path);
    if (!reached) continue;
    struct First {
      std::string path;
      Position at;
    };
    std::map<std::string, First> first;
    for (const Entry* f : files) {
      // Both read once per run (the run's own parse of a file it checked): an unreadable or
      // invalid file is the engine's finding, not this rule's.
      std::vector<Declaration> declared;
      if (f->path.ends_with(".json")) {
        const TreeFile* json = tree.file(f->path);
        if (json == nullptr || json->parsed == nullptr || !json->parsed->complete ||
            json->parsed->documents.empty()) {
          continue;
        }
        declared = json_declarations(json->parsed->documents.front());
      } else {
        const HclFile* file = tree.hcl(f->path);
        if (file == nullptr || !file->complete) continue;
        declared = declarations(*file);
      }
      std::set<std::string> in_file;
      for (const Declaration& d : declared) {
        // Twice in this file: check_hcl reports the second, against the first.
        if (!in_file.insert(d.key).second) continue;
        auto [it, inserted] = first.try_emplace(d.key, First{f->path, d.at});
        if (inserted) continue;
        out.push_back(Finding::at(
            "hcl/duplicate-block", Severity::kError, f->path, d.at,
            d.what + " is already declared in " + it->second.path + ":" +
                std::to_string(it->second.at.line) +
                ", a file of the same module (Terraform reads every .tf and .tf.json file of a "
                "folder as one module); remove or rename one"));
      }
    }
  }
}

}  // namespace pushgate
