#include "core/tree/change_set.h"

#include <algorithm>

namespace pushgate {

ChangeSet::ChangeSet(std::span<const Entry> changed, std::span<const std::string> deleted) {
  paths_.reserve(changed.size() + deleted.size());
  for (const Entry& e : changed) paths_.push_back(e.path);
  paths_.insert(paths_.end(), deleted.begin(), deleted.end());
  std::sort(paths_.begin(), paths_.end());
  paths_.erase(std::unique(paths_.begin(), paths_.end()), paths_.end());
}

bool ChangeSet::contains(std::string_view path) const {
  return std::binary_search(paths_.begin(), paths_.end(), path, std::less<>());
}

bool ChangeSet::touches(std::string_view path) const {
  if (path.empty()) return !paths_.empty();
  if (contains(path)) return true;
  const std::string prefix = std::string(path) + "/";
  auto it = std::lower_bound(paths_.begin(), paths_.end(), prefix);
  return it != paths_.end() && it->compare(0, prefix.size(), prefix) == 0;
}

bool ChangeSet::affects(std::string_view path) const {
  if (touches(path)) return true;
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    if (contains(path.substr(0, slash))) return true;
  }
  return false;
}

}  // namespace pushgate
