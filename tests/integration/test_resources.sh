#!/usr/bin/env bash
# Resources of the server hook under hostile pushes (issue 11): real pushes into a gated bare
# repository whose pre-receive runs pushgate under a wrapper that records the hook's peak RSS
# (getrusage of the child, in KiB). Each case asserts the verdict, the audit line and a bound on
# the peak, with generous margins: the bounds catch "reads the whole push" or "inflates the
# 300 MB blob", not a few megabytes of drift. The numbers measured are in docs/benchmarks.md
# ("Memory bounds").
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

# gated_repo [CONFIG-LINES]: repo_with_base over file://, with an audit log at $AUDIT and the
# hook wrapped: its peak RSS goes to $RSS_FILE; $HOOK_LIMIT_KB, when set in the wrapper's
# environment file, caps the hook's address space (ulimit -v) to provoke out of memory.
gated_repo() {
  repo_with_base file
  AUDIT="$CASE_DIR/audit.jsonl"
  RSS_FILE="$CASE_DIR/rss.txt"
  server_config "$@"
  cat >"$CASE_DIR/rss_wrapper.py" <<'PY'
import os, resource, subprocess, sys
out, limit, command = sys.argv[1], sys.argv[2], sys.argv[3:]
def cap():
    if limit != "0":
        kib = int(limit) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (kib, kib))
code = subprocess.run(command, preexec_fn=cap).returncode
with open(out, "w") as f:
    f.write("%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
PY
  # The installed hook's exec line, run under the wrapper.
  sed -i -E "s|^exec (.*)$|exec python3 '$CASE_DIR/rss_wrapper.py' '$RSS_FILE' \"\$(cat '$CASE_DIR/limit' 2>/dev/null \|\| echo 0)\" \\1|" \
    "$BARE/hooks/pre-receive"
  grep -q rss_wrapper "$BARE/hooks/pre-receive" || fail "the hook was not wrapped: $(cat "$BARE/hooks/pre-receive")"
}

# server_config [LINES]: the server's pushgate.yaml: version, the audit log, and LINES.
server_config() {
  printf 'version: 1\naudit:\n  file: %s\n%s\n' "$AUDIT" "${1:-}" >"$BARE/pushgate.yaml"
}

# expect_peak_below MB: the hook's last run peaked below MB megabytes of RSS.
expect_peak_below() {
  [ -s "$RSS_FILE" ] || fail "no peak RSS recorded"
  local kib
  kib=$(cat "$RSS_FILE")
  echo "--- hook peak RSS: $((kib / 1024)) MB (bound $1 MB)"
  [ "$kib" -lt $(($1 * 1024)) ] || fail "hook peak RSS $((kib / 1024)) MB, over the bound of $1 MB"
}

# expect_audit DECISION RULE: the last audit line is valid JSON with DECISION and names RULE.
expect_audit() {
  [ -s "$AUDIT" ] || fail "no audit line"
  tail -n 1 "$AUDIT" >"$CASE_DIR/last-audit.json"
  json_assert "$CASE_DIR/last-audit.json" "doc['decision'] == '$1' and '$2' in str(doc['rules'])" \
    "audit line: decision $1, rule $2"
}

expect_no_abort() {
  if grep -qE 'terminate called|bad_alloc|Aborted|core dumped' "$CASE_DIR/push.out"; then
    fail "the hook aborted: $(cat "$CASE_DIR/push.out")"
  fi
}

# A 300 MB blob over files.max_size is refused from its object header: never inflated.
big_blob_pushes() {
  gated_repo
  head -c 300000000 /dev/zero | tr '\0' 'a' >big.yaml
  git add big.yaml
  commit "a 300 MB file"
  push origin main
  expect_push_rejected
  expect_finding big.yaml yaml/too-large
  expect_audit reject yaml/too-large
  expect_peak_below 150
}

# A 300 MB file of NULs under a limit that allows it: judged by its first 64 KiB.
nul_blob_pushes() {
  gated_repo 'files: {max_size: 1GiB}'
  head -c 300000000 /dev/zero >zeros.yaml
  git add zeros.yaml
  commit "300 MB of NUL"
  push origin main
  expect_push_rejected
  expect_finding zeros.yaml:1:1 yaml/encoding
  expect_audit reject yaml/encoding
  expect_peak_below 150
}

# write_configmaps N: N files of about 1 MB each, every one a ConfigMap of 20,000 keys.
write_configmaps() {
  python3 - "$1" <<'PY'
import os, sys
os.makedirs("apps", exist_ok=True)
body = "".join("  key%05d: value-%010d-%s\n" % (k, k, "x" * 16) for k in range(20000))
for i in range(int(sys.argv[1])):
    with open("apps/cm%03d.yaml" % i, "w") as f:
        f.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm%03d\ndata:\n" % i + body)
PY
  git add apps
}

# 300 files of 1 MB: over files.max_push_bytes, refused before any file is read; with the
# bound raised and the address space capped, out of memory ends in a verdict and an audit line.
many_files_pushes() {
  gated_repo 'files: {max_push_bytes: 64MiB}'
  write_configmaps 300
  commit "300 config maps of 1 MB"
  push origin main
  expect_push_rejected
  grep -q 'error\[git/push-too-large\]' "$CASE_DIR/remote.txt" || fail "no git/push-too-large"
  expect_audit reject git/push-too-large
  expect_peak_below 120

  server_config 'files: {max_push_bytes: 1GiB}'
  echo 700000 >"$CASE_DIR/limit"
  push origin main
  expect_push_rejected
  expect_no_abort
  # Where the allocation fails decides the finding: pushgate's own code (internal/error, "out of
  # memory"), libgit2 (internal/error naming the read) or libyaml (its "memory error"). Each is
  # an error finding, a rejection and an audit line.
  grep -qE 'error\[internal/error\].*out of memory|memory error' "$CASE_DIR/remote.txt" ||
    fail "no out-of-memory finding"
  expect_audit reject ""
  expect_ref refs/heads/main "$BASE"
}

# 40 files of 1 MB within the bounds: accepted, and the peak grows with the push, not beyond.
within_bound_pushes() {
  gated_repo
  write_configmaps 40
  commit "40 config maps of 1 MB"
  push origin main
  expect_push_ok
  expect_audit accept ""
  expect_peak_below 400
}

# A push of the 10,000-manifest Flux-dense repository of bench/ (5.5 MB of YAML, every reference
# resolving): accepted, and its peak is the parsed documents of the whole push (the whole-run rules
# judge them together) plus the base and the summaries the index keeps: 106 MB measured here
# (118 MB before each document gave back its tables' growth slack). The bound catches a second
# copy of the push or a summary that grows with it, not a few megabytes of drift; the breakdown is
# in docs/benchmarks.md ("Where the peak goes").
initial_push_of_a_large_repository() {
  gated_repo
  python3 "$PUSHGATE_SOURCE_DIR/bench/generate_manifests.py" 10000 gen --complete >/dev/null
  git add gen
  commit "10,000 manifests"
  push origin main
  expect_push_ok
  expect_audit accept ""
  expect_peak_below 150
}

run_case "resources: a 300 MB blob over max_size is never inflated" big_blob_pushes
run_case "resources: a 300 MB NUL file is judged by its start" nul_blob_pushes
run_case "resources: max_push_bytes and out of memory end in a verdict" many_files_pushes
run_case "resources: a push within the bounds" within_bound_pushes
run_case "resources: the initial push of 10,000 manifests" initial_push_of_a_large_repository

it_finish
