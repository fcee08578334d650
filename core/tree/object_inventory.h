#pragma once
// Every object the tree defines, from file summaries (file_summary.h): what cross-file rules
// resolve references against (a Flux sourceRef names a GitRepository somewhere in the tree, an
// Argo CD Application names an AppProject). Built once per run by TreeView::inventory(): a file
// whose summary the cache holds is not read; any other selected file is read, parsed,
// summarized and dropped (a file the run parsed already is summarized from that parse).
//
//   for (const InventoryObject& o : tree.inventory().of_kind("GitRepository")) ...
#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/source/snapshot.h"
#include "core/tree/file_summary.h"

namespace pushgate {

struct InventoryFile {
  const Entry* entry = nullptr;  // the tree's entry (path, blob id)
  std::shared_ptr<const FileSummary> summary;
};

// One object, with the file that defines it.
struct InventoryObject {
  const Entry* entry = nullptr;
  const SummarizedObject* object = nullptr;
  const FileSummary* file = nullptr;
};

class ObjectInventory {
 public:
  ObjectInventory() = default;
  explicit ObjectInventory(std::vector<InventoryFile> files, std::size_t summarized);

  // Every selected file of the tree, sorted by path (files that could not be read are absent).
  std::span<const InventoryFile> files() const { return files_; }
  // Every object, in path then document order.
  std::span<const InventoryObject> objects() const { return objects_; }
  // The objects of one kind (any API group), in path then document order.
  std::vector<InventoryObject> of_kind(std::string_view kind) const;
  // The summary of the file at `path`, or null when it is not in the inventory.
  const FileSummary* file(std::string_view path) const;
  // How many files had to be summarized (not found in the cache), for statistics and tests.
  std::size_t summarized() const { return summarized_; }

 private:
  std::vector<InventoryFile> files_;
  std::vector<InventoryObject> objects_;
  std::size_t summarized_ = 0;
};

}  // namespace pushgate
