#include "core/schema/json_pointer.h"

namespace pushgate {

std::string escape_json_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::vector<std::string>> parse_json_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') {
    return Error{ErrorCode::kInvalid,
                 "JSON pointer \"" + std::string(pointer) + "\" must start with '/'"};
  }
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
      continue;
    }
    if (pointer[i] != '~') {
      token += pointer[i];
      continue;
    }
    char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
    if (next != '0' && next != '1') {
      return Error{ErrorCode::kInvalid, "JSON pointer \"" + std::string(pointer) +
                                            "\" has '~' not followed by 0 or 1; write ~0 for '~'"};
    }
    token += next == '0' ? '~' : '/';
    ++i;
  }
  return tokens;
}

std::string format_json_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) {
    out += '/';
    out += escape_json_pointer_token(token);
  }
  return out;
}

namespace {

bool parse_array_index(const std::string& token, std::size_t& index) {
  if (token.empty() || token.size() > 9) return false;
  if (token.size() > 1 && token[0] == '0') return false;
  index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

}  // namespace

const nlohmann::json* find_json_pointer(const nlohmann::json& root,
                                        const std::vector<std::string>& tokens) {
  const nlohmann::json* current = &root;
  for (const std::string& token : tokens) {
    if (current->is_object()) {
      auto it = current->find(token);
      if (it == current->end()) return nullptr;
      current = &*it;
    } else if (current->is_array()) {
      std::size_t index = 0;
      if (!parse_array_index(token, index) || index >= current->size()) return nullptr;
      current = &(*current)[index];
    } else {
      return nullptr;
    }
  }
  return current;
}

}  // namespace pushgate
