#pragma once
// The `audit:` section of pushgate.yaml: where every hook decision is recorded (docs/audit.md).
//
//   audit:
//     file: /var/log/pushgate/audit.jsonl   # one JSON line per decision, appended
//     syslog: false                         # also send each line to syslog (LOG_AUTH)
//     syslog_socket: /dev/log               # the syslog daemon's Unix datagram socket
//     on_error: reject                      # a line that cannot be written rejects the push
//
// Relative paths are relative to the config file's folder.
#include <cstdint>
#include <span>
#include <string>

#include "core/config/config_reader.h"

namespace pushgate {

enum class AuditOnError : std::uint8_t {
  kReject,  // fail closed: a decision that cannot be recorded rejects the push
  kWarn,    // report a warning and let the decision stand
};

struct AuditConfig {
  std::string file;  // absolute; "" when only syslog is used
  bool syslog = false;
  std::string syslog_socket = "/dev/log";  // absolute; used with syslog: true
  AuditOnError on_error = AuditOnError::kReject;
};

// `audit:` reader for the top-level key table (config_keys.cc).
struct Config;
void read_audit_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                        Config& config);

std::span<const KeySpec<AuditConfig>> audit_keys();
std::span<const EnumValue<AuditOnError>> audit_on_error_values();

}  // namespace pushgate
