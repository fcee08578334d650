#!/usr/bin/env bash
# Well-formedness over real pushes (file:// and ssh): a good push is accepted; each broken file is
# rejected with the exact `remote:` lines (summary, path:line:col, rule id, message, code frame),
# and the server's branch does not move.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate
ssh_start || it_abort "sshd did not start"

# push_rejected_at LOCATION RULE: the push of HEAD to main is rejected with exactly one error,
# reported at LOCATION, and main stays at the base commit.
push_rejected_at() {
  push origin main
  expect_push_rejected
  expect_remote_line "pushgate: rejected refs/heads/main (1 error, 0 warnings) in N ms"
  expect_finding "$1" "$2"
  expect_ref refs/heads/main "$BASE"
}

# push_rejected_exactly "N error(s)": the push of HEAD to main is rejected and the remote lines
# are exactly the summary line, stdin (findings and code frames) and the rules hint.
push_rejected_exactly() {
  local findings
  findings=$(cat)
  push origin main
  expect_push_rejected
  {
    echo "pushgate: rejected refs/heads/main ($1, 0 warnings) in N ms"
    printf '%s\n' "$findings"
    echo "$RULES_HINT"
  } | expect_remote_lines
  expect_ref refs/heads/main "$BASE"
}

good_push() {
  repo_with_base "$1"
  add_file clusters/prod/app.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels: {app: app}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: "registry.example.com/app:1.2.3"
          args: ["--port=8080", "--mode", "on"]
---
apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  selector: {app: app}
  ports: [{port: 80, targetPort: 8080}]
EOF
  add_file clusters/prod/settings.json <<'EOF'
{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"},
 "data": {"unicode": "caf\u00e9 ☕", "empty": ""}}
EOF
  # Not a YAML or JSON file: never parsed, whatever it holds.
  printf 'key: [unclosed\n' | add_file README.md
  commit "deploy the app"
  push origin main
  expect_push_ok
  expect_ref refs/heads/main "$(git rev-parse HEAD)"
  expect_no_finding yaml/syntax
}

syntax_error() {
  repo_with_base "$1"
  add_file clusters/prod/app.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  a: b
  c: d: e
EOF
  commit "a value with an unquoted ': '"
  # The second ': ' on line 7 is column 7.
  push_rejected_exactly "1 error" <<'EOF'
clusters/prod/app.yaml:7:7: error[yaml/syntax]: mapping values are not allowed in this context; a plain value may not contain `: `: quote the value, or fix the indentation
    7 |   c: d: e
      |       ^
EOF
}

