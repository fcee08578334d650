#include "validators/terragrunt/terragrunt_tree.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/tree/change_set.h"

namespace pushgate {
namespace {

// A value that is a tree path from the root (get_terragrunt_dir(), find_in_parent_folders())
// starts with this byte, which no configuration writes.
constexpr char kRoot = '\x01';
// Locals that refer to locals: evaluation steps per expression, against cycles and blow-ups.
constexpr int kEvalBudget = 64;
constexpr std::size_t kMaxQuoted = 80;
// Stacks generating stacks: how deep generated units are followed (real catalogs nest two).
constexpr int kMaxStackDepth = 4;

std::string join(std::string_view dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  return std::string(dir) + "/" + std::string(name);
}
std::string cap(std::string_view s) {
  return s.size() <= kMaxQuoted ? std::string(s) : std::string(s.substr(0, kMaxQuoted)) + "...";
}
std::string_view file_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}
bool generated_folder(std::string_view path) {
  return path.find(".terragrunt-cache/") != std::string_view::npos ||
         path.find(".terragrunt-stack/") != std::string_view::npos;
}

// `value` (an evaluated path) as a tree path, resolved against `base`; nullopt when it is not
// a path pushgate can judge (absolute on disk, partly computed, leaving the tree).
std::optional<std::string> to_tree_path(std::string_view value, std::string_view base) {
  if (!value.empty() && value[0] == kRoot) {
    value.remove_prefix(1);
    if (value.find(kRoot) != std::string_view::npos) return std::nullopt;
    while (value.starts_with('/')) value.remove_prefix(1);
    return resolve_tree_path("", value);
  }
  if (value.empty() || value.find(kRoot) != std::string_view::npos || value.starts_with('/')) {
    return std::nullopt;
  }
  return resolve_tree_path(base, value);
}

// A go-getter local source: "../modules//vpc?x=y" -> "../modules/vpc".
std::string local_source_path(std::string_view source) {
  source = source.substr(0, source.find('?'));
  std::string out(source);
  for (std::size_t p; (p = out.find("//")) != std::string::npos;) out.erase(p, 1);
  return out;
}

struct Miss {  // a find_in_parent_folders() that found nothing
  std::string name;
  Position at;
};

bool at_or_under(std::string_view path, std::string_view dir) {
  return dir.empty() || path == dir ||
         (path.starts_with(dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

// The tree as it is once the stacks are generated: `terragrunt stack generate` copies a local
// unit (or stack) source folder's contents to `<stack>/.terragrunt-stack/<path>`, so a path under
// such a folder is the same path under its source. Generated folders are not in the tree
// (they are not committed); this maps them back to their sources.
class Fs {
 public:
  explicit Fs(const TreeView& tree) : tree_(tree) {}

  // `dest` is generated from the tree folder `source`.
  void add_copy(std::string dest, std::string source) {
    copies_.try_emplace(std::move(dest), std::move(source));
  }
  // The tree path `path` stands for: itself, or under a generated folder, the path under its
  // source (copies of copies followed, as deep as stacks nest).
  std::string real(std::string path) const {
    for (int hop = 0; hop <= kMaxStackDepth && !copies_.empty(); ++hop) {
      // The deepest generated folder at or above `path`: walk up its folders.
      std::string_view dir = path;
      auto it = copies_.end();
      while (!dir.empty()) {
        it = copies_.find(dir);
        if (it != copies_.end()) break;
        dir = parent_folder(dir);
      }
      if (it == copies_.end()) break;
      path = it->second + path.substr(it->first.size());
    }
    return path;
  }
  bool has_file(const std::string& path) const { return tree_.has_file(real(path)); }
  bool has_directory(const std::string& path) const {
    if (tree_.has_directory(real(path))) return true;
    // `.terragrunt-stack` and the folders above a generated unit exist once generated.
    if (path.empty()) return true;
    if (copies_.count(path) > 0) return true;
    const auto below = copies_.lower_bound(path + "/");
    return below != copies_.end() && at_or_under(below->first, path);
  }
  const TreeView& tree() const { return tree_; }

 private:
  const TreeView& tree_;
  // generated folder -> the tree folder it is copied from
  std::map<std::string, std::string, std::less<>> copies_;
};

// What `values.NAME` reads in a generated unit (or nested stack): the `values` object of the
// stack block that generates it (Terragrunt writes it to terragrunt.values.hcl beside the
// unit), evaluated in that stack file, whose own `values.*` come from `parent`.
struct ValuesScope {
  const HclFile* file = nullptr;  // the stack file holding the block
  HclExprId object = kNoHclExpr;  // the block's `values` expression (kNoHclExpr: none)
  std::string dir;                // where that stack file is, or is generated
  const ValuesScope* parent = nullptr;
};

// The included files a unit exposes (`include "NAME" { expose = true }`), by label: what
// `include.NAME.locals.X` and `include.NAME.inputs.X` read.
using ExposedIncludes = std::map<std::string, const HclFile*>;

class Evaluator {
 public:
  Evaluator(const Fs& fs, const HclFile& file, std::string unit_dir, std::vector<std::string>& refs,
            const ExposedIncludes* exposed = nullptr, const ValuesScope* values = nullptr)
      : fs_(fs),
        file_(file),
        unit_dir_(std::move(unit_dir)),
        refs_(refs),
        exposed_(exposed),
        values_(values) {}

  std::optional<std::string> eval(HclExprId id) {
    if (id == kNoHclExpr || --budget_ < 0) return std::nullopt;
    const HclExpr& e = file_.expr(id);
    switch (e.kind) {
      case HclExprKind::kTemplate: {
        std::string out;
        for (HclExprId part : e.children) {
          const HclExpr& p = file_.expr(part);
          if (p.kind == HclExprKind::kLiteral) {
            out += p.text;
            continue;
          }
          std::optional<std::string> v = eval(part);
          if (!v) return std::nullopt;
          out += *v;
        }
        return out;
      }
      case HclExprKind::kParens:
        return eval(e.children[0]);
      case HclExprKind::kGetAttr: {
        const HclExpr& object = file_.expr(e.children[0]);
        if (object.kind == HclExprKind::kGetAttr) return exposed_value(object, e.text);
        if (object.kind == HclExprKind::kVariable && object.text == "values") {
          return stack_value(e.text);
        }
        if (object.kind != HclExprKind::kVariable || object.text != "local") return std::nullopt;
        for (const HclBlock& b : file_.body.blocks) {
          if (b.type != "locals") continue;
          if (const HclAttribute* a = b.body.attribute(e.text)) return eval(a->value);
        }
        return std::nullopt;
      }
      case HclExprKind::kCall:
        return call(e);
      default:
        return std::nullopt;
    }
  }

  const std::optional<Miss>& miss() const { return miss_; }
  // Where the first `values.NAME` read came from: the value in the generating stack block.
  const std::optional<Position>& values_at() const { return values_at_; }

  // The value of key `name` in the object expression `id` (`{ name = ... }`, `{ "name" = ... }`).
  static HclExprId object_member(const HclFile& file, HclExprId id, const std::string& name) {
    if (id == kNoHclExpr) return kNoHclExpr;
    const HclExpr& object = file.expr(id);
    if (object.kind != HclExprKind::kObject) return kNoHclExpr;
    for (std::size_t i = 0; i + 1 < object.children.size(); i += 2) {
      const HclExpr& key = file.expr(object.children[i]);
      const bool named = key.kind == HclExprKind::kVariable
                             ? key.text == name
                             : file.static_string(object.children[i]) == name;
      if (named) return object.children[i + 1];
    }
    return kNoHclExpr;
  }

 private:
  // `values.NAME` of a generated unit or stack: the member of the generating block's `values`,
  // evaluated in the stack file (where that file is, with its own values).
  std::optional<std::string> stack_value(const std::string& name) {
    if (values_ == nullptr) return std::nullopt;
    const HclExprId member = object_member(*values_->file, values_->object, name);
    if (member == kNoHclExpr) return std::nullopt;
    if (!values_at_) values_at_ = values_->file->expr(member).start;
    Evaluator nested(fs_, *values_->file, values_->dir, refs_, nullptr, values_->parent);
    nested.budget_ = budget_;
    std::optional<std::string> out = nested.eval(member);
    budget_ = nested.budget_;
    return out;
  }

  // `include.NAME.locals.<name>` / `include.NAME.inputs.<name>` (`section` is
  // include.NAME.locals or .inputs): the value in the included file, evaluated there as this
  // unit (Terragrunt evaluates an included file in the including unit's context).
  std::optional<std::string> exposed_value(const HclExpr& section, const std::string& name) {
    if (exposed_ == nullptr || (section.text != "locals" && section.text != "inputs")) {
      return std::nullopt;
    }
    const HclExpr& include = file_.expr(section.children[0]);
    if (include.kind != HclExprKind::kGetAttr) return std::nullopt;
    const HclExpr& root = file_.expr(include.children[0]);
    if (root.kind != HclExprKind::kVariable || root.text != "include") return std::nullopt;
    const auto it = exposed_->find(include.text);
    if (it == exposed_->end()) return std::nullopt;
    const HclFile& included = *it->second;
    HclExprId value = kNoHclExpr;
    if (section.text == "locals") {
      for (const HclBlock& b : included.body.blocks) {
        if (b.type != "locals") continue;
        if (const HclAttribute* a = b.body.attribute(name)) value = a->value;
      }
    } else if (const HclAttribute* inputs = included.body.attribute("inputs")) {
      value = object_member(included, inputs->value, name);
    }
    if (value == kNoHclExpr) return std::nullopt;
    // An included file has no includes of its own to expose. Its misses are its own findings
    // (judged as this unit), not this file's.
    Evaluator nested(fs_, included, unit_dir_, refs_, nullptr, values_);
    nested.budget_ = budget_;
    std::optional<std::string> out = nested.eval(value);
    budget_ = nested.budget_;
    if (!values_at_) values_at_ = nested.values_at_;
    return out;
  }

  std::optional<std::string> call(const HclExpr& e) {
    const std::string& f = e.text;
    if (f == "get_terragrunt_dir" || f == "get_original_terragrunt_dir") {
      return std::string(1, kRoot) + unit_dir_;
    }
    if (f == "get_repo_root") return std::string(1, kRoot);
    if (f == "dirname" && e.children.size() == 1) {
      std::optional<std::string> v = eval(e.children[0]);
      if (!v) return std::nullopt;
      const std::size_t slash = v->rfind('/');
      if (slash == std::string::npos) {
        return !v->empty() && (*v)[0] == kRoot ? std::string(1, kRoot) : std::string(".");
      }
      return v->substr(0, slash == 1 && (*v)[0] == kRoot ? 1 : slash);
    }
    if (f == "find_in_parent_folders" && !e.expand && e.children.size() <= 2) {
      std::string name = "terragrunt.hcl";
      if (!e.children.empty()) {
        std::optional<std::string> v = eval(e.children[0]);
        if (!v || v->find(kRoot) != std::string::npos || v->empty() || v->starts_with('/')) {
          return std::nullopt;
        }
        name = *v;
      }
      // Terragrunt searches from the parent of the unit's folder up to the filesystem root;
      // pushgate stops at the repository's root.
      if (!unit_dir_.empty()) {
        std::string dir(parent_folder(unit_dir_));
        while (true) {
          if (std::optional<std::string> candidate = resolve_tree_path(dir, name)) {
            refs_.push_back(*candidate);
            if (fs_.has_file(*candidate) || fs_.has_directory(*candidate)) {
              return std::string(1, kRoot) + *candidate;
            }
          }
          if (dir.empty()) break;
          dir = std::string(parent_folder(dir));
        }
      }
      if (e.children.size() == 2) return eval(e.children[1]);  // the fallback
      if (!miss_) miss_ = Miss{name, e.start};
      return std::nullopt;
    }
    return std::nullopt;
  }

  const Fs& fs_;
  const HclFile& file_;
  std::string unit_dir_;
  std::vector<std::string>& refs_;
  const ExposedIncludes* exposed_;
  const ValuesScope* values_;
  std::optional<Miss> miss_;
  std::optional<Position> values_at_;
  int budget_ = kEvalBudget;
};

// A unit (or nested stack) where a stack block generates it.
struct Instance {
  std::string stack_path;  // the stack file holding the block (a nested stack's source file)
  Position block_at;       // the `unit` / `stack` block
  std::optional<Position> values_at;  // its `values` attribute
  std::string label;                  // unit "db"
  std::string source_dir;             // the tree folder it is generated from
  std::string place;                  // where it is generated
  const ValuesScope* values = nullptr;
};

struct Dependency {
  std::string dir;   // the unit depended on
  std::string path;  // where the dependency is reported
  Position at;
};

struct Unit {
  std::string path;  // .../terragrunt.hcl (for an instance: where it is generated)
  std::string dir;
  const HclFile* file = nullptr;
  bool generated = false;           // a stack template: not judged in place
  const Instance* inst = nullptr;   // a stack-generated instance of a unit source, judged there
  bool contract_only = false;       // a nested stack instance: only its values are judged
  std::vector<std::string> files;   // the unit and the files it includes (tree paths)
  std::vector<std::string> refs;    // every tree path it names (found or not)
  std::vector<Dependency> depends;  // the units it depends on
  ExposedIncludes exposed;          // include "NAME" { expose = true }
  FindingList findings;
};

class Analysis {
 public:
  explicit Analysis(const RunContext& run) : run_(run), tree_(*run.tree), fs_(tree_) {}

  // The findings of every terragrunt/* reference rule for this run.
  FindingList judge() {
    std::vector<const Entry*> stacks;
    for (const Entry& entry : tree_.entries()) {
      if (generated_folder(entry.path)) continue;
      const std::string_view name = file_name(entry.path);
      if (name == "terragrunt.hcl") {
        Unit u;
        u.path = entry.path;
        u.dir = std::string(parent_folder(entry.path));
        units_.push_back(std::move(u));
      } else if (name == "terragrunt.stack.hcl") {
        stacks.push_back(&entry);
      }
    }
    if (units_.empty() && stacks.empty()) return {};  // not a Terragrunt tree: nothing to read
    const ChangeSet changes(run_.changed, run_.deleted);
    FindingList out;
    std::set<std::string> stack_sources;  // unit folders a stack generates from
    for (const Entry* stack : stacks) judge_stack(*stack, changes, stack_sources, out);
    for (const Entry* stack : stacks) stack_files_.push_back(stack->path);
    for (const Entry* stack : stacks) {
      const HclFile* file = load(stack->path);
      // A stack that reads values.* is a nested stack's source: generated where its parent says.
      if (file == nullptr || !file->complete || reads_values(*file)) continue;
      collect_generated(*file, stack->path, std::string(parent_folder(stack->path)), 0, nullptr,
                        {stack->path});
    }
    for (Unit& u : units_) {
      if (u.inst == nullptr) {
        u.file = load(u.path);
        if (u.file == nullptr || !u.file->complete) continue;  // hcl/syntax says why
        u.generated = stack_sources.count(u.dir) > 0 || reads_values(*u.file);
      }
      if (!u.contract_only) judge_unit(u);
      if (u.inst != nullptr) judge_values_contract(u);
    }
    std::vector<bool> reached(units_.size());
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      reached[i] = std::any_of(u.files.begin(), u.files.end(),
                               [&](const std::string& f) { return changes.contains(f); }) ||
                   std::any_of(u.refs.begin(), u.refs.end(),
                               [&](const std::string& r) { return changes.touches(r); });
    }
    // An included file's finding is reported once, whichever unit includes it; a stack block's
    // findings are one per generated reference (they share the block's position).
    std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string, std::string>> seen;
    auto emit = [&](Finding f, bool by_message) {
      if (!seen.emplace(f.path, f.position.line, f.position.column, f.rule,
                        by_message ? f.message : std::string())
               .second) {
        return;
      }
      out.push_back(std::move(f));
    };
    for (std::size_t i = 0; i < units_.size(); ++i) {
      if (!reached[i]) continue;
      for (const Finding& f : units_[i].findings) emit(f, units_[i].inst != nullptr);
    }
    for (Finding& f : cycles(reached)) emit(std::move(f), false);
    return out;
  }

 private:
  // Read once per run for every rule that asks (TreeView::hcl; the run's own parse when it read
  // the file).
  const HclFile* load(const std::string& path) { return tree_.hcl(path); }

  static bool reads_values(const HclFile& file) {
    return std::any_of(file.exprs.begin(), file.exprs.end(), [](const HclExpr& e) {
      return e.kind == HclExprKind::kVariable && e.text == "values";
    });
  }

  static Finding finding(std::string_view rule, const std::string& path, Position at,
                         std::string message) {
    return Finding::at(std::string(rule), Severity::kError, path, at, std::move(message));
  }

  void judge_stack(const Entry& stack, const ChangeSet& changes, std::set<std::string>& sources,
                   FindingList& out) {
    const HclFile* file = load(stack.path);
    if (file == nullptr || !file->complete) return;
    const std::string dir(parent_folder(stack.path));
    const bool is_template = reads_values(*file);
    for (const HclBlock& b : file->body.blocks) {
      if (b.type != "unit" && b.type != "stack") continue;
      const HclAttribute* source = b.body.attribute("source");
      if (source == nullptr) continue;
      std::vector<std::string> refs;
      Evaluator ev(fs_, *file, dir, refs);
      const std::optional<std::string> value = ev.eval(source->value);
      if (!value || is_remote_source(*value)) continue;
      const std::optional<std::string> path = to_tree_path(local_source_path(*value), dir);
      if (!path) continue;
      sources.insert(*path);
      if (is_template) continue;  // a nested stack's sources resolve where it is generated
      const bool judged = changes.contains(stack.path) || changes.touches(*path);
      const std::string_view needed = b.type == "unit" ? "terragrunt.hcl" : "terragrunt.stack.hcl";
      if (judged && !tree_.has_file(join(*path, needed))) {
        out.push_back(finding(
            "terragrunt/source-path", stack.path, file->expr(source->value).start,
            b.type + " source \"" + cap(*value) + "\" resolves to " +
                (path->empty() ? "the repository root" : "\"" + cap(*path) + "\"") +
                ", which holds no " + std::string(needed) + "; fix the path or add the " + b.type));
      }
    }
  }

  // The units a stack generates, where it generates them: `<dir>/.terragrunt-stack/<path>`, or
  // `<dir>/<path>` with `no_dot_terragrunt_stack = true`; a nested `stack` block's units below its
  // own generated folder, when its local source's stack file is in the tree. `dir` is where
  // `file` (tree path `file_path`) is, or will be for a nested stack, and `scope` what its
  // `values.*` read. A unit or stack whose place cannot be known (a computed path, a remote or
  // missing nested stack) makes its whole region uncertain: a dependency into it is not judged.
  // A local unit source in the tree becomes an instance: the unit judged where it is generated,
  // with the block's values (Terragrunt copies the source folder there and writes the values to
  // terragrunt.values.hcl beside it).
  void collect_generated(const HclFile& file, const std::string& file_path, const std::string& dir,
                         int depth, const ValuesScope* scope,
                         const std::vector<std::string>& chain) {
    for (const HclBlock& b : file.body.blocks) {
      if (b.type != "unit" && b.type != "stack") continue;
      std::vector<std::string> refs;
      std::optional<std::string> path;
      if (const HclAttribute* a = b.body.attribute("path")) {
        Evaluator ev(fs_, file, dir, refs, nullptr, scope);
        path = ev.eval(a->value);
      }
      bool no_dot = false;
      if (const HclAttribute* a = b.body.attribute("no_dot_terragrunt_stack")) {
        const HclExpr& v = file.expr(a->value);
        if (v.kind != HclExprKind::kBool) {
          uncertain_.push_back(dir);
          continue;
        }
        no_dot = v.text == "true";
      }
      std::optional<std::string> place;
      if (path && !path->empty() && path->find(kRoot) == std::string::npos &&
          !path->starts_with('/')) {
        place = resolve_tree_path(no_dot ? dir : join(dir, ".terragrunt-stack"), *path);
      }
      if (!place) {
        uncertain_.push_back(dir);
        continue;
      }
      // The local source folder, as a tree path (a source inside a generated folder is its copy).
      std::optional<std::string> from;
      if (const HclAttribute* a = b.body.attribute("source"); a != nullptr) {
        Evaluator ev(fs_, file, dir, refs, nullptr, scope);
        const std::optional<std::string> source = ev.eval(a->value);
        if (source && !is_remote_source(*source)) {
          if (auto p = to_tree_path(local_source_path(*source), dir)) from = fs_.real(*p);
        }
      }
      const std::string needed = b.type == "unit" ? "terragrunt.hcl" : "terragrunt.stack.hcl";
      const HclFile* source_file = nullptr;
      if (from && tree_.has_file(join(*from, needed)) && depth < kMaxStackDepth) {
        source_file = load(join(*from, needed));
        if (source_file != nullptr && !source_file->complete) source_file = nullptr;
      }
      if (b.type == "unit") generated_units_.insert(*place);
      if (source_file == nullptr) {
        if (b.type == "stack") uncertain_.push_back(*place);
        continue;
      }
      fs_.add_copy(*place, *from);
      Instance& in = instances_.emplace_back();
      in.stack_path = file_path;
      in.block_at = b.start;
      in.label = b.type + (b.labels.empty() ? "" : " \"" + cap(b.labels[0].value) + "\"");
      in.source_dir = *from;
      in.place = *place;
      const HclAttribute* values = b.body.attribute("values");
      if (values != nullptr) in.values_at = values->start;
      in.values = &scopes_.emplace_back(
          ValuesScope{&file, values == nullptr ? kNoHclExpr : values->value, dir, scope});
      Unit& u = units_.emplace_back();
      u.path = join(*place, needed);
      u.dir = *place;
      u.file = source_file;
      u.inst = &in;
      u.contract_only = b.type == "stack";
      u.files = chain;
      u.files.push_back(join(*from, needed));
      if (b.type == "stack") {
        std::vector<std::string> nested_chain = chain;
        nested_chain.push_back(join(*from, needed));
        collect_generated(*source_file, join(*from, needed), *place, depth + 1, in.values,
                          nested_chain);
      }
    }
  }

  void judge_unit(Unit& u) {
    const HclFile& file = *u.file;
    if (u.inst == nullptr) u.files.push_back(u.path);
    std::vector<std::pair<std::string, const HclFile*>> evaluated{{u.path, &file}};
    for (const HclBlock& b : file.body.blocks) {
      if (b.type != "include") continue;
      const HclAttribute* path_attr = b.body.attribute("path");
      if (path_attr == nullptr) continue;
      Evaluator ev(fs_, file, u.dir, u.refs, nullptr, values_of(u));
      const std::optional<std::string> value = ev.eval(path_attr->value);
      const std::string label =
          b.labels.empty() ? "include" : "include \"" + b.labels[0].value + "\"";
      if (!value) {
        if (ev.miss() && !u.generated) {
          report(u, "terragrunt/include-path", u.path, ev.miss()->at,
                 label + ": find_in_parent_folders(\"" + cap(ev.miss()->name) +
                     "\") finds no such file in any folder above \"" + u.dir +
                     "\"; add it or fix the name",
                 ev.values_at());
        }
        continue;
      }
      const std::optional<std::string> path = to_tree_path(*value, u.dir);
      if (!path) continue;
      u.refs.push_back(*path);
      const HclFile* included = fs_.has_file(*path) ? load(fs_.real(*path)) : nullptr;
      if (included == nullptr) {
        if (!u.generated) {
          report(u, "terragrunt/include-path", u.path, file.expr(path_attr->value).start,
                 label + " path resolves to \"" + cap(*path) +
                     "\", which is no file of the tree; fix the path",
                 ev.values_at());
        }
        continue;
      }
      u.files.push_back(fs_.real(*path));
      if (!included->complete) continue;
      evaluated.emplace_back(*path, included);
      if (!b.labels.empty() && exposes(file, b)) u.exposed.emplace(b.labels[0].value, included);
    }
    for (const auto& [path, f] : evaluated) judge_references(u, path, *f);
    if (u.inst != nullptr) {
      // Paths under generated folders stand for their sources: a change there reaches it.
      const std::size_t named = u.refs.size();
      for (std::size_t i = 0; i < named; ++i) {
        std::string real = fs_.real(u.refs[i]);
        if (real != u.refs[i]) u.refs.push_back(std::move(real));
      }
    }
  }

  // terragrunt/stack-values: a key the generated unit (or nested stack) reads as a plain
  // `values.NAME`, outside try()/can(), that the block's literal `values` object does not set.
  // Terragrunt fails on it ("Unsupported attribute"). Computed values (merge(), a variable) or
  // keys are not judged.
  void judge_values_contract(Unit& u) {
    const Instance& in = *u.inst;
    const ValuesScope& scope = *in.values;
    if (scope.object == kNoHclExpr) return;
    const HclExpr& object = scope.file->expr(scope.object);
    if (object.kind != HclExprKind::kObject) return;
    std::set<std::string> keys;
    for (std::size_t i = 0; i + 1 < object.children.size(); i += 2) {
      const HclExpr& key = scope.file->expr(object.children[i]);
      if (key.kind == HclExprKind::kVariable) {
        keys.insert(key.text);
      } else if (std::optional<std::string> k = scope.file->static_string(object.children[i])) {
        keys.insert(*k);
      } else {
        return;  // a computed key: any name may be set
      }
    }
    const HclFile& file = *u.file;
    // `values` used otherwise than as values.NAME / values[...] (lookup(values, ...),
    // keys(values), merge(values, ...)): the unit may test which keys are set; not judged.
    std::vector<bool> traversed(file.exprs.size());
    for (const HclExpr& e : file.exprs) {
      if (e.kind == HclExprKind::kGetAttr || e.kind == HclExprKind::kIndex) {
        traversed[e.children[0]] = true;
      }
    }
    for (std::size_t id = 0; id < file.exprs.size(); ++id) {
      const HclExpr& e = file.exprs[id];
      if (e.kind == HclExprKind::kVariable && e.text == "values" && !traversed[id]) return;
    }
    std::vector<bool> guarded(file.exprs.size());
    for (const HclExpr& e : file.exprs) {
      if (e.kind != HclExprKind::kCall || (e.text != "try" && e.text != "can")) continue;
      std::vector<HclExprId> todo(e.children.begin(), e.children.end());
      while (!todo.empty()) {
        const HclExprId id = todo.back();
        todo.pop_back();
        if (id == kNoHclExpr || guarded[id]) continue;
        guarded[id] = true;
        const HclExpr& c = file.expr(id);
        todo.insert(todo.end(), c.children.begin(), c.children.end());
      }
    }
    // A key read inside try()/can() anywhere is optional everywhere (`can(values.x) ? values.x
    // : d`); the others are required.
    auto reads = [&](const HclExpr& e) {
      return e.kind == HclExprKind::kGetAttr &&
             file.expr(e.children[0]).kind == HclExprKind::kVariable &&
             file.expr(e.children[0]).text == "values";
    };
    std::set<std::string> optional;
    for (std::size_t id = 0; id < file.exprs.size(); ++id) {
      if (guarded[id] && reads(file.exprs[id])) optional.insert(file.exprs[id].text);
    }
    std::set<std::string> reported;
    for (const HclExpr& e : file.exprs) {
      if (!reads(e) || keys.count(e.text) > 0 || optional.count(e.text) > 0) continue;
      if (!reported.insert(e.text).second) continue;
      report(u, "terragrunt/stack-values", u.path, e.start,
             "it reads values." + cap(e.text) + ", which this block's values do not set (" +
                 "Terragrunt fails: unsupported attribute); add " + cap(e.text) +
                 " = ... to values, or read it with try(values." + cap(e.text) + ", default)",
             in.values_at);
    }
  }

  static const ValuesScope* values_of(const Unit& u) {
    return u.inst == nullptr ? nullptr : u.inst->values;
  }

  // A finding of unit `u` at `path`:`at`. An instance's findings are reported at the stack block
  // that generates it (at the `values` member a reference came from, when it came from one),
  // naming the unit source and where the reference is in it.
  void report(Unit& u, std::string_view rule, const std::string& path, Position at,
              const std::string& message, const std::optional<Position>& values_at) {
    if (u.inst == nullptr) {
      u.findings.push_back(finding(rule, path, at, message));
      return;
    }
    const Instance& in = *u.inst;
    const std::string where = path == u.path ? join(in.source_dir, file_name(u.path)) : path;
    u.findings.push_back(
        finding(rule, in.stack_path, values_at.value_or(in.block_at),
                in.label + " generates " + (in.source_dir.empty() ? "." : in.source_dir) + " at " +
                    in.place + ": " + message + " (" + where + ":" + std::to_string(at.line) + ":" +
                    std::to_string(at.column) + ")"));
  }

  // What include.NAME.* reads in `path`: the unit's exposed includes, in the unit's own file.
  static const ExposedIncludes* exposed_in(const Unit& u, const std::string& path) {
    return path == u.path ? &u.exposed : nullptr;
  }

  // `expose = true`: Terragrunt makes the included file's locals and inputs readable as
  // include.NAME.* only then.
  static bool exposes(const HclFile& file, const HclBlock& include) {
    const HclAttribute* a = include.body.attribute("expose");
    if (a == nullptr) return false;
    const HclExpr& value = file.expr(a->value);
    return value.kind == HclExprKind::kBool && value.text == "true";
  }

  // read_terragrunt_config, dependency, dependencies and terraform { source } of `file`,
  // evaluated as unit `u`.
  void judge_references(Unit& u, const std::string& path, const HclFile& file) {
    const std::string in_unit = path == u.path ? "" : " (as included by " + u.path + ")";
    for (const HclExpr& e : file.exprs) {
      if (e.kind != HclExprKind::kCall || e.text != "read_terragrunt_config" ||
          e.children.size() != 1 || e.expand) {
        continue;
      }
      Evaluator ev(fs_, file, u.dir, u.refs, exposed_in(u, path), values_of(u));
      const std::optional<std::string> value = ev.eval(e.children[0]);
      if (u.generated) continue;
      if (!value) {
        if (ev.miss()) {
          report(u, "terragrunt/read-config-path", path, ev.miss()->at,
                 "find_in_parent_folders(\"" + cap(ev.miss()->name) +
                     "\") finds no such file in any folder above \"" + u.dir + "\"" + in_unit +
                     "; add it or fix the name",
                 ev.values_at());
        }
        continue;
      }
      const std::optional<std::string> target = to_tree_path(*value, u.dir);
      if (!target) continue;
      u.refs.push_back(*target);
      if (!fs_.has_file(*target)) {
        report(u, "terragrunt/read-config-path", path, file.expr(e.children[0]).start,
               "read_terragrunt_config reads \"" + cap(*target) +
                   "\", which is no file of the tree" + in_unit + "; fix the path",
               ev.values_at());
      }
    }
    for (const HclBlock& b : file.body.blocks) {
      if (b.type == "dependency") {
        if (const HclAttribute* a = b.body.attribute("config_path")) {
          judge_dependency(u, path, file, a->value, in_unit);
        }
      } else if (b.type == "dependencies") {
        if (const HclAttribute* a = b.body.attribute("paths")) {
          const HclExpr& list = file.expr(a->value);
          if (list.kind == HclExprKind::kTuple) {
            for (HclExprId item : list.children) judge_dependency(u, path, file, item, in_unit);
          }
        }
      } else if (b.type == "terraform" && !u.generated) {
        const HclAttribute* a = b.body.attribute("source");
        if (a == nullptr) continue;
        Evaluator ev(fs_, file, u.dir, u.refs, exposed_in(u, path), values_of(u));
        const std::optional<std::string> value = ev.eval(a->value);
        if (!value || is_remote_source(*value)) continue;
        const std::optional<std::string> target = to_tree_path(local_source_path(*value), u.dir);
        if (!target) continue;
        u.refs.push_back(*target);
        if (!fs_.has_directory(*target)) {
          report(u, "terragrunt/source-path", path, file.expr(a->value).start,
                 "terraform source \"" + cap(*value) + "\" resolves to \"" + cap(*target) +
                     "\", which is no folder of the tree" + in_unit + "; fix the path",
                 ev.values_at());
        }
      }
    }
  }

  void judge_dependency(Unit& u, const std::string& path, const HclFile& file, HclExprId value_id,
                        const std::string& in_unit) {
    Evaluator ev(fs_, file, u.dir, u.refs, exposed_in(u, path), values_of(u));
    const std::optional<std::string> value = ev.eval(value_id);
    if (!value) return;  // values.*, a variable: resolved only where the unit is generated
    const std::optional<std::string> target = to_tree_path(*value, u.dir);
    if (!target) return;
    u.refs.push_back(*target);
    const Position at = file.expr(value_id).start;
    if (fs_.has_file(join(*target, "terragrunt.hcl"))) {
      if (path != u.path) return;
      if (u.inst == nullptr) {
        u.depends.push_back(Dependency{*target, path, at});
      } else {
        u.depends.push_back(
            Dependency{*target, u.inst->stack_path, ev.values_at().value_or(u.inst->block_at)});
      }
      return;
    }
    // A stack above the target may generate it: a change to that stack re-judges this unit.
    for (const std::string& stack : stack_files_) {
      if (at_or_under(*target, parent_folder(stack))) u.refs.push_back(stack);
    }
    if (generated_units_.count(*target) > 0) return;  // a unit once its stack is generated
    if (u.generated) return;
    for (const std::string& region : uncertain_) {
      if (at_or_under(*target, region)) return;  // a stack may generate it: not provable
    }
    report(u, "terragrunt/dependency-path", path, at,
           "dependency path \"" + cap(*value) + "\" resolves to \"" + cap(*target) + "\", which " +
               (fs_.has_directory(*target) ? "holds no terragrunt.hcl" : "does not exist") +
               in_unit + "; point it at a Terragrunt unit's folder",
           ev.values_at());
  }

  // Dependency cycles among units, each reported once at the dependency that closes it.
  FindingList cycles(const std::vector<bool>& reached) {
    std::map<std::string, std::size_t> by_dir;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      if (!units_[i].contract_only) by_dir.emplace(units_[i].dir, i);
    }
    enum Color : std::uint8_t { kWhite, kGrey, kBlack };
    std::vector<Color> color(units_.size(), kWhite);
    FindingList out;
    for (std::size_t root = 0; root < units_.size(); ++root) {
      if (color[root] != kWhite) continue;
      // Iterative depth-first search: (unit, next edge) pairs.
      std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
      color[root] = kGrey;
      while (!stack.empty()) {
        auto& [node, edge] = stack.back();
        if (edge >= units_[node].depends.size()) {
          color[node] = kBlack;
          stack.pop_back();
          continue;
        }
        const Dependency& dep = units_[node].depends[edge++];
        auto it = by_dir.find(dep.dir);
        if (it == by_dir.end()) continue;
        const std::size_t next = it->second;
        if (color[next] == kWhite) {
          color[next] = kGrey;
          stack.emplace_back(next, 0);
        } else if (color[next] == kGrey) {
          std::string chain;
          bool in_cycle = false, any_reached = false;
          for (const auto& frame : stack) {
            if (frame.first == next) in_cycle = true;
            if (!in_cycle) continue;
            chain += (units_[frame.first].dir.empty() ? "." : units_[frame.first].dir) + " -> ";
            any_reached = any_reached || reached[frame.first];
          }
          chain += units_[next].dir.empty() ? "." : units_[next].dir;
          if (any_reached) {
            out.push_back(finding("terragrunt/dependency-cycle", dep.path, dep.at,
                                  "dependency cycle " + cap(chain) +
                                      ": Terragrunt cannot order these units; remove one "
                                      "dependency"));
          }
        }
      }
    }
    return out;
  }

  const RunContext& run_;
  const TreeView& tree_;
  std::vector<Unit> units_;
  std::vector<std::string> stack_files_;   // every terragrunt.stack.hcl of the tree
  std::set<std::string> generated_units_;  // unit folders the stacks generate
  std::vector<std::string> uncertain_;     // folders where stacks generate units unknown here
  Fs fs_;                                  // the tree with the stacks generated
  std::deque<Instance> instances_;
  std::deque<ValuesScope> scopes_;
};

}  // namespace

bool is_remote_source(std::string_view s) {
  if (!s.empty() && s[0] == kRoot) return false;
  if (s.starts_with("./") || s.starts_with("../") || s.starts_with("/") || s == "." || s == "..") {
    return false;
  }
  return s.find("::") != std::string_view::npos || s.find("://") != std::string_view::npos ||
         s.starts_with("git@") || s.starts_with("github.com/") || s.starts_with("bitbucket.org/") ||
         s.starts_with("gitlab.com/") ||
         // A registry address: [host/]namespace/name/provider.
         std::count(s.begin(), s.end(), '/') >= 2;
}

bool is_pinned_source(std::string_view s) {
  const std::size_t q = s.find('?');
  if (q == std::string_view::npos) return false;
  std::string_view query = s.substr(q + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    for (std::string_view key : {"ref=", "version="}) {
      if (!param.starts_with(key)) continue;
      const std::string_view value = param.substr(key.size());
      if (!value.empty() && value != "main" && value != "master" && value != "HEAD" &&
          value != "develop" && value != "trunk") {
        return true;
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

namespace {
// The analysis, once per run for all the rules (TreeView::shared): it reads and evaluates the
// same units for each.
struct TerragruntFindings {
  explicit TerragruntFindings(const RunContext& run) : all(Analysis(run).judge()) {}
  FindingList all;
};
}  // namespace

FindingList judge_terragrunt_tree(const RunContext& run, std::string_view rule_id) {
  if (run.tree == nullptr) return {};
  FindingList out;
  for (const Finding& f : run.tree->shared<TerragruntFindings>(run).all) {
    if (f.rule == rule_id) out.push_back(f);
  }
  return out;
}

}  // namespace pushgate
