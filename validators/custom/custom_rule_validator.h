#pragma once
// Runs one custom rule of policies.custom (core/policy/custom_rule.h) over every object its
// `match` selects, and reports each failed assertion at the value that failed it (or at the
// object, for a missing field or a wrong count) as custom/<id>.
#include <memory>

#include "core/policy/custom_rule.h"
#include "validators/object_validator.h"

namespace pushgate {

class CustomRuleValidator final : public ObjectValidator {
 public:
  explicit CustomRuleValidator(std::shared_ptr<const CustomRule> rule) : rule_(std::move(rule)) {}
  std::string_view rule() const override { return rule_->id(); }
  void check_object(const ObjectContext& object, FindingList& out) const override;

 private:
  std::shared_ptr<const CustomRule> rule_;  // compiled once by the config loader, shared
};

}  // namespace pushgate
