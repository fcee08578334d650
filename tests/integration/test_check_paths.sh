#!/usr/bin/env bash
# `pushgate check PATH...` inside a git work tree (core/source/check_paths.h): paths print and
# globs match relative to the repository root whatever folder is named or current, files git
# ignores are skipped while walking (a file named explicitly is still checked), and a path that
# does not exist is "no such file or directory", exit 2.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

BAD_YAML='apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n'

# A repository: clusters/prod/{app,skip}.yaml, both broken; files.exclude drops skip.yaml.
work_tree() {
  git init -q repo && cd repo
  mkdir -p clusters/prod/generated
  printf "$BAD_YAML" >clusters/prod/app.yaml
  printf "$BAD_YAML" >clusters/prod/skip.yaml
  printf "$BAD_YAML" >clusters/prod/generated/out.yaml
  printf "$BAD_YAML" >clusters/prod/local.yaml
  printf 'version: 1\nfiles:\n  exclude: ["clusters/prod/skip.yaml"]\n' >.pushgate.yaml
  printf 'clusters/prod/generated/\n*.local.yaml\nlocal.yaml\n' >.gitignore
}

expect_only_app_yaml() {
  expect_status 1
  expect_stdout_finding clusters/prod/app.yaml:5:3 yaml/duplicate-key
  for other in skip.yaml out.yaml local.yaml; do
    if grep -q "$other" "$CASE_DIR/stdout.txt"; then fail "$other was checked: $(grep "$other" "$CASE_DIR/stdout.txt")"; fi
  done
}

subfolder_from_root() {
  work_tree
  run_pushgate check clusters/prod
  expect_only_app_yaml
}

subfolder_from_inside() {
  work_tree
  cd clusters/prod
  run_pushgate check .
  expect_only_app_yaml
  run_pushgate check ../prod/
  expect_only_app_yaml
}

whole_tree() {
  work_tree
  run_pushgate check
  expect_only_app_yaml
}

named_ignored_file_is_checked() {
  work_tree
  run_pushgate check clusters/prod/local.yaml
  expect_status 1
  expect_stdout_finding clusters/prod/local.yaml:5:3 yaml/duplicate-key
}

missing_path() {
  work_tree
  run_pushgate check clusters/nope
  expect_status 2
  grep -qF 'clusters/nope: no such file or directory' "$CASE_DIR/stdout.txt" "$CASE_DIR/stderr.txt" ||
    fail "no 'no such file or directory' for a missing path"
  cd "$CASE_DIR" && mkdir -p plain && cd plain
  run_pushgate check missing.yaml
  expect_status 2
  grep -qF 'missing.yaml: no such file or directory' "$CASE_DIR/stdout.txt" "$CASE_DIR/stderr.txt" ||
    fail "outside git: no 'no such file or directory' for a missing file"
}

outside_git_unchanged() {
  mkdir -p plain/clusters && cd plain
  printf "$BAD_YAML" >clusters/app.yaml
  run_pushgate check clusters
  expect_status 1
  expect_stdout_finding app.yaml:5:3 yaml/duplicate-key
}

run_case "check PATH: a sub-folder from the root keeps root-relative globs and paths" subfolder_from_root
run_case "check PATH: from inside a sub-folder" subfolder_from_inside
run_case "check: the whole tree skips .gitignore'd files" whole_tree
run_case "check PATH: an ignored file named explicitly is checked" named_ignored_file_is_checked
run_case "check PATH: a missing path is exit 2, no such file" missing_path
run_case "check DIR outside git: paths relative to DIR as before" outside_git_unchanged
it_finish
