#include "core/tree/object_inventory.h"

#include <algorithm>

namespace pushgate {

ObjectInventory::ObjectInventory(std::vector<InventoryFile> files, std::size_t summarized)
    : files_(std::move(files)), summarized_(summarized) {
  std::sort(files_.begin(), files_.end(), [](const InventoryFile& a, const InventoryFile& b) {
    return a.entry->path < b.entry->path;
  });
  for (const InventoryFile& f : files_) {
    for (const SummarizedObject& o : f.summary->objects) {
      objects_.push_back(InventoryObject{f.entry, &o, f.summary.get()});
    }
  }
}

std::vector<InventoryObject> ObjectInventory::of_kind(std::string_view kind) const {
  std::vector<InventoryObject> out;
  for (const InventoryObject& o : objects_) {
    if (o.object->kind == kind) out.push_back(o);
  }
  return out;
}

const FileSummary* ObjectInventory::file(std::string_view path) const {
  auto it = std::lower_bound(
      files_.begin(), files_.end(), path,
      [](const InventoryFile& f, std::string_view p) { return f.entry->path < p; });
  return it != files_.end() && it->entry->path == path ? it->summary.get() : nullptr;
}

}  // namespace pushgate
