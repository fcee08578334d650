#pragma once
#include "validators/validator.h"

namespace pushgate {

// gitops/symlink-escape: a symbolic link whose target leaves the repository (absolute, or `..`
// past the root). Operators that follow it would read files from the server or the controller's
// filesystem; pushgate itself never follows links.
class SymlinkEscapeRule final : public Validator {
 public:
  std::string_view rule() const override { return "gitops/symlink-escape"; }
  void check_entry(const EntryContext& entry, FindingList& out) const override;
};

}  // namespace pushgate
