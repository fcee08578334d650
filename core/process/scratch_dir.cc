#include "core/process/scratch_dir.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace pushgate {

ScratchDir::ScratchDir(std::string_view purpose) {
  std::string pattern = "/tmp/pushgate-" + std::string(purpose) + ".XXXXXX";
  if (::mkdtemp(pattern.data()) != nullptr) path_ = std::move(pattern);
}

ScratchDir::~ScratchDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Status write_private_file(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error{ErrorCode::kIo, "cannot create " + path + ": " + std::strerror(errno)};
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error_number = errno;
      ::close(fd);
      return Error{ErrorCode::kIo, "cannot write " + path + ": " + std::strerror(error_number)};
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return Status{};
}

}  // namespace pushgate
