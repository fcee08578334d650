#pragma once
// The paths one run changed or deleted, for whole-tree rules that re-judge only what a change
// can affect: a file that refers to `base/` needs judging again when anything at or under
// `base/` was added, modified or deleted.
//
//   const ChangeSet changes(run.changed, run.deleted);
//   if (changes.contains(kustomization) || changes.touches("base")) ...
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/source/snapshot.h"

namespace pushgate {

class ChangeSet {
 public:
  ChangeSet(std::span<const Entry> changed, std::span<const std::string> deleted);
  // `path` itself changed or was deleted.
  bool contains(std::string_view path) const;
  // `path`, or something under `path/`, changed or was deleted ("" touches everything changed).
  bool touches(std::string_view path) const;
  // touches(path), or one of the folders above `path` itself changed or was deleted (a folder
  // replaced by a file or a submodule): what `path` names may have changed.
  bool affects(std::string_view path) const;
  bool empty() const { return paths_.empty(); }

 private:
  std::vector<std::string> paths_;  // sorted, unique
};

}  // namespace pushgate
