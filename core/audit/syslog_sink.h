#pragma once
// Sends audit lines to the local syslog daemon as RFC 3164 datagrams on its Unix datagram socket
// (default /dev/log, audit.syslog_socket), for the lifetime of one hook run (docs/audit.md):
//
//   Result<SyslogSink> sink = SyslogSink::open("/dev/log");
//   Status sent = sink.value().send(SyslogLevel::kNotice, line, std::chrono::system_clock::now());
//
// Each message is "<PRI>Mmm dd hh:mm:ss pushgate[pid]: line" with facility auth: the local form
// syslog(3) sends, with no host name, because the daemon on the socket (rsyslog's imuxsock,
// journald) reads the word after the time as the program name and adds the host itself. syslog(3)
// is not used: it reports no delivery errors and keeps its connection in libc's global state,
// while here a missing daemon or a refused datagram is an error the caller handles
// (audit.on_error).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace pushgate {

enum class SyslogLevel : std::uint8_t { kNotice, kWarning };

inline constexpr const char* kDefaultSyslogSocket = "/dev/log";

class SyslogSink {
 public:
  // Creates the socket and connects it to `socket_path` (an AF_UNIX SOCK_DGRAM socket).
  static Result<SyslogSink> open(const std::string& socket_path);
  SyslogSink(SyslogSink&& other) noexcept;
  SyslogSink& operator=(SyslogSink&& other) noexcept;
  SyslogSink(const SyslogSink&) = delete;
  SyslogSink& operator=(const SyslogSink&) = delete;
  ~SyslogSink();

  // One datagram; an error when the daemon does not take it whole.
  Status send(SyslogLevel level, std::string_view message,
              std::chrono::system_clock::time_point now) const;

  // The datagram for `message` (exposed for tests).
  static std::string format(SyslogLevel level, std::string_view message,
                            std::chrono::system_clock::time_point now, long pid);

 private:
  SyslogSink(int fd, std::string path) noexcept : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

}  // namespace pushgate
