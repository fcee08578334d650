#!/usr/bin/env bash
# The whole-tree gitops rules on the twelve real repositories in $PUSHGATE_SHARED_DIR/corpus, each
# pushed as a repository and checked with `pushgate check`: both must report exactly the errors
# listed below, each a real broken reference or duplicate (see corpus/SOURCES.md). A new false
# error, or a missed real one, fails the test.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

corpus="$PUSHGATE_SHARED_DIR/corpus"
[ -d "$corpus" ] || it_abort "no corpus at $corpus (../shared must be beside the repository)"
rules='gitops/(kustomize-reference|duplicate-object|helm-chart|helm-values-schema|argo-project|argo-destination|flux-source-ref|flux-depends-on)'

declare -A expected
expected[fluxcd__flux2-kustomize-helm-example]=""
# ./all.yaml is generated at sync time by an Argo CD config-management plugin (helm template >
# all.yaml): absent in git upstream too, so a plain kustomize build of this folder fails.
expected[argoproj__argocd-example-apps]="plugins/kustomized-helm/kustomization.yaml:4:3 gitops/kustomize-reference"
expected[GoogleCloudPlatform__microservices-demo]=""
# The three configMapGenerator scripts (.lua, .sh) were not copied into the corpus (code files):
# in this tree they are really missing.
expected[bjw-s-labs__home-ops]="kubernetes/apps/network/envoy-gateway/gateway/kustomization.yaml:15:9 gitops/kustomize-reference
kubernetes/apps/selfhosted/webhook/app/kustomization.yaml:13:9 gitops/kustomize-reference
kubernetes/apps/selfhosted/webhook/app/kustomization.yaml:14:9 gitops/kustomize-reference"
# Six configMapGenerator .sh scripts not copied (code files), as SOURCES.md lists.
# Not a duplicate (issue 13, class 2): redhat-openshift-servicemesh-3/instance/base renders istio/
# and istio-cni/, whose namespace.yaml both say Namespace istio-cni, but istio/ sets `namespace:
# istio-system`, which renames its Namespace object: kubectl kustomize builds base with Namespaces
# istio-system and istio-cni.
expected[redhat-cop__gitops-catalog]="gpu-operator-certified/instance/components/aws-gpu-machineset/kustomization.yaml:15:9 gitops/kustomize-reference
gpu-operator-certified/operator/components/console-plugin-helm/kustomization.yaml:20:9 gitops/kustomize-reference
gpu-operator-certified/operator/components/console-plugin/kustomization.yaml:18:9 gitops/kustomize-reference
openshift-ai/instance/components/wait-for-servicemesh/kustomization.yaml:16:9 gitops/kustomize-reference
openshift-gitops-operator/operator/components/enable-console-plugin/kustomization.yaml:15:9 gitops/kustomize-reference
openshift-pipelines-operator/components/enable-console-plugin/kustomization.yaml:14:9 gitops/kustomize-reference"
expected[prometheus-operator__kube-prometheus]=""
# genuine: transformerconfigs/images lists `kustomizeconfig/mykind.yaml` in configurations, missing
# upstream as well (the file sits beside the kustomization; SOURCES.md). validationTransformer's
# valid.yaml and invalid.yaml are alternatives side by side that nothing applies together: a
# warning (issue 13, class 7).
expected[kubernetes-sigs__kustomize-examples]="examples/transformerconfigs/images/kustomization.yaml:5:3 gitops/kustomize-reference"
# Long: one group a reason, in corpus-pins/.
expected[haraldkoch__kochhaus-home]="$(grep -v '^#' "$(dirname "$0")/corpus-pins/haraldkoch__kochhaus-home.gitops.txt")"
# genuine in this tree: five configMapGenerator scripts were not copied (SOURCES.md).
# genuine: HelmRepository deliveryhero-charts (node-problem-detector, in the build), and
# falco-security-charts and mailu-charts (apps left out of the build) are defined nowhere (SOURCES.md).
# authelia/patches/env.yaml and postgres.yaml are strategic-merge patches of one HelmRelease, not
# two objects (issue 13, class 1).
expected[toboshii__home-ops]="cluster/apps/downloads/scripts/radarr-pushover/kustomization.yaml:8:9 gitops/kustomize-reference
cluster/apps/downloads/scripts/sonarr-anime-delete/kustomization.yaml:8:9 gitops/kustomize-reference
cluster/apps/downloads/scripts/sonarr-pushover/kustomization.yaml:8:9 gitops/kustomize-reference
cluster/apps/monitoring/uptimerobot-heartbeat/kustomization.yaml:11:9 gitops/kustomize-reference
cluster/core/rook-ceph/rook-direct-mount/kustomization.yaml:10:9 gitops/kustomize-reference
cluster/apps/falco-system/falco-exporter/helm-release.yaml:16:15 gitops/flux-source-ref
cluster/apps/falco-system/falco/helm-release.yaml:16:15 gitops/flux-source-ref
cluster/apps/mail/mailu/helm-release.yaml:16:15 gitops/flux-source-ref
cluster/apps/monitoring/node-problem-detector/helm-release.yaml:15:15 gitops/flux-source-ref"
# GitRepository flux-system of the hub is a bootstrap placeholder; nothing else is reported.
expected[fluxcd__flux2-hub-spoke-example]=""
expected[fluxcd__flux2-monitoring-example]=""
# The 10 partial ApplicationSets and 45 `$patch: delete` stubs are not duplicates of their bases.
expected[redhat-appstudio__infra-deployments-argo-cd-apps]=""

