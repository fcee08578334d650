#include "core/audit/syslog_sink.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <utility>

namespace pushgate {
namespace {

// RFC 3164 4.1.1: PRI = facility * 8 + severity; auth is facility 4, notice 5, warning 4.
constexpr int kFacilityAuth = 4;
constexpr int kSeverityWarning = 4;
constexpr int kSeverityNotice = 5;

Error socket_error(const std::string& what, const std::string& path, int error_number) {
  return Error{ErrorCode::kIo,
               what + " syslog socket " + path + ": " + std::strerror(error_number)};
}

}  // namespace

Result<SyslogSink> SyslogSink::open(const std::string& socket_path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.empty() || socket_path.size() >= sizeof(address.sun_path)) {
    return Error{ErrorCode::kInvalid, "syslog socket path \"" + socket_path +
                                          "\" is empty or longer than " +
                                          std::to_string(sizeof(address.sun_path) - 1) + " bytes"};
  }
  std::memcpy(address.sun_path, socket_path.data(), socket_path.size());
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return socket_error("cannot create a socket for the", socket_path, errno);
  SyslogSink sink(fd, socket_path);  // owns fd from here on
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return socket_error("cannot connect to the", socket_path, errno);
  }
  return sink;
}

SyslogSink::SyslogSink(SyslogSink&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

SyslogSink& SyslogSink::operator=(SyslogSink&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

SyslogSink::~SyslogSink() {
  if (fd_ >= 0) ::close(fd_);
}

std::string SyslogSink::format(SyslogLevel level, std::string_view message,
                               std::chrono::system_clock::time_point now, long pid) {
  const int severity = level == SyslogLevel::kWarning ? kSeverityWarning : kSeverityNotice;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm local{};
  ::localtime_r(&seconds, &local);
  // "Mmm dd hh:mm:ss" with the day padded by a space, in English whatever the locale.
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::array<char, 32> stamp{};
  std::snprintf(stamp.data(), stamp.size(), "%s %2d %02d:%02d:%02d",
                kMonths[static_cast<std::size_t>(local.tm_mon % 12)], local.tm_mday, local.tm_hour,
                local.tm_min, local.tm_sec);
  std::string out = "<" + std::to_string(kFacilityAuth * 8 + severity) + ">" + stamp.data();
  out += " pushgate[" + std::to_string(pid) + "]: ";
  out += message;
  return out;
}

Status SyslogSink::send(SyslogLevel level, std::string_view message,
                        std::chrono::system_clock::time_point now) const {
  const std::string datagram = format(level, message, now, static_cast<long>(::getpid()));
  const ssize_t sent = ::send(fd_, datagram.data(), datagram.size(), MSG_NOSIGNAL);
  if (sent < 0) return socket_error("cannot send to the", path_, errno);
  if (static_cast<std::size_t>(sent) != datagram.size()) {
    return Error{ErrorCode::kIo, "the syslog socket " + path_ + " took " + std::to_string(sent) +
                                     " of " + std::to_string(datagram.size()) + " bytes"};
  }
  return Status{};
}

}  // namespace pushgate
