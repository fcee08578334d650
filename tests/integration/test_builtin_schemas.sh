#!/usr/bin/env bash
# The built-in schema store (docs/kubernetes-schemas.md "Out of the box"): with only
# `kubernetes: {version: "1.35"}` and no store anywhere, built-in kinds and the Flux / Argo CD
# kinds are validated in every mode -- `pushgate check`, the pre-commit hook and a real push into
# a pre-receive hook -- with no import and no network. Precedence with configured stores, and
# `schemas import --from-cluster` through a stand-in kubectl on PATH that serves the shared 1.35
# swagger.json and the Flux / Argo CD CRDs.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate
unset PUSHGATE_SCHEMAS PUSHGATE_BUILTIN_SCHEMAS XDG_DATA_HOME

config_135() { printf 'version: 1\nkubernetes:\n  version: "1.35"\n%s' "${1:-}"; }

# Three objects, one misspelt field each: a built-in kind, a Flux kind, an Argo CD kind.
write_bad_objects() {
  add_file apps/web.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolcy: Always
YAML
  add_file flux/podinfo.yaml <<'YAML'
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: apps
spec:
  interval: 10m
  chart:
    spec:
      chart: podinfo
      sourceRef: {kind: HelmRepository, name: podinfo}
  timout: 5m
YAML
  add_file argo/app.yaml <<'YAML'
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
  namespace: argocd
spec:
  project: default
  destination: {server: "https://kubernetes.default.svc", namespace: shop}
  source: {repoURL: "https://example.com/repo.git", path: shop, targetRevision: main}
  syncPolcy: {}
YAML
}

expect_three_findings_in() {
  local file=$1
  grep -qF 'apps/web.yaml:15:11: error[schema/additional-property]: Deployment web: unknown field `imagePullPolcy` in spec.template.spec.containers[0]; did you mean `imagePullPolicy`?' "$file" ||
    fail "no finding for the Deployment's imagePullPolcy"
  grep -qF 'flux/podinfo.yaml:12:3: error[schema/additional-property]: HelmRelease apps/podinfo: unknown field `timout` in spec; did you mean `timeout`?' "$file" ||
    fail "no finding for the HelmRelease's spec.timout"
  grep -qF 'argo/app.yaml:10:3: error[schema/additional-property]: Application argocd/shop: unknown field `syncPolcy` in spec; did you mean `syncPolicy`?' "$file" ||
    fail "no finding for the Application's spec.syncPolcy"
  if grep -q 'schema/store\|schema/unknown-kind' "$file"; then fail "a kind went unvalidated"; fi
}

check_mode() {
  git init -q repo && cd repo
  config_135 >.pushgate.yaml
  write_bad_objects
  run_pushgate check .
  expect_status 1
  expect_three_findings_in "$CASE_DIR/stdout.txt"
}

pre_commit_mode() {
  git init -q repo && cd repo
  run_pushgate install --pre-commit
  expect_status 0
  config_135 | add_file .pushgate.yaml
  write_bad_objects
  local status=0
  git commit -q -m "bad objects" >"$CASE_DIR/commit.out" 2>&1 || status=$?
  it_show "$CASE_DIR/commit.out"
  [ "$status" -ne 0 ] || fail "the pre-commit hook let misspelt fields through"
  expect_three_findings_in "$CASE_DIR/commit.out"
}

pre_receive_mode() {
  bare_repo "$CASE_ID"
  config_135 >"$BARE/pushgate.yaml"
  clone "$CASE_ID" file
  write_bad_objects
  commit "bad objects"
  push origin main
  expect_push_rejected
  expect_three_findings_in "$CASE_DIR/remote.txt"
}

store_lists_every_kind() {
  run_pushgate schemas list --store builtin
  expect_status 0
  [ "$(grep -c '^kubernetes 1.35 ' "$CASE_DIR/stdout.txt")" -ge 300 ] || fail "fewer than 300 Kubernetes 1.35 kinds"
  for kind in HelmRelease Kustomization GitRepository OCIRepository HelmRepository HelmChart Bucket \
    Alert Provider Receiver ImageRepository ImagePolicy ImageUpdateAutomation ExternalArtifact \
    Application ApplicationSet AppProject; do
    grep -qE "^crd  [a-z.]+  $kind\$" "$CASE_DIR/stdout.txt" || fail "the built-in store has no $kind CRD"
  done
}

