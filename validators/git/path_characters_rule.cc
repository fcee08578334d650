#include "validators/git/path_characters_rule.h"

#include <cstdio>

#include "core/base/utf8.h"

namespace pushgate {
namespace {

// What is wrong with `path`, or "" when nothing is.
std::string problem_of(std::string_view path) {
  for (std::size_t i = 0; i < path.size();) {
    const Utf8Char c = next_utf8_char(path, i);
    if (!c.valid) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(path[i]));
      return "a byte that is not UTF-8 (" + std::string(byte) + " at byte " +
             std::to_string(i + 1) + ")";
    }
    if (c.code < 0x20 || c.code == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c.code));
      return "a control character (" + std::string(code) + " at byte " + std::to_string(i + 1) +
             ")";
    }
    i += c.size;
  }
  return "";
}

}  // namespace

void PathCharactersRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.files.deny_unsafe_names) return;
  for (const CommitEntries& commit : context.new_entries) {
    for (const Entry& entry : commit.entries) {
      const std::string problem = problem_of(entry.path);
      if (problem.empty()) continue;
      out.push_back(file_finding(rule(), context, commit.commit, entry.path,
                                 "commit " + short_id(commit.commit) + " adds a path with " +
                                     problem + ", not allowed on " + context.plan.update.ref +
                                     "; rename it with `git mv`"));
    }
  }
}

}  // namespace pushgate
