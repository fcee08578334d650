#pragma once
// A validator of HCL files (`*.hcl`, `*.tf`, `*.tfvars`), read by the HCL reader
// (core/hcl/hcl.h). HCL files never reach Validator::check_file (that is YAML/JSON); the engine
// hands them to every registered HclValidator instead, complete or not (a syntax error stops the
// reader; the partial tree is still there).
//
//   class DuplicateAttributeRule final : public HclValidator {
//    public:
//     std::string_view rule() const override { return "hcl/duplicate-attribute"; }
//     void check_hcl(const HclFileContext& file, FindingList& out) const override { ... }
//   };
#include "core/hcl/hcl.h"
#include "validators/validator.h"

namespace pushgate {

struct HclFileContext {
  const HclFile& file;
  std::string_view content;
  std::string_view ref = {};  // the pushed ref ("" outside git)
};

class HclValidator : public Validator {
 public:
  virtual void check_hcl(const HclFileContext& file, FindingList& out) const = 0;
};

}  // namespace pushgate
