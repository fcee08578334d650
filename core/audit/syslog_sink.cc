#include "core/audit/syslog_sink.h"

#include <syslog.h>

#include <climits>

namespace pushgate {

SyslogSink::SyslogSink() {
  // The identity string must outlive the connection: a literal does.
  ::openlog("pushgate", LOG_PID, LOG_AUTH);
}

SyslogSink::~SyslogSink() {
  ::closelog();
}

void SyslogSink::send(SyslogLevel level, std::string_view message) const {
  const int priority = level == SyslogLevel::kWarning ? LOG_WARNING : LOG_NOTICE;
  const int length = message.size() > INT_MAX ? INT_MAX : static_cast<int>(message.size());
  ::syslog(priority, "%.*s", length, message.data());
}

}  // namespace pushgate
