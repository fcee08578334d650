#include "core/git/work_tree.h"

#include <git2.h>

#include <filesystem>

namespace pushgate {

void WorkTree::Free::operator()(git_repository* repo) const {
  git_repository_free(repo);
}

std::optional<WorkTree> WorkTree::discover(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path start = fs::absolute(path, ec);
  if (ec) return std::nullopt;
  if (!fs::is_directory(fs::symlink_status(start, ec))) start = start.parent_path();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, start.c_str(), 0, nullptr) != 0) return std::nullopt;
  WorkTree tree;
  tree.repo_.reset(raw, Free{});
  const char* workdir = git_repository_workdir(raw);
  if (workdir == nullptr) return std::nullopt;  // bare
  tree.root_ = workdir;
  while (tree.root_.size() > 1 && tree.root_.back() == '/') tree.root_.pop_back();
  return tree;
}

bool WorkTree::ignored(const std::string& relative) const {
  int ignored = 0;
  if (git_ignore_path_is_ignored(&ignored, repo_.get(), relative.c_str()) != 0) return false;
  return ignored != 0;
}

bool WorkTree::tracked(const std::string& relative) const {
  git_index* index = nullptr;
  if (git_repository_index(&index, repo_.get()) != 0) return false;
  bool found = false;
  if (!relative.empty() && relative.back() == '/') {
    std::size_t at = 0;
    found = git_index_find_prefix(&at, index, relative.c_str()) == 0;
  } else {
    found = git_index_get_bypath(index, relative.c_str(), 0) != nullptr;
  }
  git_index_free(index);
  return found;
}

}  // namespace pushgate
