#include "core/git/object_id.h"

#include <algorithm>

namespace pushgate {

bool is_object_id(std::string_view text) {
  return text.size() == kObjectIdHexLength && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

bool is_zero_object_id(std::string_view text) {
  return text.size() == kObjectIdHexLength &&
         std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

}  // namespace pushgate
