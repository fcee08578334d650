#include "validators/terragrunt/stack_values_rule.h"

#include "validators/terragrunt/terragrunt_tree.h"

namespace pushgate {

void StackValuesRule::check_run(const RunContext& run, FindingList& out) const {
  FindingList found = judge_terragrunt_tree(run, rule());
  out.insert(out.end(), std::make_move_iterator(found.begin()),
             std::make_move_iterator(found.end()));
}

}  // namespace pushgate
