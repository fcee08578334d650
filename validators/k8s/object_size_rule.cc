#include "validators/k8s/object_size_rule.h"

#include <string>
#include <vector>

namespace pushgate {
namespace {

// The bytes `node` takes as compact JSON, near enough: quotes, separators and brackets counted,
// escapes not. Iterative, so that any depth the parser accepted is fine here.
std::size_t json_size(NodeRef node) {
  std::size_t total = 0;
  std::vector<NodeRef> stack{node};
  while (!stack.empty()) {
    const NodeRef n = stack.back();
    stack.pop_back();
    if (n.is_mapping()) {
      total += 2;
      for (std::size_t i = 0; i < n.size(); ++i) {
        total += n.key(i).text().size() + 4;  // "key":,
        stack.push_back(n.value(i));
      }
    } else if (n.is_sequence()) {
      total += 2;
      for (std::size_t i = 0; i < n.size(); ++i) {
        total += 1;
        stack.push_back(n.item(i));
      }
    } else {
      total += n.text().size() + (n.is_string() ? 2 : 0);
    }
  }
  return total;
}

// A ConfigMap's or Secret's payload: every key and value of data, binaryData and stringData,
// base64 values counted decoded (Secret data, binaryData), as the API server counts them.
std::size_t data_size(const ObjectContext& object) {
  std::size_t total = 0;
  for (std::string_view field : {"data", "binaryData", "stringData"}) {
    const NodeRef map = object.root.get(field);
    if (!map.is_mapping()) continue;
    const bool base64 = field == "binaryData" || (field == "data" && object.kind == "Secret");
    for (std::size_t i = 0; i < map.size(); ++i) {
      const std::size_t value = map.value(i).text().size();
      total += map.key(i).text().size() + (base64 ? value / 4 * 3 : value);
    }
  }
  return total;
}

std::string mib(std::size_t bytes) {
  const std::size_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

}  // namespace

void ObjectSizeRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (const std::size_t size = json_size(object.root); size > kMaxObjectBytes) {
    out.push_back(object.finding(
        rule(), Severity::kError, NodeRef(), "",
        object.display() + " is " + mib(size) + " (" + std::to_string(size) +
            " bytes) as JSON, over the 1.5 MiB that etcd stores per object: the API server "
            "refuses it; split it into several objects, or keep the data elsewhere (an image, "
            "a volume, object storage)"));
    return;
  }
  if (object.group().empty() && (object.kind == "ConfigMap" || object.kind == "Secret")) {
    if (const std::size_t size = data_size(object); size > kMaxDataBytes) {
      const NodeRef at = object.root.get("data") ? object.root.get("data")
                                                 : object.root.get("binaryData");
      out.push_back(object.finding(
          rule(), Severity::kError, at, "data",
          object.display() + " holds " + mib(size) + " (" + std::to_string(size) +
              " bytes) of data, over the 1 MiB a " + std::string(object.kind) +
              " may hold: the API server refuses it; split it into several " +
              std::string(object.kind) + "s"));
    }
  }
}

}  // namespace pushgate
