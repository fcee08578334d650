#include "core/document/document_builder.h"

#include <algorithm>
#include <utility>

namespace pushgate {
namespace {

constexpr std::uint8_t kOpen = 1;
constexpr std::uint8_t kMergeKey = 2;
constexpr std::size_t kLinearDuplicateScan = 16;  // below this, pairwise compare beats hashing

std::uint32_t char_count(std::string_view s) {
  std::uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string where(Position p) {
  return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

}  // namespace

DocumentBuilder::DocumentBuilder(std::string_view family, std::string_view path, int index,
                                 Position start, const ParseLimits& limits, FindingList& findings)
    : family_(family), path_(path), limits_(limits), findings_(findings) {
  doc_.index_ = index;
  doc_.start_ = start;
}

bool DocumentBuilder::fail(std::string_view rule, Position at, std::string message,
                           std::uint32_t span) {
  Finding f = Finding::at(family_ + "/" + std::string(rule), Severity::kError, std::string(path_),
                          at, std::move(message));
  f.span = span;
  f.document = doc_.index_;
  findings_.push_back(std::move(f));
  return false;
}

NodeId DocumentBuilder::add_node(const Node& node, std::string_view anchor) {
  const auto id = static_cast<NodeId>(doc_.nodes_.size());
  doc_.nodes_.push_back(node);
  expanded_.push_back(1);
  flags_.push_back(0);
  // A later anchor of the same name replaces the earlier one for the aliases after it, as in
  // go-yaml (YAML 1.2 allows it; PyYAML does not).
  if (!anchor.empty()) anchors_[std::string(anchor)] = id;
  return id;
}

bool DocumentBuilder::add_child(NodeId id, std::uint64_t expanded, Position at) {
  total_expanded_ += expanded;
  if (total_expanded_ > limits_.max_expanded_nodes) {
    const Node& n = doc_.nodes_[id];
    return fail("alias-budget", n.start,
                "aliases expand this document beyond " +
                    std::to_string(limits_.max_expanded_nodes) +
                    " nodes (an alias bomb?); reduce the aliasing or raise files.max_expanded_nodes");
  }
  if (stack_.empty()) {
    doc_.root_ = id;
  } else {
    pending_.push_back(id);
    pending_at_.push_back(at);
  }
  return true;
}

bool DocumentBuilder::begin_container(NodeKind kind, Position start, bool flow,
                                      std::string_view anchor) {
  if (stack_.size() >= limits_.max_depth) {
    return fail("depth-limit", start,
                "nesting deeper than " + std::to_string(limits_.max_depth) +
                    " levels; flatten the structure or raise files.max_depth");
  }
  Node node;
  node.kind = kind;
  node.flow = flow;
  node.start = start;
  const NodeId id = add_node(node, anchor);
  flags_[id] |= kOpen;
  if (!add_child(id, 1, start)) return false;
  stack_.push_back(Frame{id, pending_.size()});
  return true;
}

bool DocumentBuilder::scalar(const ResolvedScalar& value, ScalarStyle style, bool tagged,
                             Position start, Position end, std::string_view text,
                             std::string_view anchor) {
  Node node;
  node.kind = value.kind;
  node.style = style;
  node.tagged = tagged;
  node.start = start;
  node.end = end;
  node.text_offset = static_cast<std::uint32_t>(doc_.text_.size());
  node.text_size = static_cast<std::uint32_t>(text.size());
  doc_.text_.append(text);
  switch (value.kind) {
    case NodeKind::kInt:
      node.value.i = value.i;
      break;
    case NodeKind::kFloat:
      node.value.f = value.f;
      break;
    case NodeKind::kBool:
      node.value.b = value.b;
      break;
    default:
      break;
  }
  const NodeId id = add_node(node, anchor);
  if (value.merge_key) flags_[id] |= kMergeKey;
  return add_child(id, 1, start);
}

bool DocumentBuilder::alias(std::string_view anchor, Position start, Position end) {
  const auto it = anchors_.find(std::string(anchor));
  const std::uint32_t span = char_count(anchor) + 1;
  if (it == anchors_.end()) {
    return fail("unknown-anchor", start,
                "alias `*" + std::string(anchor) + "` names no anchor defined before it; define `&" +
                    std::string(anchor) + "` earlier in this document or remove the alias",
                span);
  }
  const NodeId target = it->second;
  if (flags_[target] & kOpen) {
    return fail("unknown-anchor", start,
                "alias `*" + std::string(anchor) +
                    "` refers to a node that contains it; a node cannot include itself",
                span);
  }
  (void)end;
  return add_child(target, expanded_[target], start);
}

std::string_view DocumentBuilder::key_text(NodeId id) const {
  return doc_.text(doc_.nodes_[id]);
}

bool DocumentBuilder::is_scalar_key(NodeId id) const {
  const NodeKind k = doc_.nodes_[id].kind;
  return k != NodeKind::kMapping && k != NodeKind::kSequence;
}

bool DocumentBuilder::close_mapping(Frame& frame) {
  const std::size_t begin = frame.pending_start;
  const std::size_t slots = pending_.size() - begin;
  if (slots % 2 != 0) {
    // libyaml always pairs keys and values; a dangling key would be a bug in a reader.
    return fail("syntax", doc_.nodes_[frame.node].start, "mapping has a key without a value");
  }
  bool has_merge = false;
  // Duplicate keys among the explicit (non-merge) keys, and a repeated merge key.
  // Positions are where each key is written: a key that is an alias (`*k: 1`) is reported at
  // the alias, not at the anchored node it repeats.
  std::unordered_map<std::string_view, std::size_t> seen;
  const std::size_t pairs = slots / 2;
  std::size_t first_merge = pairs;
  for (std::size_t p = 0; p < pairs; ++p) {
    const NodeId k = pending_[begin + 2 * p];
    const Position at = pending_at_[begin + 2 * p];
    if (flags_[k] & kMergeKey) {
      has_merge = true;
      if (first_merge == pairs) {
        first_merge = p;
      } else {
        // `<<: *a` then `<<: *b`: the second silently replaces the first in most parsers.
        fail("duplicate-key", at,
             "the merge key `<<` is defined twice in this mapping (first at " +
                 where(pending_at_[begin + 2 * first_merge]) +
                 "); merge several mappings with one list: `<<: [*a, *b]`",
             2);
      }
      continue;
    }
    if (!is_scalar_key(k)) continue;
    const std::string_view text = key_text(k);
    std::size_t first = pairs;
    if (pairs <= kLinearDuplicateScan) {
      for (std::size_t q = 0; q < p; ++q) {
        const NodeId other = pending_[begin + 2 * q];
        if (!(flags_[other] & kMergeKey) && is_scalar_key(other) && key_text(other) == text) {
          first = q;
          break;
        }
      }
    } else {
      const auto [it, inserted] = seen.emplace(text, p);
      if (!inserted) first = it->second;
    }
    if (first != pairs) {
      const bool alias_key = at != doc_.nodes_[k].start;
      fail("duplicate-key", at,
           "key `" + std::string(text) + "` is defined twice in this mapping (first at " +
               where(pending_at_[begin + 2 * first]) + ")" +
               (alias_key ? " through an alias" : "") + "; remove or rename one of them",
           alias_key ? 0 : char_count(text));
    }
  }
  if (!has_merge) return true;

  // Merge keys: explicit keys win, then earlier merge sources over later ones (YAML merge spec).
  std::vector<NodeId> merged;
  std::vector<Position> merged_at;
  merged.reserve(slots);
  merged_at.reserve(slots);
  std::unordered_map<std::string_view, bool> present;
  std::vector<NodeId> sources;
  for (std::size_t p = 0; p < pairs; ++p) {
    const NodeId k = pending_[begin + 2 * p];
    const NodeId v = pending_[begin + 2 * p + 1];
    if (!(flags_[k] & kMergeKey)) {
      merged.push_back(k);
      merged.push_back(v);
      merged_at.push_back(pending_at_[begin + 2 * p]);
      merged_at.push_back(pending_at_[begin + 2 * p + 1]);
      if (is_scalar_key(k)) present.emplace(key_text(k), true);
      continue;
    }
    const Node& value = doc_.nodes_[v];
    if (value.kind == NodeKind::kMapping) {
      sources.push_back(v);
    } else if (value.kind == NodeKind::kSequence) {
      for (std::uint32_t i = 0; i < value.count; ++i) {
        const NodeId item = doc_.children_[value.first + i];
        if (doc_.nodes_[item].kind == NodeKind::kMapping) {
          sources.push_back(item);
        } else {
          fail("merge-key", doc_.nodes_[item].start,
               "a merge key `<<` list may hold only mappings, found " +
                   std::string(to_string(doc_.nodes_[item].kind)));
        }
      }
    } else {
      fail("merge-key", value.start,
           "the merge key `<<` needs a mapping or a list of mappings, found " +
               std::string(to_string(value.kind)));
    }
  }
  for (NodeId source : sources) {
    const Node& m = doc_.nodes_[source];
    for (std::uint32_t i = 0; i < m.count; ++i) {
      const NodeId k = doc_.children_[m.first + 2 * i];
      const NodeId v = doc_.children_[m.first + 2 * i + 1];
      if (is_scalar_key(k) && !present.emplace(key_text(k), true).second) continue;
      merged.push_back(k);
      merged.push_back(v);
      merged_at.push_back(doc_.nodes_[k].start);
      merged_at.push_back(doc_.nodes_[v].start);
    }
  }
  pending_.resize(begin);
  pending_.insert(pending_.end(), merged.begin(), merged.end());
  pending_at_.resize(begin);
  pending_at_.insert(pending_at_.end(), merged_at.begin(), merged_at.end());
  return true;
}

bool DocumentBuilder::end_container(Position end) {
  if (stack_.empty()) return fail("syntax", end, "unbalanced end of a mapping or sequence");
  Frame frame = stack_.back();
  Node& node = doc_.nodes_[frame.node];
  node.end = end;
  if (node.kind == NodeKind::kMapping && !close_mapping(frame)) return false;
  Node& closed = doc_.nodes_[frame.node];  // close_mapping may not reallocate nodes, but be safe
  const std::size_t slots = pending_.size() - frame.pending_start;
  closed.first = static_cast<std::uint32_t>(doc_.children_.size());
  closed.count = static_cast<std::uint32_t>(closed.kind == NodeKind::kMapping ? slots / 2 : slots);
  std::uint64_t expanded = 1;
  for (std::size_t i = frame.pending_start; i < pending_.size(); ++i) {
    doc_.children_.push_back(pending_[i]);
    expanded += expanded_[pending_[i]];
    if (expanded > limits_.max_expanded_nodes) expanded = limits_.max_expanded_nodes + 1;
  }
  expanded_[frame.node] = expanded;
  flags_[frame.node] &= static_cast<std::uint8_t>(~kOpen);
  pending_.resize(frame.pending_start);
  pending_at_.resize(frame.pending_start);
  stack_.pop_back();
  return true;
}

Document DocumentBuilder::finish() {
  // The tables grew by doubling while the document was read; a document lives on until the
  // whole-run rules have judged the push, so give back the unused half (≈ 20 % of a small
  // manifest's nodes, up to 40 % of a large one's).
  doc_.nodes_.shrink_to_fit();
  doc_.children_.shrink_to_fit();
  doc_.text_.shrink_to_fit();
  return std::move(doc_);
}

}  // namespace pushgate
