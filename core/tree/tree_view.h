#pragma once
// The whole tree that would land, for whole-run validators (Validator::check_run): every path of
// the snapshot (a git tree at the new tip, the staged index, a directory), whether a folder
// exists, and any file read and parsed on demand — once per run, cached. What per-file
// validators see is unchanged: they still get only the files of the request.
//
//   const TreeView& tree = *run.tree;
//   if (!tree.has_file("base/deploy.yaml") && !tree.has_directory("base")) ...
//   if (const TreeFile* file = tree.file("base/kustomization.yaml"); file && file->parsed) ...
//
// It knows nothing about hooks or rules; it only lists and parses.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <utility>
#include <vector>

#include "core/base/shared_pass.h"
#include "core/document/document.h"
#include "core/hcl/hcl.h"
#include "core/source/snapshot.h"
#include "core/tree/object_inventory.h"
#include "core/tree/summary_cache.h"

namespace pushgate {

// One file of the tree, read and parsed (YAML, or JSON for `.json`).
struct TreeFile {
  const Entry* entry = nullptr;
  std::string_view content;
  const ParsedFile* parsed = nullptr;  // null when unreadable, over the size limit, not a file
  std::string error;                   // why it was not parsed ("" when parsed)
  // What `content` and `parsed` point at when the view read the file itself (a file the run
  // parsed already is adopted instead: see TreeView::adopt).
  std::string owned_content;
  std::optional<ParsedFile> owned_parsed;
};

class TreeView {
 public:
  // `selects`: the files the run's config would parse (include/exclude globs, not a Helm
  // template); every file when empty. `summaries`: where inventory() finds file summaries it
  // need not compute (null: it summarizes every file), and stores those it computes.
  using Selector = std::function<bool(std::string_view path)>;
  TreeView(const Snapshot& snapshot, const ParseLimits& limits, Selector selects = {},
           SummaryCache* summaries = nullptr);
  TreeView(const TreeView&) = delete;
  TreeView& operator=(const TreeView&) = delete;

  // For messages: what the snapshot is ("commit 1a2b3c4 (refs/heads/main)", ...).
  std::string describe() const { return snapshot_.describe(); }
  // Every entry, sorted bytewise by path (so a folder's entries are contiguous).
  std::span<const Entry> entries() const { return entries_; }
  // The entry at exactly `path`, or nullptr.
  const Entry* find(std::string_view path) const;
  bool has_file(std::string_view path) const { return find(path) != nullptr; }
  // True when some entry lies under `path/` ("" is the root, which always exists).
  bool has_directory(std::string_view path) const;
  // The entries under `path/` (the whole tree for "").
  std::span<const Entry> under(std::string_view path) const;
  // True when the run's config would parse `path` as YAML/JSON (rules that scan the whole tree
  // for objects look only at these).
  bool selected(std::string_view path) const { return !selects_ || selects_(path); }
  // The entry at `path`, or under a submodule that `path` lies in: content pushgate cannot see.
  const Entry* submodule_of(std::string_view path) const;

  // `path` read and parsed, cached for the run; nullptr when there is no such entry. Symlinks
  // and submodules are listed but never parsed. Safe to call from several threads.
  const TreeFile* file(std::string_view path) const;
  // Lends the view a file the run parsed already, so it is not read and parsed a second time
  // (on a first push that is every file). `file` and `content` must outlive the view.
  void adopt(const ParsedFile& file, std::string_view content);
  // `path` read with the HCL reader (core/hcl/hcl.h), once per run for every rule that asks;
  // nullptr when there is no such regular file, it cannot be read or it is over files.max_size
  // (the run reports those). Safe to call from several threads.
  const HclFile* hcl(std::string_view path) const;
  // Lends the view an HCL file the run read already (`file` must outlive the view).
  void adopt_hcl(const HclFile& file);
  // The bytes of `entry` as the snapshot holds them, read anew and not parsed or cached: for
  // rules that hand files to an outside tool (gitops/kustomize-build), whatever their type.
  Result<std::string> read(const Entry& entry) const { return snapshot_.read(entry); }
  // Snapshot::read_within: nullopt for a file over `max_bytes`, never loaded.
  Result<std::optional<std::string>> read_within(const Entry& entry,
                                                 std::uint64_t max_bytes) const {
    return snapshot_.read_within(entry, max_bytes);
  }

  // Every object of the selected files of the tree (object_inventory.h), built on first use
  // from the summary cache and, for files it does not hold, by reading and parsing them. Safe
  // from several threads: rules asking while it is built each summarize some of the files.
  const ObjectInventory& inventory() const;
  // The summary of the regular, selected file at `path`, as inventory() would hold it, without
  // building the inventory (a rule asking about the few files a change touched); null when there
  // is no such file or it cannot be read.
  std::shared_ptr<const FileSummary> summary(std::string_view path) const;

  // A value built once per view and shared by every rule of the run that asks for the same type
  // (one Flux lookup for all the Flux rules, not one each): T(args...) on the first call, in
  // place (it may point into itself). Safe from several threads (whole-run rules run side by
  // side): built by the first thread that asks, the others wait for it rather than build it
  // again; T's constructor may ask for other shared values (not for T itself).
  template <typename T, typename... Args>
  const T& shared(Args&&... args) const {
    SharedSlot* slot = nullptr;
    {
      std::lock_guard lock(shared_mutex_);
      slot = &shared_[std::type_index(typeid(T))];  // map nodes never move
    }
    std::call_once(slot->once,
                   [&] { slot->value = std::make_shared<const T>(std::forward<Args>(args)...); });
    return *static_cast<const T*>(slot->value.get());
  }

  // True when inventory() reads summaries from a cache kept across runs (the object index): then
  // it costs lookups, not parsing, and rules may prefer it to parsing files themselves.
  bool has_summary_cache() const { return summaries_ != nullptr; }

 private:
  // `computed`: false when the cache held it.
  std::shared_ptr<const FileSummary> summary_of(const Entry& entry, bool& computed) const;

  const Snapshot& snapshot_;
  ParseLimits limits_;
  Selector selects_;
  std::vector<Entry> entries_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<TreeFile>, std::less<>> cache_;
  struct HclSlot {
    std::unique_ptr<HclFile> owned;
    const HclFile* file = nullptr;  // owned, adopted, or null (not readable as HCL)
  };
  mutable std::map<std::string, HclSlot, std::less<>> hcl_;  // under mutex_
  SummaryCache* summaries_ = nullptr;
  mutable SharedPass inventory_pass_;
  struct InventorySlot {
    std::shared_ptr<const FileSummary> summary;  // null: not selected, or unreadable
    bool computed = false;
  };
  mutable std::vector<InventorySlot> inventory_slots_;  // per entry, while the pass runs
  mutable ObjectInventory inventory_;
  mutable std::mutex shared_mutex_;
  struct SharedSlot {
    std::once_flag once;
    std::shared_ptr<const void> value;  // written once, under `once`
  };
  mutable std::map<std::type_index, SharedSlot> shared_;  // the map under shared_mutex_
};

// Joins `relative` onto folder `base` ("" = root) and resolves "." and "..": "a/b" + "../c" ->
// "a/c". Empty when the result would leave the root or `relative` is absolute.
std::optional<std::string> resolve_tree_path(std::string_view base, std::string_view relative);
// The folder of `path` ("" for a file at the root).
std::string_view parent_folder(std::string_view path);

}  // namespace pushgate
