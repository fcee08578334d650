#include "core/report/fingerprint.h"

#include <re2/re2.h>

#include <cstdint>
#include <map>

namespace pushgate {
namespace {

// FNV-1a over the bytes, from a given offset basis.
std::uint64_t fnv1a(std::string_view data, std::uint64_t hash) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

void append_hex(std::string& out, std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(value >> shift) & 0xf];
}

}  // namespace

std::string position_free_message(std::string_view message) {
  static const RE2 kPosition(R"(\b(lines?|columns?|col|offset)( +)[0-9]+(-[0-9]+)?)");
  std::string out(message);
  RE2::GlobalReplace(&out, kPosition, R"(\1\2#)");
  return out;
}

std::string finding_fingerprint(const Finding& f) {
  // Fields joined with a separator that cannot occur in them unescaped (NUL).
  std::string key = "v1";
  for (std::string_view part : {std::string_view(f.rule), std::string_view(f.path),
                                std::string_view(f.object), std::string_view(f.json_path)}) {
    key += '\0';
    key += part;
  }
  key += '\0';
  key += position_free_message(f.message);
  std::string hex;
  append_hex(hex, fnv1a(key, 0xcbf29ce484222325ULL));
  append_hex(hex, fnv1a(key, 0x84222325cbf29ce4ULL));
  return hex;
}

std::vector<std::string> occurrence_fingerprints(const FindingList& findings) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) {
    std::string id = finding_fingerprint(f);
    const int n = ++seen[id];
    out.push_back(id + ":" + std::to_string(n));
  }
  return out;
}

}  // namespace pushgate
