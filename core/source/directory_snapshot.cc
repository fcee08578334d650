#include "core/source/directory_snapshot.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace pushgate {
namespace {

namespace fs = std::filesystem;

std::string errno_text(int error) {
  return std::strerror(error);
}

Error io_error(const std::string& what, int error) {
  ErrorCode code = (error == ENOENT || error == ENOTDIR) ? ErrorCode::kNotFound : ErrorCode::kIo;
  return Error{code, what + ": " + errno_text(error)};
}

struct DirCloser {
  void operator()(DIR* dir) const { closedir(dir); }
};

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "/" + name;
}

// Builds the entry for a non-directory; false for things that are not files (sockets, FIFOs…).
bool entry_for(const std::string& relative, const struct stat& st, Entry& entry) {
  entry.path = relative;
  entry.size = static_cast<std::uint64_t>(st.st_size);
  entry.size_known = true;
  if (S_ISLNK(st.st_mode)) {
    entry.mode = EntryMode::kSymlink;
  } else if (S_ISREG(st.st_mode)) {
    entry.mode = (st.st_mode & S_IXUSR) != 0 ? EntryMode::kExecutable : EntryMode::kFile;
  } else {
    return false;
  }
  return true;
}

// Collects every file under `absolute` (whose path relative to the root is `relative`).
Status walk(const std::string& absolute, const std::string& relative, std::vector<Entry>& out,
            const DirectorySnapshot::SkipWalked* skip = nullptr) {
  std::unique_ptr<DIR, DirCloser> dir(opendir(absolute.c_str()));
  if (!dir) return io_error("read directory " + absolute, errno);
  std::vector<std::string> subdirectories;
  while (true) {
    errno = 0;
    const dirent* item = readdir(dir.get());
    if (item == nullptr) {
      if (errno != 0) return io_error("read directory " + absolute, errno);
      break;
    }
    std::string name = item->d_name;
    if (name == "." || name == ".." || name == ".git") continue;
    std::string child = absolute + "/" + name;
    struct stat st;
    if (lstat(child.c_str(), &st) != 0) return io_error("inspect " + child, errno);
    if (skip != nullptr && *skip && (*skip)(join(relative, name), S_ISDIR(st.st_mode))) continue;
    if (S_ISDIR(st.st_mode)) {
      subdirectories.push_back(name);
      continue;
    }
    Entry entry;
    if (entry_for(join(relative, name), st, entry)) out.push_back(std::move(entry));
  }
  dir.reset();  // one open directory per level at most
  for (const std::string& name : subdirectories) {
    Status status = walk(absolute + "/" + name, join(relative, name), out, skip);
    if (!status) return status;
  }
  return Status::ok();
}

std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = fs::path(path);
  std::string text = absolute.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

Result<std::string> directory_root(const std::string& root) {
  std::string absolute = absolute_normal(root);
  struct stat st;
  // The root itself may be a symlink to a directory: it is the caller's choice, not content.
  if (stat(absolute.c_str(), &st) != 0) return io_error("open " + root, errno);
  if (!S_ISDIR(st.st_mode)) return Error{ErrorCode::kInvalid, root + " is not a directory"};
  return absolute;
}

void sort_and_dedupe(std::vector<Entry>& entries) {
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.path < b.path; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const Entry& a, const Entry& b) { return a.path == b.path; }),
                entries.end());
}

}  // namespace

Result<std::unique_ptr<DirectorySnapshot>> DirectorySnapshot::open(const std::string& root) {
  Result<std::string> absolute = directory_root(root);
  if (!absolute) return absolute.error();
  std::vector<Entry> entries;
  Status status = walk(absolute.value(), "", entries);
  if (!status) return status.error();
  sort_and_dedupe(entries);
  return std::unique_ptr<DirectorySnapshot>(
      new DirectorySnapshot(absolute.value(), root, std::move(entries)));
}

Result<std::unique_ptr<DirectorySnapshot>> DirectorySnapshot::open_paths(
    const std::string& root, const std::vector<std::string>& paths) {
  return open_paths(root, paths, SkipWalked());
}

Result<std::unique_ptr<DirectorySnapshot>> DirectorySnapshot::open_paths(
    const std::string& root, const std::vector<std::string>& paths, const SkipWalked& skip) {
  Result<std::string> absolute_root = directory_root(root);
  if (!absolute_root) return absolute_root.error();
  std::vector<Entry> entries;
  for (const std::string& path : paths) {
    std::string absolute = absolute_normal(path);
    std::string relative = fs::path(absolute).lexically_relative(absolute_root.value()).string();
    if (relative.empty() || relative == ".." || relative.rfind("../", 0) == 0) {
      return Error{ErrorCode::kInvalid,
                   path + " is outside " + root + "; name files inside it or choose another root"};
    }
    if (relative == ".") relative.clear();
    struct stat st;
    if (lstat(absolute.c_str(), &st) != 0) return io_error(path, errno);
    if (S_ISDIR(st.st_mode)) {
      Status status = walk(absolute, relative, entries, &skip);
      if (!status) return status.error();
      continue;
    }
    Entry entry;
    if (!entry_for(relative, st, entry)) {
      return Error{ErrorCode::kInvalid,
                   path + " is not a regular file, directory or symlink; it cannot be checked"};
    }
    entries.push_back(std::move(entry));
  }
  sort_and_dedupe(entries);
  return std::unique_ptr<DirectorySnapshot>(
      new DirectorySnapshot(absolute_root.value(), root, std::move(entries)));
}

DirectorySnapshot::DirectorySnapshot(std::string root, std::string shown_as,
                                     std::vector<Entry> entries)
    : root_(std::move(root)), shown_as_(std::move(shown_as)), entries_(std::move(entries)) {}

std::string DirectorySnapshot::describe() const {
  return "directory " + shown_as_;
}

Result<std::string> DirectorySnapshot::read(const Entry& entry) const {
  const std::string path = root_ + "/" + entry.path;
  if (entry.mode == EntryMode::kSymlink) {
    std::string target(4096, '\0');
    ssize_t n = readlink(path.c_str(), target.data(), target.size());
    if (n < 0) return io_error("read symlink " + entry.path, errno);
    target.resize(static_cast<std::size_t>(n));
    return target;
  }
  // O_NOFOLLOW: a symlink swapped in after listing is refused, not followed; O_NONBLOCK: a FIFO
  // swapped in cannot block the open.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ELOOP) {
      return Error{ErrorCode::kInvalid, entry.path + " became a symlink after it was listed"};
    }
    return io_error("read " + entry.path, errno);
  }
  struct stat st;
  if (fstat(fd.get(), &st) != 0) return io_error("read " + entry.path, errno);
  if (!S_ISREG(st.st_mode)) {
    return Error{ErrorCode::kInvalid, entry.path + " is no longer a regular file"};
  }
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("read " + entry.path, errno);
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

}  // namespace pushgate
