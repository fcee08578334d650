#include "core/document/sops.h"

namespace pushgate {

bool is_sops_document(const NodeRef& root) {
  if (!root.is_mapping()) return false;
  const NodeRef sops = root.get("sops");
  return sops.is_mapping() && static_cast<bool>(sops.get("mac")) &&
         static_cast<bool>(sops.get("lastmodified"));
}

bool is_sops_encrypted_value(std::string_view text) {
  return text.starts_with("ENC[") && text.ends_with("]") &&
         text.find(",data:") != std::string_view::npos;
}

}  // namespace pushgate
