#include "core/tree/tree_view.h"

#include <algorithm>

namespace pushgate {
namespace {

bool path_less(const Entry& a, std::string_view b) {
  return a.path < b;
}

}  // namespace

TreeView::TreeView(const Snapshot& snapshot, const ParseLimits& limits, Selector selects,
                   SummaryCache* summaries)
    : snapshot_(snapshot),
      limits_(limits),
      selects_(std::move(selects)),
      entries_(snapshot.entries()),
      summaries_(summaries) {
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.path < b.path; });
}

const Entry* TreeView::find(std::string_view path) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), path, path_less);
  return it != entries_.end() && it->path == path ? &*it : nullptr;
}

std::span<const Entry> TreeView::under(std::string_view path) const {
  if (path.empty()) return entries_;
  const std::string prefix = std::string(path) + "/";
  // Every path under `prefix` sorts between it and prefix with '/' bumped to '0'.
  std::string end = prefix;
  end.back() = '/' + 1;
  auto first =
      std::lower_bound(entries_.begin(), entries_.end(), std::string_view(prefix), path_less);
  auto last = std::lower_bound(first, entries_.end(), std::string_view(end), path_less);
  return std::span<const Entry>(entries_).subspan(
      static_cast<std::size_t>(first - entries_.begin()), static_cast<std::size_t>(last - first));
}

bool TreeView::has_directory(std::string_view path) const {
  return path.empty() || !under(path).empty();
}

const Entry* TreeView::submodule_of(std::string_view path) const {
  // A file entry at some prefix of `path` ends the walk: nothing can lie under a file.
  for (std::size_t from = 0;;) {
    const std::size_t slash = path.find('/', from);
    if (const Entry* e = find(path.substr(0, slash))) {
      return e->mode == EntryMode::kSubmodule ? e : nullptr;
    }
    if (slash == std::string_view::npos) return nullptr;
    from = slash + 1;
  }
}

const TreeFile* TreeView::file(std::string_view path) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(path); it != cache_.end()) return it->second.get();
  }
  const Entry* entry = find(path);
  if (entry == nullptr) return nullptr;
  auto loaded = std::make_unique<TreeFile>();
  loaded->entry = entry;
  const bool regular = entry->mode == EntryMode::kFile || entry->mode == EntryMode::kExecutable;
  if (!regular) {
    loaded->error = "not a regular file";
  } else if (entry->size_known && entry->size > limits_.max_bytes) {
    loaded->error = "over files.max_size";
  } else if (Result<std::optional<std::string>> bytes =
                 snapshot_.read_within(*entry, limits_.max_bytes);
             !bytes) {
    loaded->error = bytes.error().message;
  } else if (!bytes.value()) {
    loaded->error = "over files.max_size";  // told by the object header: never loaded
  } else {
    loaded->owned_content = std::move(*bytes.value());
    loaded->owned_parsed = path.ends_with(".json")
                               ? parse_json(entry->path, loaded->owned_content, limits_)
                               : parse_yaml(entry->path, loaded->owned_content, limits_);
    loaded->content = loaded->owned_content;
    loaded->parsed = &*loaded->owned_parsed;
  }
  std::lock_guard lock(mutex_);
  // Another thread may have loaded it meanwhile: keep the first, so pointers stay stable.
  auto [it, inserted] = cache_.try_emplace(std::string(path), std::move(loaded));
  return it->second.get();
}

void TreeView::adopt(const ParsedFile& file, std::string_view content) {
  const Entry* entry = find(file.path);
  if (entry == nullptr) return;
  auto adopted = std::make_unique<TreeFile>();
  adopted->entry = entry;
  adopted->content = content;
  adopted->parsed = &file;
  std::lock_guard lock(mutex_);
  cache_.try_emplace(file.path, std::move(adopted));
}

const HclFile* TreeView::hcl(std::string_view path) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = hcl_.find(path); it != hcl_.end()) return it->second.file;
  }
  HclSlot slot;
  const Entry* entry = find(path);
  if (entry != nullptr &&
      (entry->mode == EntryMode::kFile || entry->mode == EntryMode::kExecutable)) {
    Result<std::optional<std::string>> bytes = snapshot_.read_within(*entry, limits_.max_bytes);
    if (bytes && bytes.value()) {
      HclLimits limits;
      limits.max_bytes = limits_.max_bytes;
      slot.owned = std::make_unique<HclFile>(parse_hcl(entry->path, *bytes.value(), limits));
      slot.file = slot.owned.get();
    }
  }
  std::lock_guard lock(mutex_);
  // Another thread may have read it meanwhile: keep the first, so pointers stay stable.
  return hcl_.try_emplace(std::string(path), std::move(slot)).first->second.file;
}