unclosed_flow_sequence() {
  repo_with_base "$1"
  add_file app.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
  labels: [a, b
data:
  x: y
EOF
  commit "an unclosed flow sequence"
  push_rejected_exactly "1 error" <<'EOF'
app.yaml:6:5: error[yaml/syntax]: did not find expected ',' or ']' while parsing a flow sequence started at line 5, column 11
    6 | data:
      |     ^
EOF
}

duplicate_key() {
  repo_with_base "$1"
  add_file clusters/prod/app.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: prod
  name: app2
EOF
  commit "metadata.name twice"
  # The message names the first occurrence.
  push_rejected_exactly "1 error" <<'EOF'
clusters/prod/app.yaml:6:3: error[yaml/duplicate-key]: key `name` is defined twice in this mapping (first at line 4, column 3); remove or rename one of them
    6 |   name: app2
      |   ^^^^
EOF
}

tab_indentation() {
  repo_with_base "$1"
  add_bytes app.yaml 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: app\n'
  commit "a tab used for indentation"
  # The code frame shows the tab as spaces, underlined.
  push_rejected_exactly "1 error" <<'EOF'
app.yaml:4:1: error[yaml/syntax]: tab character used for indentation; YAML allows only spaces there: replace the tab with spaces
    4 |     name: app
      | ^^^^
EOF
}

# Go's YAML reader accepts a tab after a value (real corpora have one): not an error.
tab_after_value() {
  repo_with_base "$1"
  add_bytes app.yaml 'apiVersion: v1\t\nkind: ConfigMap\nmetadata:\n  name: app\n'
  commit "a trailing tab after a value"
  push origin main
  expect_push_ok
}

invalid_utf8() {
  repo_with_base "$1"
  # 0xE9 is Latin-1 "é": not UTF-8. Line 4, after "  name: caf" (11 characters).
  add_bytes app.yaml 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n'
  commit "latin-1 bytes"
  push_rejected_at app.yaml:4:12 yaml/encoding
  # The message may name the offending byte, but not one that is not there.
  local named
  named=$(grep -o 'byte 0x[0-9a-f]*' "$CASE_DIR/remote.txt" || true)
  if [ -n "$named" ] && [ "$named" != "byte 0xe9" ]; then
    fail "the message names '$named'; the file holds 0xe9"
  fi
  expect_remote_printable
}

control_character() {
  repo_with_base "$1"
  add_bytes app.yaml 'apiVersion: v1\nkind: ConfigMap\ndata:\n  bell: "a\x07b"\n'
  commit "a BEL control character"
  push_rejected_at app.yaml:4:11 yaml/encoding
  expect_remote_printable
}

# A pushed file must not drive the pusher's terminal: an escape sequence in a bad file is
# reported, never echoed raw in a code frame.
escape_sequence() {
  repo_with_base "$1"
  add_bytes app.yaml 'apiVersion: v1\nkind: ConfigMap\ndata:\n  red: "\x1b[31mred\x1b[0m"\n'
  commit "an ANSI escape sequence"
  push_rejected_at app.yaml:4:9 yaml/encoding
  expect_remote_printable
}

too_large() {
  repo_with_base "$1"
  # Valid YAML, just above a files.max_size of 1 MiB (one line of 1 MiB); the default is 16 MiB.
  printf 'version: 1\nfiles:\n  max_size: 1MiB\n' >"$BARE/pushgate.yaml"
  {
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: |\n    '
    head -c 1048576 /dev/zero | tr '\0' x
    echo
  } | add_file big.yaml
  commit "a file above 1 MiB"
  push_rejected_exactly "1 error" <<'EOF'
big.yaml: error[yaml/too-large]: file is 1048650 bytes, over the limit of 1048576 bytes for parsing; split it into smaller files or raise files.max_size
EOF
}

# A single 5 MB ConfigMap, with the default config: it parses (files.max_size defaults to 16 MiB)
# and is rejected for what the API server refuses, an object over 1.5 MiB (issue 13, class 8).
object_too_large() {
  repo_with_base "$1"
  {
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: |\n    '
    head -c 5000000 /dev/zero | tr '\0' x
    echo
  } | add_file big.yaml
  commit "a 5 MB ConfigMap"
  push_rejected_at big.yaml:1:1 k8s/object-size
}

# The size limit holds whatever the content: a large file with `{{` in it (Grafana legends,
# Alertmanager templates) is not waved through as a "template".
too_large_with_braces() {
  repo_with_base "$1"
  printf 'version: 1\nfiles:\n  max_size: 1MiB\n' >"$BARE/pushgate.yaml"
  {
    printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n'
    printf '  legend: {{pod}}\n  blob: |\n    '
    head -c 1048576 /dev/zero | tr '\0' x
    echo
  } | add_file big.yaml
  commit "a file above 1 MiB with braces"
  push_rejected_at big.yaml yaml/too-large
}

depth_limit() {
  repo_with_base "$1"
  # 300 nested flow sequences under a mapping: deeper than the default limit of 256.
  printf 'deep: %s1%s\n' "$(printf '[%.0s' $(seq 300))" "$(printf ']%.0s' $(seq 300))" |
    add_file deep.yaml
  commit "300 levels of nesting"
  # Depth 1 is the root mapping, the sequences start at column 7: the 256th '[' (depth 257) is
  # column 7 + 255.
  # No code frame: the line is too long for one.
  push_rejected_exactly "1 error" <<'EOF'
deep.yaml:1:262: error[yaml/depth-limit]: nesting deeper than 256 levels; flatten the structure or raise files.max_depth
EOF
}

alias_bomb() {
  repo_with_base "$1"
  # "Billion laughs": 9 levels of 10 aliases each expand to 10^9 nodes from 0.3 KB.
  add_file bomb.yaml <<'EOF'
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
EOF
  commit "billion laughs"
  # Each *e costs 111,111 nodes: the budget (10^6) runs out while f expands its aliases, and the
  # finding points at the anchored node whose expansion passed it (&e).
  push_rejected_exactly "1 error" <<'EOF'
bomb.yaml:5:4: error[yaml/alias-budget]: aliases expand this document beyond 1000000 nodes (an alias bomb?); reduce the aliasing or raise files.max_expanded_nodes
    5 | e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
      |    ^
EOF
}

json_syntax() {
  repo_with_base "$1"
  printf '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n}\n' | add_file app.json
  commit "a trailing comma in JSON"
  push_rejected_exactly "1 error" <<'EOF'
app.json:4:1: error[json/syntax]: syntax error while parsing object key - unexpected '}'; expected string literal; the file must be strict JSON (RFC 8259)
    4 | }
      | ^
EOF
}

json_duplicate_key() {
  repo_with_base "$1"
  printf '{\n  "kind": "ConfigMap",\n  "apiVersion": "v1",\n  "kind": "Secret"\n}\n' |
    add_file app.json
  commit "kind twice in JSON"
  push_rejected_exactly "1 error" <<'EOF'
app.json:4:3: error[json/duplicate-key]: key `kind` is defined twice in this mapping (first at line 2, column 3); remove or rename one of them
    4 |   "kind": "Secret"
      |   ^^^^
EOF
}

