#!/usr/bin/env bash
# schemas/pushgate-config.schema.json and the config loader agree: every valid config (the
# fixtures and each complete example in docs/config.md) passes both the schema and
# `pushgate check --config`; every invalid fixture is rejected by both, the loader with the
# exact path:line:col its "# expect:" comments pin.
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

schema="$PUSHGATE_SOURCE_DIR/schemas/pushgate-config.schema.json"
fixtures="$PUSHGATE_SOURCE_DIR/tests/fixtures/config"

# schema_check valid|invalid FILE...: YAML read with PyYAML, validated as draft-07.
schema_check() {
  python3 "$it_lib_dir/schema_check.py" "$schema" "$@"
}

# Complete configs in docs/config.md: ```yaml blocks whose first line is `version: 1`.
extract_doc_examples() {
  python3 - "$PUSHGATE_SOURCE_DIR/docs/config.md" "$1" <<'PY'
import re, sys, pathlib
text = open(sys.argv[1], encoding="utf-8").read()
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
blocks = [b for b in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
          if b.startswith("version: 1\n")]
for i, block in enumerate(blocks):
    (out / f"example-{i + 1}.yaml").write_text(block, encoding="utf-8")
print(f"{len(blocks)} complete examples in docs/config.md")
PY
}

valid_fixtures_pass_the_schema() {
  schema_check valid "$fixtures"/valid/*.yaml
}

invalid_fixtures_fail_the_schema() {
  schema_check invalid "$fixtures"/invalid/*.yaml
}

docs_examples_pass_schema_and_loader() {
  extract_doc_examples examples
  local count
  count=$(find examples -name '*.yaml' | wc -l)
  [ "$count" -ge 3 ] || fail "expected at least 3 complete examples in docs/config.md, found $count"
  schema_check valid examples/*.yaml
  mkdir -p empty
  local f
  for f in examples/*.yaml; do
    run_pushgate check --config "$f" empty
    expect_status 0
  done
}

valid_fixtures_pass_the_loader() {
  mkdir -p empty
  local f
  for f in "$fixtures"/valid/*.yaml; do
    run_pushgate check --config "$f" empty
    expect_status 0
  done
}

# Exit 2 (a configuration error) with each expected finding at its exact position.
invalid_fixtures_fail_the_loader() {
  mkdir -p empty
  local f expect rule where
  for f in "$fixtures"/invalid/*.yaml; do
    run_pushgate check --config "$f" empty
    expect_status 2
    while read -r expect rule where; do
      [ "$expect" = "#" ] || continue
      expect_stdout_finding "$f:$where" "$rule"
    done < <(grep '^# expect: ' "$f" | sed 's/^# expect: /# /')
  done
}

# Mistakes people make, each caught by both sides (written here, not as fixtures, to keep the
# list of shapes in one place).
both_reject_common_mistakes() {
  mkdir -p empty mistakes
  printf 'version: 1\nfiles:\n  max_size: 1 mb\n' >mistakes/lowercase-unit.yaml
  printf 'version: 1\nfiles:\n  max_size: 0\n' >mistakes/zero-size.yaml
  printf 'version: 1\nfiles:\n  max_depth: 2000\n' >mistakes/too-deep.yaml
  printf 'version: 1\nvalidate: all\n' >mistakes/validate-all.yaml
  printf 'version: 1\nkubernetes:\n  version: 1.30\n' >mistakes/unquoted-kubernetes-version.yaml
  printf 'version: 1\nrefs:\n  - match: refs/heads/main\n    reviews: {codeowners: /CODEOWNERS}\n' >mistakes/codeowners-outside-repository.yaml
  printf 'version: "1"\n' >mistakes/quoted-version.yaml
  printf 'version: 1\nfiles:\n  exclude: ["/"]\n' >mistakes/root-glob.yaml
  printf 'version: 1\nValidate: tip\n' >mistakes/capital-key.yaml
  schema_check invalid mistakes/*.yaml
  local f
  for f in mistakes/*.yaml; do
    run_pushgate check --config "$f" empty
    expect_status 2
    grep -qE "^$f:[0-9]+:[0-9]+: error\[config/(invalid|unsupported)\]: " "$CASE_DIR/stdout.txt" ||
      fail "no positioned config finding for $f"
  done
}

missing_config_is_a_configuration_error() {
  mkdir -p empty
  run_pushgate check --config does-not-exist.yaml empty
  expect_status 2
  expect_stdout_finding does-not-exist.yaml config/missing
}

run_case "valid fixtures pass the schema" valid_fixtures_pass_the_schema
run_case "invalid fixtures fail the schema" invalid_fixtures_fail_the_schema
run_case "docs/config.md examples pass the schema and the loader" docs_examples_pass_schema_and_loader
run_case "valid fixtures pass the loader" valid_fixtures_pass_the_loader
run_case "invalid fixtures fail the loader at the expected positions" invalid_fixtures_fail_the_loader
run_case "common mistakes are rejected by both" both_reject_common_mistakes
run_case "a missing --config file is exit 2, config/missing" missing_config_is_a_configuration_error
it_finish
