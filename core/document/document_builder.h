#pragma once
// Builds a Document from a stream of parse events (shared by the YAML and JSON readers) and
// enforces what the event parsers leave to us: nesting depth, the alias expansion budget, duplicate
// keys, unknown or self-referencing anchors, and merge keys (`<<`, as go-yaml applies them).
// Iterative: no recursion that a file can drive.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document/document.h"
#include "core/document/scalar_resolver.h"

namespace pushgate {

class DocumentBuilder {
 public:
  // `family` prefixes rule ids ("yaml" or "json"); findings go to `findings` with `path` set.
  DocumentBuilder(std::string_view family, std::string_view path, int index, Position start,
                  const ParseLimits& limits, FindingList& findings);

  // Each returns false when the document cannot continue (a finding explains why).
  bool begin_container(NodeKind kind, Position start, bool flow, std::string_view anchor);
  bool end_container(Position end);
  bool scalar(const ResolvedScalar& value, ScalarStyle style, bool tagged, Position start,
              Position end, std::string_view text, std::string_view anchor);
  bool alias(std::string_view anchor, Position start, Position end);

  Document finish();

 private:
  struct Frame {
    NodeId node;
    std::size_t pending_start;  // first slot of this container's children in pending_
  };
  NodeId add_node(const Node& node, std::string_view anchor);
  // `at`: where the child is written, which for an alias is the alias, not its anchor.
  bool add_child(NodeId id, std::uint64_t expanded, Position at);
  bool close_mapping(Frame& frame);
  bool fail(std::string_view rule, Position at, std::string message, std::uint32_t span = 0);
  std::string_view key_text(NodeId id) const;
  bool is_scalar_key(NodeId id) const;

  std::string family_;
  std::string_view path_;
  const ParseLimits& limits_;
  FindingList& findings_;
  Document doc_;
  std::vector<Frame> stack_;
  std::vector<NodeId> pending_;
  std::vector<Position> pending_at_;      // per pending_ slot: where it is written
  std::vector<std::uint64_t> expanded_;   // per node: nodes in its expansion (saturating)
  std::vector<std::uint8_t> flags_;       // per node: kOpen, kMergeKey
  std::unordered_map<std::string, NodeId> anchors_;
  std::uint64_t total_expanded_ = 0;
};

}  // namespace pushgate
