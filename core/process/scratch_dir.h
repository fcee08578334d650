#pragma once
// A private folder (mkdtemp under /tmp, mode 0700) for files pushgate hands to one of the
// server's programs, removed with everything in it; and files written into it, mode 0600.
//
//   ScratchDir dir("kustomize");
//   if (dir.path().empty()) ...  // could not be created
//   Status written = write_private_file(dir.path() + "/payload", bytes);
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace pushgate {

class ScratchDir {
 public:
  explicit ScratchDir(std::string_view purpose);  // /tmp/pushgate-<purpose>.XXXXXX
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }  // "" when it could not be created

 private:
  std::string path_;
};

// Creates `path` (it must not exist) with mode 0600 and writes `bytes`.
Status write_private_file(const std::string& path, std::string_view bytes);

}  // namespace pushgate
