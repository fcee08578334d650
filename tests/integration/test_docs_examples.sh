#!/usr/bin/env bash
# The docs cannot drift: every pushgate.yaml example in README.md and docs/ is loaded by the
# binary, every `pushgate ...` command line in a shell block matches the CLI (subcommands and
# options; `pushgate rules ...` lines run for real), and every example finding names a rule that
# exists. The extraction and its conventions (`<!-- docs-test: skip REASON -->`, "## Bad"
# examples) are described in docs_examples.py.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate
command -v python3 >/dev/null || it_abort "python3 is missing (install/setup-debian.sh)"

docs_examples() {
  python3 "$it_lib_dir/docs_examples.py" "$PUSHGATE_BIN" "$PUSHGATE_SOURCE_DIR" "$CASE_DIR/work" \
    >"$CASE_DIR/docs.out" 2>&1 || { cat "$CASE_DIR/docs.out"; fail "docs examples drifted"; }
  cat "$CASE_DIR/docs.out"
}

run_case "docs: every config example, command and example finding" docs_examples
it_finish
