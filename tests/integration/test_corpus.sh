#!/usr/bin/env bash
# The twelve real GitOps repositories in $PUSHGATE_SHARED_DIR/corpus, each pushed as a repository
# (first push: every file is judged) and checked with `pushgate check --format json`. Both must
# accept everything except the files listed below, each genuinely broken (corpus/SOURCES.md), and
# must report exactly these errors: a new false positive or a missed real error fails the test.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

corpus="$PUSHGATE_SHARED_DIR/corpus"
[ -d "$corpus" ] || it_abort "no corpus at $corpus (../shared must be beside the repository)"

# folder -> expected error findings, one "path:line:col rule" (or "path rule") per line.
declare -A expected_errors
expected_errors[fluxcd__flux2-kustomize-helm-example]=""
# Helm templates (helm-guestbook/templates/ …) are skipped; kustomize-guestbook/guestbook-ui-svc.yaml
# has a tab after a value, which Go's YAML reader (kubectl, Argo CD) accepts: both must pass.
expected_errors[argoproj__argocd-example-apps]=""
# 13 Helm templates under helm-chart/templates/ are skipped.
expected_errors[GoogleCloudPlatform__microservices-demo]=""
# .vscode/settings.json is JSON-with-comments editor settings (a trailing comma on line 7), read as
# JSONC (issue 13, class 9). alertmanagerconfig.yaml's `matchType: =` and recyclarr.yml's
# `!env_var` tag are valid for Go's YAML reader and must pass.
expected_errors[bjw-s-labs__home-ops]=""
# Kustomize patches and partial objects are plain YAML: nothing to reject.
expected_errors[redhat-cop__gitops-catalog]=""
# examples/alertmanager-config-with-template.yaml: line 21 (`   title:`) is indented deeper than
# its siblings; Go's YAML reader fails on it too ("a real-world invalid file").
# manifests/grafana-dashboardDefinitions.yaml (1,053,739 bytes, a generated List of dashboards
# ConfigMaps) is within the default files.max_size of 16 MiB and parses (issue 13, class 8; see
# the 1 MiB case below). The enum value `=` in 0alertmanagerConfigCustomResourceDefinition.yaml
# must pass.
expected_errors[prometheus-operator__kube-prometheus]="examples/alertmanager-config-with-template.yaml:21:9 yaml/syntax"
# Kustomize's examples are plain YAML (validationTransformer/invalid.yaml is a schema error, not a
# syntax one).
expected_errors[kubernetes-sigs__kustomize-examples]=""
# .vscode/settings.json is JSONC (a comment on line 23), read as such. The duplicate anchor `&key`
# and `matchType: =` are valid for Go's YAML and pass.
expected_errors[haraldkoch__kochhaus-home]=""
# The duplicate `&host` anchors and mkdocs.yml's Python tag are valid for Go's YAML and pass.
expected_errors[toboshii__home-ops]=""
expected_errors[fluxcd__flux2-hub-spoke-example]=""
# gotk-*.yaml hold only a comment: an empty document, not an error.
expected_errors[fluxcd__flux2-monitoring-example]=""
expected_errors[redhat-appstudio__infra-deployments-argo-cd-apps]=""

# The error findings in normalized text output (remote lines or check output), as
# "path:line:col rule" / "path rule", sorted.
error_set_from_text() {
  sed -n -E 's/^([^ ]+): error\[([a-z0-9/-]+)\]: .*/\1 \2/p' "$1" | sort -u
}

# expect_errors EXPECTED ACTUAL-FILE: the two sets are equal.
expect_errors() {
  diff -u --label expected --label actual <(printf '%s\n' "$1" | sed '/^$/d' | sort -u) "$2" >&2 ||
    fail "error findings differ (- expected, + actual)"
}

# push_corpus FOLDER [CONFIG-TEXT]: the folder as the first commit of a new repository.
push_corpus() {
  local folder=$1 config=${2:-}
  bare_repo "$CASE_ID"
  [ -z "$config" ] || printf '%s\n' "$config" >"$BARE/pushgate.yaml"
  clone "$CASE_ID" file
  cp -R "$corpus/$folder/." .
  git add -A .
  git commit -q -m "import $folder"
  push origin main
}

corpus_push() {
  local folder=$1 expected=${expected_errors[$1]}
  push_corpus "$folder"
  # Well-formedness only: policy families (k8s/, gitops/, secret/ …) pin their own corpus findings.
  error_set_from_text "$CASE_DIR/remote.txt" | { grep -E ' (yaml|json)/' || true; } >"$CASE_DIR/actual-errors"
  expect_errors "$expected" "$CASE_DIR/actual-errors"
  # Policy rules (secret/plaintext-secret on redhat-cop's sample Secrets, …) may reject the push
  # too; the decision must follow the findings: rejected exactly when some error was reported.
  if [ -z "$(error_set_from_text "$CASE_DIR/remote.txt")" ]; then
    expect_push_ok
  else
    expect_push_rejected
  fi
}

corpus_check() {
  local folder=$1 expected=${expected_errors[$1]}
  run_pushgate check --format json "$corpus/$folder"
  # Paths may be given relative to the folder or to the working directory: compare the former.
  python3 - "$CASE_DIR/stdout" "$corpus/$folder/" >"$CASE_DIR/actual-errors" <<'PY' ||
import json, sys
doc = json.load(open(sys.argv[1]))
prefix = sys.argv[2]
rows = set()
for f in doc["findings"]:
    if f["severity"] != "error" or f["rule"].split("/")[0] not in ("yaml", "json"):
        continue
    path = f["path"][len(prefix):] if f["path"].startswith(prefix) else f["path"]
    where = f"{path}:{f['line']}:{f['column']}" if f.get("line") else path
    rows.add(f"{where} {f['rule']}")
for row in sorted(rows):
    print(row)
PY
    fail "the JSON report could not be read"
  expect_errors "$expected" "$CASE_DIR/actual-errors"
  [ -z "$expected" ] || expect_status 1
}

# With files.max_size lowered to the 1 MiB of earlier versions, the 1 MB dashboards file is not
# parsed: yaml/too-large besides the genuinely invalid example.
kube_prometheus_with_smaller_max_size() {
  push_corpus prometheus-operator__kube-prometheus $'version: 1\nfiles:\n  max_size: 1MiB'
  expect_push_rejected
  error_set_from_text "$CASE_DIR/remote.txt" | { grep -E ' (yaml|json)/' || true; } >"$CASE_DIR/actual-errors"
  expect_errors "examples/alertmanager-config-with-template.yaml:21:9 yaml/syntax
manifests/grafana-dashboardDefinitions.yaml yaml/too-large" "$CASE_DIR/actual-errors"
}

# Every folder of the corpus has its pinned list: a new repository is never silently left out.
every_repository_pinned() {
  diff -u --label pinned --label corpus <(printf '%s\n' "${!expected_errors[@]}" | sort) \
    <(find "$corpus" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort) >&2 ||
    fail "the pinned repositories are not the corpus"
}
run_case "every corpus repository is pinned" every_repository_pinned

for folder in $(printf '%s\n' "${!expected_errors[@]}" | sort); do
  if [ ! -d "$corpus/$folder" ]; then
    run_case "$folder: present" fail "missing $corpus/$folder"
    continue
  fi
  run_case "$folder: pushed as a repository" corpus_push "$folder"
  run_case "$folder: pushgate check" corpus_check "$folder"
done
run_case "kube-prometheus with files.max_size: 1MiB" kube_prometheus_with_smaller_max_size

it_finish
