#include "core/audit/audit_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pushgate {
namespace {

// Closes the descriptor (and so releases the flock) on every path out.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

Error io_error(const std::string& what, const std::string& path, int error_number) {
  return Error{ErrorCode::kIo, what + " " + path + ": " + std::strerror(error_number)};
}

}  // namespace

Status append_line(const std::string& path, std::string_view line) {
  if (line.find('\n') != std::string_view::npos) {
    return Error{ErrorCode::kInvalid, "an audit line must not contain a line break"};
  }
  std::string text(line);
  text += '\n';

  OpenFile file(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640));
  if (file.fd() < 0) return io_error("cannot open", path, errno);
  int locked = 0;
  do {
    locked = ::flock(file.fd(), LOCK_EX);
  } while (locked != 0 && errno == EINTR);
  if (locked != 0) return io_error("cannot lock", path, errno);

  struct stat before {};
  if (::fstat(file.fd(), &before) != 0) return io_error("cannot stat", path, errno);
  if (!S_ISREG(before.st_mode)) {
    return Error{ErrorCode::kInvalid, path + " is not a regular file"};
  }
  ssize_t written = 0;
  do {
    written = ::write(file.fd(), text.data(), text.size());
  } while (written < 0 && errno == EINTR);
  if (written == static_cast<ssize_t>(text.size())) return Status{};

  const int error_number = written < 0 ? errno : ENOSPC;
  // Take back a torn line: the next writer must start on a fresh line.
  if (written > 0 && ::ftruncate(file.fd(), before.st_size) != 0) {
    return io_error("wrote a partial line and cannot remove it from", path, errno);
  }
  return io_error(written < 0 ? "cannot write to" : "short write to", path, error_number);
}

}  // namespace pushgate
