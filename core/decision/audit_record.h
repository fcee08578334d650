#pragma once
// One audit log line per hook decision (docs/audit.md; schema: schemas/audit-line.schema.json):
//
//   {"time":"2026-11-26T18:50:01.123Z","hook":"pre-receive","repository":"/srv/git/app.git",
//    "pusher":"alice","pusher_source":"GL_USER","transport":"gitolite","push_certificate":null,
//    "decision":"reject",
//    "refs":[{"ref":"refs/heads/main","old":"…","new":"…","decision":"reject",
//             "errors":1,"warnings":0,"infos":0}],
//    "counts":{"errors":1,"warnings":0,"infos":0},"rules":["git/non-fast-forward"],
//    "bypass":null,"duration_ms":12}
#include <chrono>
#include <optional>
#include <string>

#include "core/report/report.h"
#include "core/decision/bypass.h"
#include "validators/git/git_rule.h"

namespace pushgate {

struct AuditFacts {
  std::string hook;        // "pre-receive" or "update"
  std::string repository;  // the repository's absolute path
  std::optional<Pusher> pusher;
  std::string transport = "local";  // hook_transport() (hooks/pusher.h)
  // "" without GIT_PUSH_CERT_* variables, else "verified" or "untrusted" (push_certificate.h).
  std::string push_certificate;
  BypassOutcome bypass;
};

// The line, without a newline. Text that is not valid UTF-8 (a ref name, a reason) is replaced
// with U+FFFD rather than breaking the JSON.
std::string audit_line(const Report& report, const AuditFacts& facts,
                       std::chrono::system_clock::time_point when);

// "2026-11-26T18:50:01.123Z": RFC 3339, UTC, milliseconds.
std::string rfc3339_utc(std::chrono::system_clock::time_point when);

}  // namespace pushgate
