#include "core/schema/instance_equality.h"

#include <bit>
#include <functional>
#include <string_view>

namespace pushgate::schema {
namespace {

bool is_number(NodeKind kind) {
  return kind == NodeKind::kInt || kind == NodeKind::kFloat;
}

bool numbers_equal(const Node& a, const Node& b) {
  if (a.kind == NodeKind::kInt && b.kind == NodeKind::kInt) return a.value.i == b.value.i;
  double x = a.kind == NodeKind::kInt ? static_cast<double>(a.value.i) : a.value.f;
  double y = b.kind == NodeKind::kInt ? static_cast<double>(b.value.i) : b.value.f;
  return x == y;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  // boost::hash_combine, widened.
  return h ^ (v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2));
}

std::uint64_t hash_text(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

std::uint64_t hash_number(double value) {
  if (value == 0) value = 0;  // -0 == 0
  return mix(3, std::bit_cast<std::uint64_t>(value));
}

// Seeds per kind so that "1", 1 and true differ.
constexpr std::uint64_t kNullSeed = 1;
constexpr std::uint64_t kBoolSeed = 2;
constexpr std::uint64_t kStringSeed = 4;
constexpr std::uint64_t kArraySeed = 5;
constexpr std::uint64_t kObjectSeed = 6;

}  // namespace

bool nodes_equal(const Document& doc, NodeId a, NodeId b) {
  if (a == b) return true;
  const Node& x = doc.node(a);
  const Node& y = doc.node(b);
  if (is_number(x.kind) && is_number(y.kind)) return numbers_equal(x, y);
  if (x.kind != y.kind) return false;
  switch (x.kind) {
    case NodeKind::kNull:
      return true;
    case NodeKind::kBool:
      return x.value.b == y.value.b;
    case NodeKind::kString:
      return doc.text(x) == doc.text(y);
    case NodeKind::kSequence:
      if (x.count != y.count) return false;
      for (std::uint32_t i = 0; i < x.count; ++i) {
        if (!nodes_equal(doc, doc.child(x.first + i), doc.child(y.first + i))) return false;
      }
      return true;
    case NodeKind::kMapping:
      if (x.count != y.count) return false;
      for (std::uint32_t i = 0; i < x.count; ++i) {
        std::string_view key = doc.text(doc.node(doc.child(x.first + 2 * i)));
        bool found = false;
        for (std::uint32_t j = 0; j < y.count && !found; ++j) {
          if (doc.text(doc.node(doc.child(y.first + 2 * j))) != key) continue;
          found = nodes_equal(doc, doc.child(x.first + 2 * i + 1), doc.child(y.first + 2 * j + 1));
          if (!found) return false;
        }
        if (!found) return false;
      }
      return true;
    default:
      return false;
  }
}

bool node_equals_json(const Document& doc, NodeId id, const nlohmann::json& value) {
  const Node& n = doc.node(id);
  switch (n.kind) {
    case NodeKind::kNull:
      return value.is_null();
    case NodeKind::kBool:
      return value.is_boolean() && value.get<bool>() == n.value.b;
    case NodeKind::kInt:
      if (value.is_number_integer()) {
        if (value.is_number_unsigned()) {
          return n.value.i >= 0 &&
                 static_cast<std::uint64_t>(n.value.i) == value.get<std::uint64_t>();
        }
        return value.get<std::int64_t>() == n.value.i;
      }
      return value.is_number_float() && value.get<double>() == static_cast<double>(n.value.i);
    case NodeKind::kFloat:
      return value.is_number() && value.get<double>() == n.value.f;
    case NodeKind::kString:
      return value.is_string() && value.get_ref<const std::string&>() == doc.text(n);
    case NodeKind::kSequence:
      if (!value.is_array() || value.size() != n.count) return false;
      for (std::uint32_t i = 0; i < n.count; ++i) {
        if (!node_equals_json(doc, doc.child(n.first + i), value[i])) return false;
      }
      return true;
    case NodeKind::kMapping: {
      if (!value.is_object() || value.size() != n.count) return false;
      for (std::uint32_t i = 0; i < n.count; ++i) {
        auto it = value.find(std::string(doc.text(doc.node(doc.child(n.first + 2 * i)))));
        if (it == value.end() || !node_equals_json(doc, doc.child(n.first + 2 * i + 1), *it)) {
          return false;
        }
      }
      return true;
    }
  }
  return false;
}

std::uint64_t node_hash(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  switch (n.kind) {
    case NodeKind::kNull:
      return kNullSeed;
    case NodeKind::kBool:
      return mix(kBoolSeed, n.value.b ? 1 : 0);
    case NodeKind::kInt:
      return hash_number(static_cast<double>(n.value.i));
    case NodeKind::kFloat:
      return hash_number(n.value.f);
    case NodeKind::kString:
      return mix(kStringSeed, hash_text(doc.text(n)));
    case NodeKind::kSequence: {
      std::uint64_t h = kArraySeed;
      for (std::uint32_t i = 0; i < n.count; ++i)
        h = mix(h, node_hash(doc, doc.child(n.first + i)));
      return h;
    }
    case NodeKind::kMapping: {
      std::uint64_t sum = 0;  // order-independent
      for (std::uint32_t i = 0; i < n.count; ++i) {
        std::uint64_t key = hash_text(doc.text(doc.node(doc.child(n.first + 2 * i))));
        sum += mix(key, node_hash(doc, doc.child(n.first + 2 * i + 1)));
      }
      return mix(kObjectSeed, sum);
    }
  }
  return 0;
}

std::uint64_t json_hash(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return kNullSeed;
    case nlohmann::json::value_t::boolean:
      return mix(kBoolSeed, value.get<bool>() ? 1 : 0);
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return hash_number(value.get<double>());
    case nlohmann::json::value_t::string:
      return mix(kStringSeed, hash_text(value.get_ref<const std::string&>()));
    case nlohmann::json::value_t::array: {
      std::uint64_t h = kArraySeed;
      for (const auto& item : value) h = mix(h, json_hash(item));
      return h;
    }
    case nlohmann::json::value_t::object: {
      std::uint64_t sum = 0;
      for (auto it = value.begin(); it != value.end(); ++it) {
        sum += mix(hash_text(it.key()), json_hash(it.value()));
      }
      return mix(kObjectSeed, sum);
    }
    default:
      return 0;
  }
}

}  // namespace pushgate::schema
