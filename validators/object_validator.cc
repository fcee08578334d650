#include "validators/object_validator.h"

namespace pushgate {
namespace {

bool is_object(NodeRef root) {
  return root.is_mapping() && root.get("apiVersion").is_string() && root.get("kind").is_string() &&
         !root.get("apiVersion").text().empty() && !root.get("kind").text().empty();
}

ObjectContext make_context(const FileContext& file, const Document& doc, NodeRef root,
                           std::string prefix) {
  const NodeRef metadata = root.get("metadata");
  return ObjectContext{file,
                       doc,
                       root,
                       root.get("apiVersion").text(),
                       root.get("kind").text(),
                       metadata.get_string("namespace"),
                       metadata.get_string("name"),
                       std::move(prefix)};
}

}  // namespace

std::string_view ObjectContext::group() const {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view{} : api_version.substr(0, slash);
}

std::string_view ObjectContext::version() const {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? api_version : api_version.substr(slash + 1);
}

std::string ObjectContext::object_id() const {
  return std::string(api_version) + "/" + std::string(kind) + "/" + std::string(namespace_) +
         "/" + std::string(name);
}

std::string ObjectContext::display() const {
  std::string s(kind);
  s += ' ';
  if (!namespace_.empty()) s += std::string(namespace_) + "/";
  s += name.empty() ? std::string("(unnamed)") : std::string(name);
  return s;
}

Finding ObjectContext::finding(std::string_view rule, Severity severity, NodeRef at,
                               std::string json_path, std::string message) const {
  Finding f = Finding::at(std::string(rule), severity, file.file.path,
                          at ? at.position() : root.position(), std::move(message));
  f.document = document.index();
  f.object = object_id();
  f.json_path = json_prefix + json_path;
  if (at && at.is_scalar()) {
    std::uint32_t chars = 0;
    for (char c : at.text()) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    // Underline the value only where it sits on one line as written.
    if (at.end().line == at.position().line && at.end().column > at.position().column) {
      f.span = at.end().column - at.position().column;
    } else if (chars > 0 && at.style() == ScalarStyle::kPlain) {
      f.span = chars;
    }
  }
  return f;
}

void for_each_object(const FileContext& file,
                     const std::function<void(const ObjectContext&)>& visit) {
  for (const Document& doc : file.file.documents) {
    const NodeRef root = doc.root();
    if (!is_object(root)) continue;
    const std::string_view kind = root.get("kind").text();
    const NodeRef items = root.get("items");
    if (kind.size() >= 4 && kind.substr(kind.size() - 4) == "List" && items.is_sequence()) {
      // `kind: List` (and typed lists such as DeploymentList): validate item by item.
      for (std::size_t i = 0; i < items.size(); ++i) {
        const NodeRef item = items.item(i);
        if (is_object(item)) {
          visit(make_context(file, doc, item, "items[" + std::to_string(i) + "]."));
        }
      }
      continue;
    }
    visit(make_context(file, doc, root, ""));
  }
}

void ObjectValidator::check_file(const FileContext& file, FindingList& out) const {
  for_each_object(file, [&](const ObjectContext& object) { check_object(object, out); });
}

}  // namespace pushgate
