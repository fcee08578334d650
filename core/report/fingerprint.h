#pragma once
// A finding's identity that survives edits elsewhere in the file: what baselines, SARIF
// `partialFingerprints` and GitLab Code Quality `fingerprint` are made of.
//
//   std::string id = finding_fingerprint(f);          // 32 hex digits
//   std::vector<std::string> ids = occurrence_fingerprints(report.findings);  // "id:1", "id:2"
//
// Built from rule, path, object, field path and the message with positions masked ("line 19"
// becomes "line #"), never from line or column numbers: a finding keeps its fingerprint when lines
// are added above it. Ref and commit are left out, so a finding has the same fingerprint in a
// working tree, in a commit range and in a push. Not a security hash (FNV-1a, 128 bits): it
// tells findings apart, nothing more.
#include <string>
#include <string_view>
#include <vector>

#include "core/finding/finding.h"

namespace pushgate {

// The message with every "line N" / "column N" / "lines N-M" number replaced by "#".
std::string position_free_message(std::string_view message);

std::string finding_fingerprint(const Finding& f);

// One per finding, in order: "<fingerprint>:<n>" where n counts earlier findings with the same
// fingerprint (1 for the first). Two identical findings in one file stay distinct, and the n-th
// keeps its id as long as the ones before it stay.
std::vector<std::string> occurrence_fingerprints(const FindingList& findings);

}  // namespace pushgate
