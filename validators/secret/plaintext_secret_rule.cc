#include "validators/secret/plaintext_secret_rule.h"

#include "core/document/text_position.h"
#include "validators/secret/secret_text.h"

namespace pushgate {

namespace {

// The code frame shows the value masked, as written on its line.
void mask_value(Finding& f, std::string_view content, NodeRef value) {
  const Position start = value.position();
  const Position end = value.end();
  const std::string_view line = line_text(content, start.line);
  if (line.empty() || end.line != start.line || end.column <= start.column) return;
  const std::size_t from = column_offset(line, start.column);
  const std::size_t to = column_offset(line, end.column);
  if (from >= to || to > line.size()) return;
  f.source_line = mask_in_line(line, from, to - from);
}

}  // namespace

void PlaintextSecretRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (object.kind != "Secret" || !object.group().empty()) return;
  // SOPS keeps its metadata beside the data: `sops:` in the same document.
  if (object.root.get("sops").is_mapping()) return;
  std::vector<std::string> keys;
  NodeRef first;
  std::string first_path;
  for (const char* section : {"data", "stringData"}) {
    const NodeRef values = object.root.get(section);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const NodeRef value = values.value(i);
      if (!value.is_scalar() || value.kind() == NodeKind::kNull) continue;
      std::string_view text = value.text();
      std::optional<std::string> decoded;
      if (std::string_view(section) == "data") {
        decoded = decode_base64(text);
        if (decoded) text = *decoded;
      }
      // Paths (a keystore's location) are configuration, not credentials.
      const bool path =
          text.starts_with("/") && text.find_first_of(" \t\n") == std::string_view::npos;
      if (path || is_placeholder(text)) continue;
      keys.emplace_back(values.key(i).text());
      if (!first) {
        first = value;
        first_path = std::string(section) + "[" + keys.back() + "]";
      }
    }
  }
  if (keys.empty()) return;
  std::string listed;
  for (std::size_t i = 0; i < keys.size() && i < 5; ++i) listed += (i == 0 ? "" : ", ") + keys[i];
  if (keys.size() > 5) listed += ", ...";
  Finding f = report_object(*this, object, first, first_path,
                            "plain-text " + std::string(keys.size() == 1 ? "value" : "values") +
                                " in " + object.display() + " (" + listed +
                                "): everyone who can read the repository has them; encrypt the "
                                "file with SOPS, or use a SealedSecret or an ExternalSecret");
  mask_value(f, object.file.content, first);
  out.push_back(std::move(f));
}

}  // namespace pushgate
