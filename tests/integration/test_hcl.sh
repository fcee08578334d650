#!/usr/bin/env bash
# Terraform and Terragrunt over real pushes (docs/hcl.md): HCL that does not read is rejected at
# path:line:col; a push that breaks a Terragrunt reference is rejected at the unit that still
# names it, also when that unit is unchanged; an unpinned remote source is a warning.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# repo_with_units: live/root.hcl, units live/prod/vpc and live/prod/app (app depends on vpc).
repo_with_units() {
  repo_with_base file "$@"
  printf 'locals {\n  region = "eu-west-1"\n}\n' | add_file live/root.hcl
  printf 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nterraform {\n  source = "../../../modules//vpc"\n}\n' |
    add_file live/prod/vpc/terragrunt.hcl
  printf 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\ndependency "vpc" {\n  config_path = "../vpc"\n}\n' |
    add_file live/prod/app/terragrunt.hcl
  printf 'variable "cidr" {\n  type = string\n}\n' | add_file modules/vpc/main.tf
  commit "live: vpc and app units"
  push origin main
  expect_push_ok
  expect_no_finding hcl/syntax
  expect_no_finding terragrunt/include-path
}

syntax_pushes() {
  repo_with_units
  printf 'variable "cidr" {\n  type = string\n  default = \n}\n' | add_file modules/vpc/main.tf
  commit "vpc: a default without a value"
  push origin main
  expect_push_rejected
  expect_finding modules/vpc/main.tf:3:13 hcl/syntax
}

reference_pushes() {
  repo_with_units
  # Deleting root.hcl breaks both unchanged units.
  git rm -q live/root.hcl
  commit "live: root.hcl gone"
  push origin main
  expect_push_rejected
  expect_finding live/prod/app/terragrunt.hcl:2:10 terragrunt/include-path
  expect_finding live/prod/vpc/terragrunt.hcl:2:10 terragrunt/include-path
  git reset -q --hard HEAD~1
  # Renaming the vpc unit leaves app depending on nothing.
  git mv live/prod/vpc live/prod/network
  commit "live: vpc renamed"
  push origin main
  expect_push_rejected
  expect_finding live/prod/app/terragrunt.hcl:5:17 terragrunt/dependency-path
  git reset -q --hard HEAD~1
  # An unpinned remote source is a warning: accepted.
  printf 'terraform {\n  source = "git::https://example.com/modules.git//db"\n}\n' |
    add_file live/prod/db/terragrunt.hcl
  commit "live: db from a remote module"
  push origin main
  expect_push_ok
  expect_finding live/prod/db/terragrunt.hcl:2:12 terragrunt/source-unpinned warning
}

run_case "hcl: a file that does not read is rejected where it breaks" syntax_pushes
run_case "terragrunt: references that resolve to no file of the tree" reference_pushes

it_finish
