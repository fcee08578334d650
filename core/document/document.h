#pragma once
// The document model: one parsed YAML document (or one JSON file) with the source position of
// every node, typed the way Kubernetes reads YAML (sigs.k8s.io/yaml, i.e. go-yaml v2 rules).
//
//   ParsedFile file = parse_yaml("app.yaml", bytes, ParseLimits{});
//   for (const Document& doc : file.documents) {
//     NodeRef replicas = doc.root().get("spec").get("replicas");
//     if (replicas && replicas.kind() == NodeKind::kString) { ... replicas.position() ... }
//   }
//
// A Document is immutable once built. Aliases are stored as shared references (the node graph is
// a DAG), so a document never holds more nodes than its source spelled out; the parser bounds
// how large the expanded tree may get (ParseLimits::max_expanded_nodes).
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding/finding.h"

namespace pushgate {

enum class NodeKind : std::uint8_t {
  kNull,
  kBool,
  kInt,
  kFloat,
  kString,
  kMapping,
  kSequence,
};
std::string_view to_string(NodeKind kind);  // "null", "boolean", "integer", "number", ...

enum class ScalarStyle : std::uint8_t {
  kNone,  // containers
  kPlain,
  kSingleQuoted,
  kDoubleQuoted,
  kLiteral,
  kFolded,
};

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();

struct Node {
  NodeKind kind = NodeKind::kNull;
  ScalarStyle style = ScalarStyle::kNone;
  bool tagged = false;            // carried an explicit tag (e.g. !!str); typing followed the tag
  bool flow = false;              // containers written in flow style ({...} / [...])
  Position start;                 // first character of the node
  Position end;                   // one past the last character
  std::uint32_t text_offset = 0;  // scalars: the decoded value in the document's text arena
  std::uint32_t text_size = 0;
  std::uint32_t first = 0;  // containers: first slot in the document's child table
  std::uint32_t count = 0;  // sequences: items; mappings: pairs (2 slots each: key, value)
  union {
    std::int64_t i;
    double f;
    bool b;
  } value{};
};

class Document;

// A cheap view of one node of a Document; an invalid NodeRef (from a failed lookup) is false,
// and every accessor on it returns an empty / invalid result, so lookups can be chained.
class NodeRef {
 public:
  NodeRef() = default;
  NodeRef(const Document* doc, NodeId id) : doc_(doc), id_(id) {}

  explicit operator bool() const { return doc_ != nullptr && id_ != kNoNode; }
  NodeId id() const { return id_; }
  const Document* document() const { return doc_; }

  NodeKind kind() const;
  bool is_mapping() const { return *this && kind() == NodeKind::kMapping; }
  bool is_sequence() const { return *this && kind() == NodeKind::kSequence; }
  bool is_scalar() const { return *this && !is_mapping() && !is_sequence(); }
  bool is_string() const { return *this && kind() == NodeKind::kString; }
  ScalarStyle style() const;
  bool tagged() const;
  Position position() const;  // start
  Position end() const;

  // Scalars: the value as written after YAML unescaping (for a plain `1.10`, "1.10").
  std::string_view text() const;
  std::int64_t as_int() const;
  double as_double() const;  // integers convert
  bool as_bool() const;

  // Containers.
  std::size_t size() const;                 // items or pairs
  NodeRef item(std::size_t i) const;        // sequence item i
  NodeRef key(std::size_t i) const;         // mapping pair i: key
  NodeRef value(std::size_t i) const;       // mapping pair i: value
  NodeRef get(std::string_view key) const;  // mapping lookup by string key
  // Shorthand for get(key).text() where the value is a string scalar, "" otherwise.
  std::string_view get_string(std::string_view key) const;

 private:
  const Node& node() const;
  const Document* doc_ = nullptr;
  NodeId id_ = kNoNode;
};

class Document {
 public:
  NodeRef root() const { return NodeRef(this, root_); }
  bool empty() const { return root_ == kNoNode; }
  int index() const { return index_; }       // 0-based within its file
  Position start() const { return start_; }  // where the document starts in the file
  std::size_t node_count() const { return nodes_.size(); }

  const Node& node(NodeId id) const { return nodes_[id]; }
  NodeId child(std::uint32_t slot) const { return children_[slot]; }
  std::string_view text(const Node& n) const {
    return std::string_view(text_).substr(n.text_offset, n.text_size);
  }

 private:
  friend class DocumentBuilder;
  std::vector<Node> nodes_;
  std::vector<NodeId> children_;
  std::string text_;
  NodeId root_ = kNoNode;
  int index_ = 0;
  Position start_;
};

enum class FileFormat : std::uint8_t { kYaml, kJson };

// Hostile input is bounded by these; each limit names its reason.
struct ParseLimits {
  // Larger files are reported, not parsed: parsing is linear, but a gate must answer in seconds.
  // The default of files.max_size (core/config/config.h).
  std::size_t max_bytes = 16 * 1024 * 1024;
  // Deeper nesting is reported: libyaml's cost grows quadratically with depth, and no
  // Kubernetes object nests anywhere near this.
  std::size_t max_depth = 256;
  // Nodes an alias-heavy document may expand to ("billion laughs"); aliases are shared, but
  // every consumer that walks the tree pays for the expansion.
  std::uint64_t max_expanded_nodes = 1'000'000;
};

struct ParsedFile {
  std::string path;
  FileFormat format = FileFormat::kYaml;
  std::vector<Document> documents;  // empty documents are skipped
  FindingList findings;             // well-formedness findings (families yaml / json)
  bool complete = true;             // false: a fatal error stopped parsing; documents are partial
};

// Kubernetes-compatible YAML (go-yaml v2 typing, merge keys, anchors redefined later, ...).
ParsedFile parse_yaml(std::string path, std::string_view bytes, const ParseLimits& limits);
// Strict JSON (RFC 8259) with the same model; duplicate keys are reported.
ParsedFile parse_json(std::string path, std::string_view bytes, const ParseLimits& limits);

}  // namespace pushgate