expect_errors() {
  diff -u --label expected --label actual <(printf '%s\n' "$1" | sed '/^$/d' | sort -u) "$2" >&2 ||
    fail "gitops error findings differ (- expected, + actual)"
}

corpus_push() {
  local folder=$1
  bare_repo "$CASE_ID"
  clone "$CASE_ID" file
  cp -R "$corpus/$folder/." .
  git add -A .
  git commit -q -m "import $folder"
  push origin main
  sed -n -E 's/^([^ ]+): error\[([a-z0-9/-]+)\]: .*/\1 \2/p' "$CASE_DIR/remote.txt" |
    { grep -E " $rules\$" || true; } | sort -u >"$CASE_DIR/actual-errors"
  expect_errors "${expected[$folder]}" "$CASE_DIR/actual-errors"
}

corpus_check() {
  local folder=$1
  run_pushgate check --format json "$corpus/$folder"
  python3 - "$CASE_DIR/stdout" "$corpus/$folder/" "$rules" >"$CASE_DIR/actual-errors" <<'PY' ||
import json, re, sys
doc = json.load(open(sys.argv[1]))
prefix, rules = sys.argv[2], re.compile(sys.argv[3] + "$")
rows = set()
for f in doc["findings"]:
    if f["severity"] != "error" or not rules.match(f["rule"]):
        continue
    path = f["path"][len(prefix):] if f["path"].startswith(prefix) else f["path"]
    rows.add(f"{path}:{f['line']}:{f['column']} {f['rule']}")
for row in sorted(rows):
    print(row)
PY
    fail "the JSON report could not be read"
  expect_errors "${expected[$folder]}" "$CASE_DIR/actual-errors"
}

# bjw-s/home-ops has 93 Flux Kustomizations of its own GitRepository flux-system: with
# gitops/flux-source-path on, every spec.path resolves. Removing one folder is caught.
bjw_s_flux_paths() {
  mkdir -p "$CASE_DIR/tree"
  cp -R "$corpus/bjw-s-labs__home-ops/." "$CASE_DIR/tree"
  printf 'version: 1\npolicies:\n  rules:\n    gitops/flux-source-path:\n      options: {sources: [flux-system]}\n' \
    >"$CASE_DIR/flux.yaml"
  run_pushgate check --config "$CASE_DIR/flux.yaml" "$CASE_DIR/tree"
  if grep -q 'gitops/flux-source-path' "$CASE_DIR/stdout.txt"; then
    fail "false gitops/flux-source-path findings on bjw-s/home-ops"
  fi
  rm -r "$CASE_DIR/tree/kubernetes/apps/ai/litellm/app"
  run_pushgate check --config "$CASE_DIR/flux.yaml" "$CASE_DIR/tree"
  grep -q 'kubernetes/apps/ai/litellm/ks.yaml:21:9: error\[gitops/flux-source-path\]' \
    "$CASE_DIR/stdout.txt" || fail "the removed litellm/app folder was not reported"
}

