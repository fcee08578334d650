#include "core/base/path_entry.h"

#include <filesystem>

namespace pushgate {

PathEntry probe_path_entry(const std::string& path) {
  namespace fs = std::filesystem;
  PathEntry entry;
  std::error_code ec;
  const fs::file_status own = fs::symlink_status(path, ec);
  if (ec) {
    // ENOENT: nothing there. ENOTDIR: a parent is a file, so nothing there either.
    if (ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
      entry.error = ec;
    }
    return entry;
  }
  if (!fs::exists(own)) return entry;
  entry.present = true;
  if (!fs::is_symlink(own)) return entry;
  entry.link_target = fs::read_symlink(path, ec).string();
  std::error_code target_ec;
  const fs::file_status target = fs::status(path, target_ec);
  // A loop (ELOOP) is not "dangling": the loader reports it as unreadable with the OS's words.
  entry.dangling_link = target_ec ? (target_ec == std::errc::no_such_file_or_directory ||
                                     target_ec == std::errc::not_a_directory)
                                  : !fs::exists(target);
  return entry;
}

}  // namespace pushgate
