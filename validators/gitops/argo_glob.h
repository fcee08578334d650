#pragma once
// Argo CD's pattern matching for AppProject `sourceRepos` and `destinations`, as Argo CD does it
// (util/glob and AppProject.IsSourcePermitted / isDestinationMatched): gobwas/glob syntax — `*`
// any run of characters (not `/` when `/` separates, as for repository URLs), `**` any run, `?`
// one character, `[a-z]` / `[!a-z]` classes, `{a,b}` alternatives, `\` escapes — matched against
// the whole value; a pattern that does not compile matches nothing. With negation a leading `!`
// inverts the match (a deny pattern). Compiled to RE2 (linear time).
#include <string>
#include <string_view>

namespace pushgate {

// Argo CD's globMatch(pattern, value, allowNegation=true, separators).
bool argo_glob_match(std::string_view pattern, std::string_view value, bool slash_separates);
inline bool is_argo_deny_pattern(std::string_view pattern) {
  return pattern.starts_with("!");
}
// Argo CD's git.NormalizeGitURL: lowercased, trimmed, `.git` dropped, scp-like
// `git@host:org/repo` and `ssh://git@host/org/repo` both as `git@host/org/repo`; `https://`
// kept (https and ssh URLs of one repository differ, as in Argo CD).
std::string argo_normalize_git_url(std::string_view url);

}  // namespace pushgate
