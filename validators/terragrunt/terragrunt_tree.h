#pragma once
// What the Terragrunt reference rules share: every Terragrunt unit of the tree that would land
// (`terragrunt.hcl`) and stack (`terragrunt.stack.hcl`) read with the HCL reader, the paths they
// name evaluated statically — string literals, templates of them, `local.*` of the same file,
// `include.NAME.locals.*` / `include.NAME.inputs.*` of an include with `expose = true`,
// find_in_parent_folders(), get_terragrunt_dir(), get_repo_root(), dirname() — and every
// reference judged against the tree. Included files (`root.hcl`, `_envcommon/*.hcl`) are judged
// in the context of each unit that includes them, as Terragrunt evaluates them.
//
//   FindingList found = judge_terragrunt_tree(run, "terragrunt/include-path");
//
// Units a stack generates (a `unit` block's local source, or a unit reading `values.*`) are
// templates: their find_in_parent_folders() and local paths only resolve once generated, so they
// are not judged in place. They are judged where each stack generates them
// (`<stack>/.terragrunt-stack/<path>`, or `<stack>/<path>` with no_dot_terragrunt_stack; nested
// stacks followed), `values.NAME` read from the generating block's `values`, and reported at
// that block (terragrunt/stack-values checks the keys the unit reads against it); there they
// also count as units for a dependency's config_path. Anything computed otherwise (a variable, a
// function not listed above) is not judged: a gate reports what it can prove. The analysis runs
// once per run for all the rules.
//
// Incremental: in a push only units the change reaches are reported (the unit or a file it
// includes changed, or a path it names, found or not, was added, changed or deleted).
// It knows nothing about how findings are reported or which rules are on.
#include <string_view>

#include "core/hcl/hcl.h"
#include "validators/validator.h"

namespace pushgate {

// The findings of rule `rule_id` (one of the terragrunt/* reference rules) for this run.
FindingList judge_terragrunt_tree(const RunContext& run, std::string_view rule_id);

// True for a module source that is fetched from elsewhere (git, a registry, a URL, a bucket).
bool is_remote_source(std::string_view source);
// For a remote source: true when it names a fixed revision (git `ref=` other than a branch
// name such as main/master/HEAD, registry `version=`); meaningful only when is_remote_source.
bool is_pinned_source(std::string_view source);

}  // namespace pushgate
