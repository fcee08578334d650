#pragma once
// syslog(3) keeps its connection and identity in libc's global state; this class is the one
// place that touches it, for the lifetime of one hook run (docs/audit.md).
//
//   SyslogSink sink;                       // openlog("pushgate", LOG_PID, LOG_AUTH)
//   sink.send(SyslogLevel::kNotice, line); // one message per audit line
//
// Delivery is best effort: syslog(3) reports no errors, so a missing syslog daemon is not seen.
#include <cstdint>
#include <string_view>

namespace pushgate {

enum class SyslogLevel : std::uint8_t { kNotice, kWarning };

class SyslogSink {
 public:
  SyslogSink();
  ~SyslogSink();
  SyslogSink(const SyslogSink&) = delete;
  SyslogSink& operator=(const SyslogSink&) = delete;

  void send(SyslogLevel level, std::string_view message) const;
};

}  // namespace pushgate