configured_stores_take_precedence() {
  mkdir -p empty-store repo && cd repo && git init -q .
  write_bad_objects
  # Only the listed stores: an empty one is nothing to validate against, so it fails closed.
  config_135 "  schemas: [$CASE_DIR/empty-store]
" >.pushgate.yaml
  run_pushgate check .
  expect_status 1
  grep -q 'error\[schema/store\]: no Kubernetes 1.35 schemas' "$CASE_DIR/stdout.txt" ||
    fail "an empty configured store did not fail closed"
  # `builtin` names the built-in store among configured ones.
  config_135 "  schemas: [$CASE_DIR/empty-store, builtin]
" >.pushgate.yaml
  run_pushgate check .
  expect_status 1
  expect_three_findings_in "$CASE_DIR/stdout.txt"
  # No built-in store at all (PUSHGATE_BUILTIN_SCHEMAS set empty): fail closed, never accept.
  config_135 >.pushgate.yaml
  PUSHGATE_BUILTIN_SCHEMAS='' run_pushgate check .
  expect_status 1
  grep -q 'error\[schema/store\]' "$CASE_DIR/stdout.txt" || fail "no schema/store finding without any store"
}

# A stand-in kubectl: /version, /openapi/v2 (the shared 1.35 swagger.json), `get crd -o json`
# (the shared Flux v2.9.0 and Argo CD CRDs as a List); every call's arguments logged.
fake_kubectl() {
  mkdir -p "$CASE_DIR/bin"
  cat >"$CASE_DIR/bin/kubectl" <<SH
#!/usr/bin/env bash
echo "\$*" >>"$CASE_DIR/kubectl.log"
args=" \$* "
case "\$args" in
  *" get --raw /version "*) echo '{"major":"1","minor":"35+","gitVersion":"v1.35.0"}' ;;
  *" get --raw /openapi/v2 "*) cat "$PUSHGATE_SHARED_DIR/kubernetes/openapi/v1.35/swagger.json" ;;
  *" get crd -o json "*)
    python3 -c 'import json, sys, yaml
items = [yaml.safe_load(open(p)) for p in sys.argv[1:]]
print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))' \
      "$PUSHGATE_SHARED_DIR"/crds/flux-v2.9.0/*.yaml "$PUSHGATE_SHARED_DIR"/crds/argo-cd-v3.5.1/*.yaml ;;
  *) echo "fake kubectl: unexpected arguments: \$*" >&2; exit 1 ;;
esac
SH
  chmod +x "$CASE_DIR/bin/kubectl"
}

from_cluster() {
  fake_kubectl
  PATH="$CASE_DIR/bin:$PATH" run_pushgate schemas import --from-cluster --context staging \
    --store "$CASE_DIR/store"
  expect_status 0
  grep -qE '^cluster staging: Kubernetes 1\.35, [0-9]+ kinds, 17 CRDs into ' "$CASE_DIR/stdout.txt" ||
    fail "unexpected summary"
  [ "$(grep -c -- '--context staging' "$CASE_DIR/kubectl.log")" -eq 3 ] ||
    fail "kubectl was not called three times with --context staging"
  # The store imported from the cluster validates like the built-in one.
  mkdir -p repo && cd repo && git init -q .
  write_bad_objects
  config_135 "  schemas: [$CASE_DIR/store]
" >.pushgate.yaml
  PUSHGATE_BUILTIN_SCHEMAS='' run_pushgate check .
  expect_status 1
  expect_three_findings_in "$CASE_DIR/stdout.txt"
}

from_cluster_failures() {
  local status=0
  PATH=/nonexistent "$PUSHGATE_BIN" schemas import --from-cluster --store "$CASE_DIR/store" \
    2>"$CASE_DIR/nopath.err" || status=$?
  cat "$CASE_DIR/nopath.err"
  [ "$status" -eq 2 ] || fail "expected exit 2 without kubectl, got $status"
  grep -q 'kubectl is not on PATH' "$CASE_DIR/nopath.err" || fail "no 'kubectl is not on PATH'"
  mkdir -p "$CASE_DIR/bin"
  printf '#!/bin/sh\necho "error: context \\"nope\\" does not exist" >&2\nexit 1\n' >"$CASE_DIR/bin/kubectl"
  chmod +x "$CASE_DIR/bin/kubectl"
  PATH="$CASE_DIR/bin:$PATH" run_pushgate schemas import --from-cluster --context nope --store "$CASE_DIR/store"
  expect_status 2
  grep -qF 'exited 1: error: context "nope" does not exist' "$CASE_DIR/stderr.txt" ||
    fail "kubectl's own error is not shown"
  [ ! -e "$CASE_DIR/store" ] || fail "a failed --from-cluster wrote into the store"
}

run_case "builtin: pushgate check validates built-in, Flux and Argo CD kinds" check_mode
run_case "builtin: the pre-commit hook" pre_commit_mode
run_case "builtin: a real push into a pre-receive hook" pre_receive_mode
run_case "builtin: schemas list --store builtin" store_lists_every_kind
run_case "builtin: configured stores take precedence, fail closed" configured_stores_take_precedence
run_case "schemas import --from-cluster through kubectl" from_cluster
run_case "schemas import --from-cluster: kubectl missing or failing" from_cluster_failures
it_finish
