#pragma once
// A validator looks at what one run parsed and appends findings; it never prints, logs or exits.
// One rule = one small class in its own file (validators/<family>/<name>_rule.{h,cc}), declared by
// one row in core/policy/rule_table.inc (its default severity, profiles, scopes, options), built by
// one line in validators/registry.cc, with a test in tests/unit/validators/<family>/ and a docs
// page docs/rules/<family>/<name>.md (docs/architecture.md, "Add a rule").
//
//   class TabIndentationRule final : public Validator {
//    public:
//     std::string_view rule() const override { return "yaml/tab-indentation"; }
//     void check_file(const FileContext& file, FindingList& out) const override { ... }
//   };
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/config/config.h"
#include "core/document/document.h"
#include "core/finding/finding.h"
#include "core/source/snapshot.h"
#include "core/tree/lazy_base_tree.h"
#include "core/tree/tree_view.h"

namespace pushgate {

// One changed entry of the snapshot, before any parsing (every mode, symlinks included).
// `content` is read for selected YAML/JSON files, symlinks (their target), and — when some
// validator wants_every_file() — every other regular text file up to files.max_size; it is
// empty otherwise (binary files, submodules, files over the limit).
struct EntryContext {
  const Snapshot& snapshot;
  const Entry& entry;
  std::string_view content;
  std::string_view ref = {};  // the pushed ref ("" outside git)
};

// One parsed file (YAML or JSON) with its raw bytes.
struct FileContext {
  const ParsedFile& file;
  std::string_view content;
  std::string_view ref = {};  // the pushed ref ("" outside git), for ref-dependent policies
};

// Everything one engine run parsed, for validators that judge all objects of a run at once
// (OPA: bounded concurrency, kept-alive connections and one time budget across a whole push).
struct RunContext {
  std::span<const FileContext> files;  // every parsed file of the run, in request order
  std::string_view ref;                // the pushed ref ("" outside git)
  std::string_view commit;             // the commit checked ("" outside git)
  std::string_view repository;         // the repository's name or path ("" when unknown)
  std::string_view pusher;             // who pushed ("" when unknown, e.g. outside hooks)
  // The whole tree that would land (every path, any file parsed on demand); null only in tests
  // that build a RunContext by hand.
  const TreeView* tree = nullptr;
  std::span<const Entry> changed = {};  // every entry the run was asked to check, parsed or not
  std::span<const std::string> deleted = {};  // paths the change removed from the tree
  // The tree before the change (the ref's old tip, the parent commit, HEAD for pre-commit), when
  // some validator wants_base_tree() and there is one; null for a directory check or a new ref.
  // Cross-file rules use it to report what the change broke rather than what was already broken.
  // Opened on first use (lazy_base_tree.h): read it through base(), and only when needed.
  const LazyBaseTree* base_tree = nullptr;

  // The tree before the change, opened now if not yet. Null when there is none, or when it could
  // not be opened: rules then report as without a base (every problem), and the engine adds an
  // internal/error, so a failed base never lets a change through.
  const TreeView* base() const { return base_tree != nullptr ? base_tree->get() : nullptr; }

  // The tree before the change at the paths the change touched only (`changed` and `deleted`
  // as they were before; a path the change added is absent), opened on first use without
  // listing the rest of the tree. Its selection is the new tree's. Null when there is no base,
  // it is not offered (a test's RunContext, pre-commit) or it cannot be read: then rules must
  // judge without it (as on any change), never assume the change touched nothing.
  const LazyBaseTree* base_changes = nullptr;
  const TreeView* base_of_changes() const {
    return base_changes != nullptr ? base_changes->get() : nullptr;
  }
};

class Validator {
 public:
  virtual ~Validator() = default;
  // The rule id (or family prefix, for validators that emit several ids) — for listing and docs.
  virtual std::string_view rule() const = 0;
  // True for validators that read every changed text file, not only YAML/JSON (secret scanning).
  virtual bool wants_every_file() const { return false; }
  // Called for every changed entry. Default: nothing.
  virtual void check_entry(const EntryContext& entry, FindingList& out) const;
  // Called for every parsed file. Default: nothing.
  virtual void check_file(const FileContext& file, FindingList& out) const;
  // True for validators that need check_run; the engine then keeps every parsed file until the
  // run ends.
  virtual bool wants_run() const { return false; }
  // True for whole-run validators that compare with the tree before the change
  // (RunContext::base()); the caller then supplies that tree, opened on first use. Implies
  // wants_run().
  virtual bool wants_base_tree() const { return false; }
  // Called once per run, after every file was checked. Several validators' check_run run side by
  // side on the engine's workers, each with its own `out` (joined in the validators' order, so
  // output does not depend on which ran first): whatever a check_run shares lazily — with other
  // rules through `run` (TreeView::file, hcl, inventory, shared, base) or in statics — must be
  // safe from several threads (built under std::call_once or a lock, immutable after).
  // Default: nothing.
  virtual void check_run(const RunContext& run, FindingList& out) const;
};

// Every validator enabled by `config`, built once per run; stateless and shared by all workers.
class ValidatorSet {
 public:
  explicit ValidatorSet(const Config& config);
  // Pinned in place: a validator may hold a reference to its set (gitops/kustomize-build runs the
  // others on rendered objects).
  ValidatorSet(const ValidatorSet&) = delete;
  ValidatorSet& operator=(const ValidatorSet&) = delete;
  const std::vector<std::unique_ptr<Validator>>& all() const { return validators_; }

 private:
  std::vector<std::unique_ptr<Validator>> validators_;
};

}  // namespace pushgate