several_errors() {
  repo_with_base "$1"
  printf 'a: 1\na: 2\n' | add_file one.yaml
  printf 'b: [\n' | add_file two/two.yaml
  printf '{"c": }\n' | add_file three.json
  commit "three broken files"
  # Sorted by path; two.yaml ends (2:1) on an empty line: no code frame.
  push_rejected_exactly "3 errors" <<'EOF'
one.yaml:2:1: error[yaml/duplicate-key]: key `a` is defined twice in this mapping (first at line 1, column 1); remove or rename one of them
    2 | a: 2
      | ^
three.json:1:7: error[json/syntax]: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal; the file must be strict JSON (RFC 8259)
    1 | {"c": }
      |       ^
two/two.yaml:2:1: error[yaml/syntax]: did not find expected node content while parsing a flow node
EOF
}

# Only what a push changes is judged: a broken file already on the server does not block an
# unrelated change, but touching it (still broken) does.
only_changed_files() {
  bare_repo "$CASE_ID"
  mv "$BARE/hooks/pre-receive" "$CASE_DIR/pre-receive"  # let a broken file in first
  clone "$CASE_ID" "$1"
  printf 'a: 1\na: 2\n' | add_file legacy.yaml
  commit "a broken file from before pushgate"
  push origin main
  expect_push_ok
  mv "$CASE_DIR/pre-receive" "$BARE/hooks/pre-receive"
  BASE=$(git rev-parse HEAD)

  printf 'b: 1\n' | add_file new.yaml
  commit "an unrelated good file"
  push origin main
  expect_push_ok
  BASE=$(git rev-parse HEAD)

  printf 'a: 1\na: 3\n' | add_file legacy.yaml
  commit "touch the broken file"
  push_rejected_at legacy.yaml:2:1 yaml/duplicate-key
}

helm_template() {
  repo_with_base "$1"
  printf 'apiVersion: v2\nname: chart\nversion: 1.0.0\n' | add_file chart/Chart.yaml
  add_file chart/templates/deployment.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
{{- if .Values.labels }}
  labels: {{ toYaml .Values.labels | nindent 4 }}
{{- end }}
EOF
  commit "a helm chart"
  push origin main
  expect_push_ok
}

# A Chart.yaml does not hide what kustomize reads: templates/ files a kustomization names as
# resources or patches are plain YAML to kustomize and are validated; the chart's real templates
# (named by nothing) stay skipped. A broken file with `{{` outside a chart is an error too.
helm_files_kustomize_reads() {
  repo_with_base "$1"
  printf 'apiVersion: v2\nname: chart\nversion: 1.0.0\n' | add_file app/Chart.yaml
  printf 'resources: [templates/cm.yaml]\npatches:\n- path: templates/patch.yaml\n' |
    add_file app/kustomization.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata: {a: [}\n' |
    add_file app/templates/cm.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n' |
    add_file app/templates/patch.yaml
  printf 'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n' |
    add_file app/templates/real.yaml
  commit "a chart whose templates/ kustomize reads"
  push origin main
  expect_push_rejected
  expect_finding app/templates/cm.yaml:5:12 yaml/syntax
  expect_no_finding yaml/template-skipped
  if grep -q 'app/templates/real.yaml' "$CASE_DIR/remote.txt"; then fail "a real template was parsed"; fi
  git reset -q --hard "$BASE"
  printf 'kind: ConfigMap\ndata:\n  {{- range .items }}\n  x: [\n' | add_file apps/not-a-chart.yaml
  commit "a broken file with braces, outside any chart"
  push origin main
  expect_push_rejected
  expect_finding apps/not-a-chart.yaml:3:5 yaml/syntax
}

for transport in file ssh; do
  run_case "$transport: a good push is accepted" good_push "$transport"
  run_case "$transport: syntax error, exact line:col" syntax_error "$transport"
  run_case "$transport: unclosed flow sequence" unclosed_flow_sequence "$transport"
  run_case "$transport: duplicate key names the first" duplicate_key "$transport"
  run_case "$transport: tab indentation" tab_indentation "$transport"
  run_case "$transport: tab after a value is accepted" tab_after_value "$transport"
  run_case "$transport: invalid UTF-8" invalid_utf8 "$transport"
  run_case "$transport: control character" control_character "$transport"
  run_case "$transport: escape sequence is not echoed" escape_sequence "$transport"
  run_case "$transport: file too large" too_large "$transport"
  run_case "$transport: object too large" object_too_large "$transport"
  run_case "$transport: file too large, with braces" too_large_with_braces "$transport"
  run_case "$transport: depth limit" depth_limit "$transport"
  run_case "$transport: alias bomb" alias_bomb "$transport"
  run_case "$transport: JSON syntax error" json_syntax "$transport"
  run_case "$transport: JSON duplicate key" json_duplicate_key "$transport"
  run_case "$transport: several errors in one push" several_errors "$transport"
  run_case "$transport: only changed files are judged" only_changed_files "$transport"
  run_case "$transport: helm templates are skipped" helm_template "$transport"
  run_case "$transport: chart files kustomize reads are validated" helm_files_kustomize_reads "$transport"
done

it_finish
