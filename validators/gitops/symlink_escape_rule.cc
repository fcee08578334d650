#include "validators/gitops/symlink_escape_rule.h"

#include <string>

namespace pushgate {

void SymlinkEscapeRule::check_entry(const EntryContext& ctx, FindingList& out) const {
  if (ctx.entry.mode != EntryMode::kSymlink) return;
  const std::string_view target = ctx.content;
  bool escapes = target.empty() || target.front() == '/';
  if (!escapes) {
    // Depth of the link's folder, then walk the target's segments.
    long depth = 0;
    for (char c : std::string_view(ctx.entry.path)) depth += c == '/';
    std::size_t start = 0;
    while (start <= target.size() && !escapes) {
      std::size_t slash = target.find('/', start);
      if (slash == std::string_view::npos) slash = target.size();
      const std::string_view segment = target.substr(start, slash - start);
      if (segment == "..") {
        escapes = --depth < 0;
      } else if (!segment.empty() && segment != ".") {
        ++depth;
      }
      start = slash + 1;
    }
  }
  if (!escapes) return;
  out.push_back(Finding::at("gitops/symlink-escape", Severity::kError, ctx.entry.path,
                            Position{},
                            "symbolic link points outside the repository (to `" +
                                std::string(target) +
                                "`); replace it with the file itself or a link inside the tree"));
}

}  // namespace pushgate
