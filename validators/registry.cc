// The one place validators are registered: adding a rule adds one line here.
#include "validators/gitops/symlink_escape_rule.h"
#include "validators/k8s/selector_mismatch_rule.h"
#include "validators/schema/api_version_kind_rule.h"
#include "validators/schema/removed_api_rule.h"
#include "validators/validator.h"

namespace pushgate {

void Validator::check_entry(const EntryContext& /*entry*/, FindingList& /*out*/) const {}
void Validator::check_file(const FileContext& /*file*/, FindingList& /*out*/) const {}

ValidatorSet::ValidatorSet(const Config& config) {
  validators_.push_back(std::make_unique<SymlinkEscapeRule>());
  validators_.push_back(std::make_unique<ApiVersionKindRule>());
  if (config.kubernetes) {
    if (config.kubernetes->version) {
      validators_.push_back(std::make_unique<RemovedApiRule>(*config.kubernetes->version));
    }
    validators_.push_back(std::make_unique<SelectorMismatchRule>());
  }
}

}  // namespace pushgate
