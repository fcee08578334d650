#pragma once
// Kubernetes-style paths to a value, as kubectl and the API server print them:
//   spec.template.spec.containers[0].image
//   metadata.labels[app.kubernetes.io/name]     (keys that are not plain names go in brackets)
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace pushgate {

struct JsonPathSegment {
  std::string_view key;     // a mapping key (views the document's text)
  std::uint32_t index = 0;  // a sequence index, when is_index
  bool is_index = false;
};

std::string format_json_path(std::span<const JsonPathSegment> segments);
void append_json_path_key(std::string& path, std::string_view key);
void append_json_path_index(std::string& path, std::size_t index);

}  // namespace pushgate
