#include "core/config/config_reader.h"

#include <algorithm>
#include <filesystem>

#include "core/base/capped_text.h"
#include "core/base/did_you_mean.h"
#include "core/base/glob.h"
#include "core/config/byte_size.h"
#include "core/document/text_position.h"

namespace pushgate {

std::string resolve_config_path(const std::string& config_origin, const std::string& path) {
  const std::filesystem::path p(path);
  const std::filesystem::path base = config_origin.empty()
                                         ? std::filesystem::current_path()
                                         : std::filesystem::absolute(config_origin).parent_path();
  std::string resolved = (p.is_absolute() ? p : base / p).lexically_normal().string();
  while (resolved.size() > 1 && resolved.back() == '/') resolved.pop_back();
  return resolved;
}
namespace {

// Values quoted in messages are cut here: a message must stay one short line.
constexpr std::size_t kMaxQuotedChars = 40;

std::string quote(std::string_view text) {
  std::string out = "\"";
  std::size_t chars = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > kMaxQuotedChars) {
      out += "...";
      break;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string in_path(const std::string& path) {
  return path.empty() ? "" : " in `" + path + "`";
}

std::string child_path(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

}  // namespace

ConfigReader::ConfigReader(std::string_view origin, std::string_view text)
    : origin_(origin), text_(text) {}

void ConfigReader::report(Position at, std::string message, std::string_view rule) {
  Finding f = Finding::at(std::string(rule), Severity::kError, origin_, at, std::move(message));
  f.source_line = std::string(line_text(text_, at.line));
  findings_.push_back(std::move(f));
}

void ConfigReader::report(NodeRef at, std::string message, std::string_view rule) {
  report(at.position(), std::move(message), rule);
  const Position start = at.position();
  const Position end = at.end();
  if (start.line == end.line && end.column > start.column) {
    findings_.back().span = end.column - start.column;
  }
}

std::string ConfigReader::describe(NodeRef node) {
  switch (node.kind()) {
    case NodeKind::kNull:
      return "an empty value";
    case NodeKind::kMapping:
      return "a mapping";
    case NodeKind::kSequence:
      return "a list";
    case NodeKind::kString:
      return quote(node.text());
    case NodeKind::kBool:
      return "the boolean " + cap_value(node.text());
    case NodeKind::kInt:
    case NodeKind::kFloat:
      return cap_value(node.text());
  }
  return "an unknown value";
}

std::vector<std::size_t> ConfigReader::check_keys(NodeRef node, const std::string& path,
                                                  const KeyNames& names) {
  std::vector<std::size_t> readable;
  if (!node.is_mapping()) {
    report(node, path.empty() ? "the config must be a mapping of keys, starting with "
                                "`version: 1`, got " +
                                    describe(node)
                              : "`" + path + "` must be a mapping of keys (" +
                                    join(names.implemented) + "), got " + describe(node));
    return readable;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef key = node.key(i);
    if (!key.is_string()) {
      report(key, "keys must be strings, got " + describe(key) + in_path(path));
      continue;
    }
    const std::string_view name = key.text();
    const bool known = std::find(names.known.begin(), names.known.end(), name) != names.known.end();
    if (!known) {
      std::string message = "unknown key " + quote(name) + in_path(path);
      const std::string_view near = closest_name(name, names.known);
      if (!near.empty()) {
        message += ", did you mean `" + std::string(near) + "`";
      } else {
        message += "; expected one of " + join(names.implemented);
      }
      report(key, std::move(message));
      continue;
    }
    if (std::find(names.implemented.begin(), names.implemented.end(), name) ==
        names.implemented.end()) {
      report(key,
             "`" + child_path(path, name) +
                 "` is not supported by this version of pushgate yet; remove it, or run a "
                 "pushgate that enforces it",
             "config/unsupported");
      continue;
    }
    readable.push_back(i);
  }
  for (const auto& [name, hint] : names.required) {
    if (!node.get(name)) {
      report(node.position(),
             "missing required key `" + child_path(path, name) + "`; " + std::string(hint));
    }
  }
  return readable;
}

std::optional<std::string> ConfigReader::read_string(NodeRef node, const std::string& key_path) {
  if (!node.is_string()) {
    report(node, "`" + key_path + "` must be a string, got " + describe(node));
    return std::nullopt;
  }
  return std::string(node.text());
}

std::optional<std::uint64_t> ConfigReader::read_count(NodeRef node, const std::string& key_path,
                                                      std::uint64_t min, std::uint64_t max) {
  if (node.kind() != NodeKind::kInt) {
    report(node, "`" + key_path + "` must be an integer, got " + describe(node));
    return std::nullopt;
  }
  const std::int64_t value = node.as_int();
  if (value < 0 || static_cast<std::uint64_t>(value) < min ||
      static_cast<std::uint64_t>(value) > max) {
    report(node, "`" + key_path + "` must be between " + std::to_string(min) + " and " +
                     std::to_string(max) + ", got " + describe(node));
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(value);
}

std::optional<std::uint64_t> ConfigReader::read_byte_size(NodeRef node, const std::string& key_path,
                                                          std::uint64_t min, std::uint64_t max) {
  std::optional<std::uint64_t> bytes;
  if (node.kind() == NodeKind::kInt && node.as_int() >= 0) {
    bytes = static_cast<std::uint64_t>(node.as_int());
  } else if (node.is_string()) {
    bytes = parse_byte_size(node.text());
  }
  if (!bytes) {
    report(node, "`" + key_path + "` must be a size such as 1048576, 512KiB or 1MiB, got " +
                     describe(node));
    return std::nullopt;
  }
  if (*bytes < min || *bytes > max) {
    report(node, "`" + key_path + "` must be between " + format_byte_size(min) + " and " +
                     format_byte_size(max) + ", got " + describe(node));
    return std::nullopt;
  }
  return bytes;
}

std::optional<std::vector<std::string>> ConfigReader::read_globs(NodeRef node,
                                                                 const std::string& key_path,
                                                                 std::size_t min_items) {
  if (!node.is_sequence()) {
    std::string message = "`" + key_path + "` must be a list of globs, got " + describe(node);
    if (node.is_string()) message += "; write it as [" + quote(node.text()) + "]";
    report(node, std::move(message));
    return std::nullopt;
  }
  bool ok = true;
  std::vector<std::string> globs;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const NodeRef item = node.item(i);
    const std::string item_path = key_path + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      report(item, "`" + item_path + "` must be a glob string, got " + describe(item));
      ok = false;
      continue;
    }
    if (Result<GlobSet> set = GlobSet::compile({std::string(item.text())}); !set) {
      report(item, "`" + item_path + "`: " + set.error().message);
      ok = false;
      continue;
    }
    globs.emplace_back(item.text());
  }
  if (node.size() < min_items) {
    report(node, "`" + key_path + "` must list at least " + std::to_string(min_items) +
                     (min_items == 1 ? " glob" : " globs") +
                     ": an empty list would select nothing, and nothing would be checked");
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return globs;
}

std::optional<std::string_view> ConfigReader::read_enum_name(
    NodeRef node, const std::string& key_path, std::span<const std::string_view> names) {
  if (node.is_string()) {
    const auto it = std::find(names.begin(), names.end(), node.text());
    if (it != names.end()) return *it;
  }
  std::string message =
      "`" + key_path + "` must be one of " + join(names) + ", got " + describe(node);
  if (node.is_string()) {
    const std::string_view near = closest_name(node.text(), names);
    if (!near.empty()) message += ", did you mean `" + std::string(near) + "`";
  }
  report(node, std::move(message));
  return std::nullopt;
}

}  // namespace pushgate
