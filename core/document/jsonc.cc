#include "core/document/jsonc.h"

namespace pushgate {
namespace {

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool in_folder(std::string_view path, std::string_view folder) {
  return path.starts_with(std::string(folder) + "/") ||
         path.find("/" + std::string(folder) + "/") != std::string_view::npos;
}

}  // namespace

bool is_jsonc_path(std::string_view path) {
  const std::string_view name = base_name(path);
  if (name.ends_with(".jsonc") || name.ends_with(".json5")) return true;
  if (in_folder(path, ".vscode") || in_folder(path, ".devcontainer")) return true;
  if ((name.starts_with("tsconfig") || name.starts_with("jsconfig")) && name.ends_with(".json")) {
    return true;
  }
  return name == "renovate.json" || name == ".renovaterc.json" || name == ".renovaterc" ||
         name == "devcontainer.json" || name == ".devcontainer.json";
}

std::string strip_jsonc(std::string_view text) {
  std::string out(text);
  std::size_t i = 0;
  // Where the last `,` outside strings and comments was, if only blanks and comments followed.
  std::size_t pending_comma = std::string::npos;
  while (i < out.size()) {
    const char c = out[i];
    if (c == '"') {
      pending_comma = std::string::npos;
      for (++i; i < out.size() && out[i] != '"'; ++i) {
        if (out[i] == '\\') ++i;
        if (i < out.size() && out[i] == '\n') break;  // an unterminated string: the parser says so
      }
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < out.size() && out[i + 1] == '/') {
      for (; i < out.size() && out[i] != '\n'; ++i) out[i] = ' ';
      continue;
    }
    if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      const std::size_t end = out.find("*/", i + 2);
      const std::size_t stop = end == std::string::npos ? out.size() : end + 2;
      for (; i < stop; ++i) {
        if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
      }
      continue;
    }
    if (c == ',') {
      pending_comma = i;
    } else if (c == '}' || c == ']') {
      if (pending_comma != std::string::npos) out[pending_comma] = ' ';
      pending_comma = std::string::npos;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      pending_comma = std::string::npos;
    }
    ++i;
  }
  return out;
}

}  // namespace pushgate
