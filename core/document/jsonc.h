#pragma once
// JSON with comments (JSONC), as VS Code, dev containers, TypeScript and Renovate read it:
// `// line` and `/* block */` comments and trailing commas before `}` or `]`. Editor and tool
// settings in GitOps repositories are written that way (.vscode/settings.json, tsconfig.json);
// they are not JSON, and not manifests. Pure text functions; know nothing of parsing or rules.
#include <string>
#include <string_view>

namespace pushgate {

// True for paths tools read as JSONC: *.jsonc, *.json5, files under a `.vscode/` or
// `.devcontainer/` folder, tsconfig*.json / jsconfig*.json, renovate.json(5), .renovaterc.json.
bool is_jsonc_path(std::string_view path);

// `text` with comments and trailing commas replaced by spaces (newlines kept), so that a JSON
// parser reads it and every line:column stays where it was in `text`. Strings are left alone.
std::string strip_jsonc(std::string_view text);

}  // namespace pushgate
