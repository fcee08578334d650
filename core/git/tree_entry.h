#pragma once
// One file of a tree as git and every Snapshot (core/source/snapshot.h) list it: its path, its git
// mode, its blob id and its size where known. A plain value; it knows nothing about where the
// content comes from or how to read it.
//
//   for (const Entry& e : repo.list_tree(commit).value()) if (e.mode == EntryMode::kFile) ...
#include <cstdint>
#include <string>

namespace pushgate {

enum class EntryMode : std::uint8_t {
  kFile,        // regular file (git 100644)
  kExecutable,  // executable file (git 100755)
  kSymlink,     // symbolic link (git 120000); read() yields the link target, never follows it
  kSubmodule,   // gitlink (git 160000); has no content here
};

struct Entry {
  std::string path;  // relative to the snapshot root, '/'-separated, no leading "./"
  EntryMode mode = EntryMode::kFile;
  std::string id;          // git blob id (hex) where known, else empty
  std::uint64_t size = 0;  // bytes where known without reading (directories, index), else 0
  bool size_known = false;
};

}  // namespace pushgate