void TreeView::adopt_hcl(const HclFile& file) {
  if (find(file.path) == nullptr) return;
  std::lock_guard lock(mutex_);
  hcl_.try_emplace(file.path, HclSlot{nullptr, &file});
}

std::shared_ptr<const FileSummary> TreeView::summary_of(const Entry& entry, bool& computed) const {
  computed = false;
  const FileFormat format = entry.path.ends_with(".json") ? FileFormat::kJson : FileFormat::kYaml;
  const bool keyed = summaries_ != nullptr && !entry.id.empty();
  if (keyed) {
    if (auto known = summaries_->find(entry.id, format)) return known;
  }
  std::shared_ptr<const FileSummary> summary;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(entry.path); it != cache_.end() && it->second->parsed != nullptr) {
      summary = std::make_shared<const FileSummary>(summarize(*it->second->parsed));
    }
  }
  if (!summary) {
    // Read, parse, summarize and drop: keeping every parsed file of a large tree would cost
    // memory that nothing else needs.
    auto over_limit = std::make_shared<FileSummary>();
    over_limit->complete = false;
    if (entry.size_known && entry.size > limits_.max_bytes) {
      summary = std::move(over_limit);
    } else if (Result<std::optional<std::string>> bytes =
                   snapshot_.read_within(entry, limits_.max_bytes);
               !bytes) {
      return nullptr;  // unreadable: absent from the inventory, and not remembered
    } else if (!bytes.value()) {
      summary = std::move(over_limit);
    } else {
      const ParsedFile parsed = format == FileFormat::kJson
                                    ? parse_json(entry.path, *bytes.value(), limits_)
                                    : parse_yaml(entry.path, *bytes.value(), limits_);
      summary = std::make_shared<const FileSummary>(summarize(parsed));
    }
  }
  computed = true;
  if (keyed) summaries_->store(entry.id, format, summary);
  return summary;
}

std::shared_ptr<const FileSummary> TreeView::summary(std::string_view path) const {
  const Entry* entry = find(path);
  if (entry == nullptr || !selected(entry->path) ||
      (entry->mode != EntryMode::kFile && entry->mode != EntryMode::kExecutable)) {
    return nullptr;
  }
  bool computed = false;
  return summary_of(*entry, computed);
}

const ObjectInventory& TreeView::inventory() const {
  // Whole-run rules side by side all start with the inventory: each that asks summarizes some
  // of the files (shared_pass.h), and the inventory is the same whichever did which.
  auto plan = [this] {
    inventory_slots_.resize(entries_.size());
    return entries_.size();
  };
  auto summarize_one = [this](std::size_t i) {
    const Entry& entry = entries_[i];
    const bool regular = entry.mode == EntryMode::kFile || entry.mode == EntryMode::kExecutable;
    if (!regular || !selected(entry.path)) return;
    InventorySlot& slot = inventory_slots_[i];
    slot.summary = summary_of(entry, slot.computed);
  };
  auto build = [this] {
    std::vector<InventoryFile> files;
    std::size_t summarized = 0;
    for (std::size_t i = 0; i < inventory_slots_.size(); ++i) {
      InventorySlot& slot = inventory_slots_[i];
      if (!slot.summary) continue;  // not a selected file, or unreadable
      if (slot.computed) ++summarized;
      files.push_back(InventoryFile{&entries_[i], std::move(slot.summary)});
    }
    inventory_ = ObjectInventory(std::move(files), summarized);
    inventory_slots_ = {};
  };
  inventory_pass_.run(plan, summarize_one, build);
  return inventory_;
}

std::optional<std::string> resolve_tree_path(std::string_view base, std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return std::nullopt;
  std::vector<std::string_view> parts;
  auto push_segments = [&](std::string_view s) {
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t slash = s.find('/', start);
      if (slash == std::string_view::npos) slash = s.size();
      const std::string_view segment = s.substr(start, slash - start);
      if (segment == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!segment.empty() && segment != ".") {
        parts.push_back(segment);
      }
      start = slash + 1;
    }
    return true;
  };
  if (!push_segments(base) || !push_segments(relative)) return std::nullopt;
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::string_view parent_folder(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace pushgate
