#include "core/push/ref_update.h"

namespace pushgate {

std::string_view to_string(RefUpdateKind kind) {
  switch (kind) {
    case RefUpdateKind::kCreate:
      return "create";
    case RefUpdateKind::kUpdate:
      return "update";
    case RefUpdateKind::kDelete:
      return "delete";
    case RefUpdateKind::kTagCreate:
      return "tag-create";
    case RefUpdateKind::kTagMove:
      return "tag-move";
    case RefUpdateKind::kTagDelete:
      return "tag-delete";
  }
  return "update";
}

}  // namespace pushgate
