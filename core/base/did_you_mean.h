#pragma once
// "Did you mean" for names people type: config keys, rule ids, formats.
//
//   std::string_view near = closest_name("fiels", {"files", "version"});   // "files"
//   if (!near.empty()) message += ", did you mean `" + std::string(near) + "`";
#include <initializer_list>
#include <span>
#include <string_view>

namespace pushgate {

// The candidate nearest to `typed` by edit distance (a swap of two neighbours counts once; case
// and '-' vs '_' are free), or "" when none is near enough to be a likely typo: at most one edit
// for short names, up to a third of the name for longer ones.
std::string_view closest_name(std::string_view typed, std::span<const std::string_view> candidates);

inline std::string_view closest_name(std::string_view typed,
                                     std::initializer_list<std::string_view> candidates) {
  return closest_name(typed,
                      std::span<const std::string_view>(candidates.begin(), candidates.size()));
}

}  // namespace pushgate
