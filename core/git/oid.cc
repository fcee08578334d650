#include "core/git/oid.h"

#include "core/git/object_id.h"

namespace pushgate::git {

Result<git_oid> parse_oid(std::string_view hex) {
  git_oid oid;
  if (!is_object_id(hex) || git_oid_fromstrn(&oid, hex.data(), hex.size()) != 0) {
    return Error{ErrorCode::kInvalid,
                 "\"" + std::string(hex) + "\" is not a full object id (40 hex digits)"};
  }
  return oid;
}

std::string to_hex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return std::string(hex);
}

}  // namespace pushgate::git
