#include "core/base/replace_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

namespace pushgate {
namespace {

bool write_all(int fd, std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

}  // namespace

Status replace_file(const std::string& path, std::initializer_list<std::string_view> parts,
                    std::optional<mode_t> mode) {
  std::error_code ec;
  const std::filesystem::path target(path);
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) {
    return Error{ErrorCode::kIo, "create " + target.parent_path().string() + ": " + ec.message()};
  }
  std::random_device random;
  const std::string temp =
      path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(random());
  // With a mode given, owner-only until it is set: nobody else opens the file meanwhile and
  // reads what is written after.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ? 0600 : 0666);
  if (fd < 0) return Error{ErrorCode::kIo, "create " + temp + ": " + std::strerror(errno)};
  bool written = !mode || ::fchmod(fd, *mode) == 0;
  for (std::string_view part : parts) written = written && write_all(fd, part);
  written = ::close(fd) == 0 && written;
  if (!written) {
    std::filesystem::remove(temp, ec);
    return Error{ErrorCode::kIo, "write " + temp};
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return Error{ErrorCode::kIo, "rename " + temp + " to " + path + ": " + ec.message()};
  }
  return Status::ok();
}

}  // namespace pushgate
