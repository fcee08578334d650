#include "core/config/audit_config.h"

#include <array>
#include <filesystem>

#include "core/config/config.h"

namespace pushgate {
namespace {

constexpr std::array<EnumValue<AuditOnError>, 2> kAuditOnError = {{
    {"reject", AuditOnError::kReject},
    {"warn", AuditOnError::kWarn},
}};

void read_file(ConfigReader& reader, NodeRef value, const std::string& key_path,
               AuditConfig& audit) {
  const std::optional<std::string> path = reader.read_string(value, key_path);
  if (!path) return;
  if (path->empty()) {
    reader.report(value, "`" + key_path + "` is empty; write the audit log's path");
    return;
  }
  audit.file = *path;
}

void read_syslog(ConfigReader& reader, NodeRef value, const std::string& key_path,
                 AuditConfig& audit) {
  if (value.kind() != NodeKind::kBool) {
    reader.report(value,
                  "`" + key_path + "` must be true or false, got " + ConfigReader::describe(value));
    return;
  }
  audit.syslog = value.as_bool();
}

void read_syslog_socket(ConfigReader& reader, NodeRef value, const std::string& key_path,
                        AuditConfig& audit) {
  const std::optional<std::string> path = reader.read_string(value, key_path);
  if (!path) return;
  if (path->empty()) {
    reader.report(value, "`" + key_path + "` is empty; write the syslog socket's path (/dev/log)");
    return;
  }
  audit.syslog_socket = *path;
}

void read_on_error(ConfigReader& reader, NodeRef value, const std::string& key_path,
                   AuditConfig& audit) {
  if (auto mode = reader.read_enum(value, key_path, audit_on_error_values())) {
    audit.on_error = *mode;
  }
}

constexpr std::array<KeySpec<AuditConfig>, 4> kAuditKeys = {{
    {"file", read_file},
    {"syslog", read_syslog},
    {"syslog_socket", read_syslog_socket},
    {"on_error", read_on_error},
}};

}  // namespace

void read_audit_section(ConfigReader& reader, NodeRef value, const std::string& key_path,
                        Config& config) {
  AuditConfig audit;
  const std::size_t before = reader.finding_count();
  reader.read_mapping(value, key_path, audit_keys(), audit);
  if (reader.finding_count() != before) return;
  // A section that records nowhere would look like an audit trail and be none.
  if (audit.file.empty() && !audit.syslog) {
    reader.report(value, "`" + key_path +
                             "` records nowhere; set `file: /var/log/pushgate/audit.jsonl`, "
                             "`syslog: true`, or both");
    return;
  }
  if (value.get("syslog_socket") && !audit.syslog) {
    reader.report(value.get("syslog_socket"),
                  "`" + key_path +
                      ".syslog_socket` only applies with `syslog: true`; add it or "
                      "remove the socket");
    return;
  }
  if (!audit.file.empty()) audit.file = resolve_config_path(config.origin, audit.file);
  audit.syslog_socket = resolve_config_path(config.origin, audit.syslog_socket);
  config.audit = std::move(audit);
}

std::span<const KeySpec<AuditConfig>> audit_keys() {
  return kAuditKeys;
}
std::span<const EnumValue<AuditOnError>> audit_on_error_values() {
  return kAuditOnError;
}

}  // namespace pushgate
