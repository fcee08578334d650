#pragma once
// One ref update of a push, as git's hooks receive it, and what kind of change it is.
//
//   RefUpdate update{old_id, new_id, "refs/heads/main"};   // zero id: creation or deletion
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pushgate {

struct RefUpdate {
  std::string old_id;  // 40 hex digits; all zeros when the ref is being created
  std::string new_id;  // 40 hex digits; all zeros when the ref is being deleted
  std::string ref;     // full name, e.g. refs/heads/main
  friend bool operator==(const RefUpdate&, const RefUpdate&) = default;
};

enum class RefUpdateKind : std::uint8_t {
  kCreate,     // a new ref outside refs/tags/
  kUpdate,     // an existing ref moves (fast-forward or not: see RefPlan::fast_forward)
  kDelete,     // a ref outside refs/tags/ is deleted
  kTagCreate,  // a new refs/tags/ ref
  kTagMove,    // an existing tag is re-pointed (needs --force on the client)
  kTagDelete,  // a tag is deleted
};
std::string_view to_string(RefUpdateKind kind);  // "create", "update", …, "tag-delete"

// A push as the hooks layer hands it to core code: the ref updates and the push options
// (`git push -o KEY=VALUE`), kept for rules such as a bypass option.
struct PushRequest {
  std::vector<RefUpdate> updates;
  std::vector<std::string> push_options;
};

}  // namespace pushgate