# kube-prometheus's Argo CD example: Application kube-prometheus in AppProject monitoring, which
# allows its destination (namespace monitoring) and its scp-like source URL. With the Argo CD
# rules on (the opt-in ones configured too) nothing is reported; an AppProject that stops allowing
# namespace monitoring, and one that is gone, are caught at the unchanged Application.
kube_prometheus_argo() {
  local argo=examples/continuous-delivery/argocd
  mkdir -p "$CASE_DIR/tree"
  cp -R "$corpus/prometheus-operator__kube-prometheus/." "$CASE_DIR/tree"
  printf 'version: 1\npolicies:\n  rules:\n    gitops/argo-applicationset-path:\n      options: {repositories: ["git@github.com:prometheus-operator/kube-prometheus.git"]}\n    gitops/helm-release-values:\n      options: {repositories: ["git@github.com:prometheus-operator/kube-prometheus.git"]}\n' \
    >"$CASE_DIR/argo.yaml"
  run_pushgate check --config "$CASE_DIR/argo.yaml" "$CASE_DIR/tree"
  if grep -qE 'gitops/(argo-project|argo-destination|argo-applicationset-path|helm-release-values)' \
    "$CASE_DIR/stdout.txt"; then
    fail "false Argo CD findings on kube-prometheus"
  fi
  sed -i 's/- namespace: monitoring/- namespace: observability/' "$CASE_DIR/tree/$argo/appproject.yaml"
  run_pushgate check --config "$CASE_DIR/argo.yaml" "$CASE_DIR/tree"
  grep -q "$argo/application.yaml:11:16: error\[gitops/argo-destination\]" "$CASE_DIR/stdout.txt" ||
    fail "the destination the AppProject no longer allows was not reported"
  rm "$CASE_DIR/tree/$argo/appproject.yaml"
  run_pushgate check --config "$CASE_DIR/argo.yaml" "$CASE_DIR/tree"
  grep -q "$argo/application.yaml:13:12: error\[gitops/argo-project\]" "$CASE_DIR/stdout.txt" ||
    fail "the missing AppProject was not reported"
}

# The Flux references of the two Flux corpora resolve with the default rules: no
# gitops/flux-source-ref or gitops/flux-depends-on finding (fluxcd's example builds from the
# ExternalArtifacts its ArtifactGenerator defines; bjw-s/home-ops's GitRepository flux-system is
# created by the Flux operator, so with it listed as external nothing is left either). Deleting
# the dragonfly-operator Kustomization is caught at every dependent.
flux_references_resolve() {
  run_pushgate check "$corpus/fluxcd__flux2-kustomize-helm-example"
  if grep -E 'gitops/flux-(source-ref|source-external|depends-on)' "$CASE_DIR/stdout.txt"; then
    fail "false Flux reference findings on fluxcd/flux2-kustomize-helm-example"
  fi
  mkdir -p "$CASE_DIR/tree"
  cp -R "$corpus/bjw-s-labs__home-ops/." "$CASE_DIR/tree"
  printf 'version: 1\npolicies:\n  rules:\n    gitops/flux-source-ref:\n      options: {external: [flux-system/flux-system]}\n' \
    >"$CASE_DIR/flux.yaml"
  run_pushgate check --config "$CASE_DIR/flux.yaml" "$CASE_DIR/tree"
  if grep -E 'gitops/flux-(source-ref|source-external|depends-on)' "$CASE_DIR/stdout.txt"; then
    fail "false Flux reference findings on bjw-s/home-ops"
  fi
  rm "$CASE_DIR/tree/kubernetes/apps/database/dragonfly-operator/ks.yaml"
  run_pushgate check --config "$CASE_DIR/flux.yaml" "$CASE_DIR/tree"
  [ "$(grep -c 'error\[gitops/flux-depends-on\]: dependency Kustomization [a-z-]*/*dragonfly-operator' \
    "$CASE_DIR/stdout.txt")" -ge 6 ] || fail "the deleted dragonfly-operator was not reported at its dependents"
}

# Every folder of the corpus has its pinned list: a new repository is never silently left out.
every_repository_pinned() {
  diff -u --label pinned --label corpus <(printf '%s\n' "${!expected[@]}" | sort) \
    <(find "$corpus" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort) >&2 ||
    fail "the pinned repositories are not the corpus"
}
run_case "every corpus repository is pinned" every_repository_pinned

for folder in $(printf '%s\n' "${!expected[@]}" | sort); do
  if [ ! -d "$corpus/$folder" ]; then
    run_case "$folder: present" fail "missing $corpus/$folder"
    continue
  fi
  run_case "$folder: gitops rules on the first push" corpus_push "$folder"
  run_case "$folder: gitops rules in pushgate check" corpus_check "$folder"
done

run_case "bjw-s/home-ops: Flux paths of flux-system resolve" bjw_s_flux_paths
run_case "kube-prometheus: the Argo CD Application's project, destination and source resolve" \
  kube_prometheus_argo
run_case "Flux sourceRef and dependsOn of the Flux corpora resolve" flux_references_resolve

it_finish
