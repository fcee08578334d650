#!/usr/bin/env bash
# gitops/kustomize-build over real pushes: the server's own kustomize (kubectl's here) builds the
# top-level kustomizations a push affects; a build that fails, or objects whose rendering breaks
# a rule, reject the push at `path:line:col`. Content of the push never runs: a kustomization
# that asks for an exec function is refused by kustomize and the function's marker never appears.
# Where this machine has no kustomize or kubectl, only the "not built" warning is checked.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

KUSTOMIZE_BINARY=
for candidate in /usr/local/bin/kustomize /usr/bin/kustomize /usr/local/bin/kubectl /usr/bin/kubectl; do
  if [ -x "$candidate" ]; then
    KUSTOMIZE_BINARY=$candidate
    break
  fi
done

server_config() {
  printf 'version: 1\npolicies:\n  rules:\n    gitops/kustomize-build:\n      options: {%s}\n    k8s/image-latest: error\n' \
    "${1:-}" >"$BARE/pushgate.yaml"
}

# repo_with_overlay: apps/base (a Deployment) and apps/prod (an overlay), built and accepted.
repo_with_overlay() {
  repo_with_base file
  server_config
  printf 'resources: [web.yaml]\n' | add_file apps/base/kustomization.yaml
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: web, image: "nginx:1.25"}\n' |
    add_file apps/base/web.yaml
  printf 'namespace: prod\nnamePrefix: p-\nresources: [../base]\n' | add_file apps/prod/kustomization.yaml
  commit "apps: web, base and prod"
  push origin main
  expect_push_ok
  expect_no_finding gitops/kustomize-build
  expect_no_finding gitops/kustomize-not-built
}

failing_build_pushes() {
  repo_with_overlay
  # A patch on a field the Deployment does not have: every file is valid, the build is not.
  printf 'patches:\n- target: {kind: Deployment}\n  patch: |-\n    - {op: replace, path: /spec/strategy/type, value: Recreate}\n' \
    >>apps/prod/kustomization.yaml
  git add apps/prod/kustomization.yaml
  commit "prod: recreate"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:1:1 gitops/kustomize-build
  grep -q '`kustomize build apps/prod` fails: ' "$CASE_DIR/remote.txt" || fail "no kustomize message"
  if grep -q '/tmp/pushgate-kustomize' "$CASE_DIR/remote.txt"; then fail "scratch paths leak"; fi
  git reset -q --hard HEAD~1
  # The base changes and the overlay, unchanged, no longer builds: rejected at the overlay.
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' | add_file apps/base/web2.yaml
  printf 'resources: [web.yaml, web2.yaml]\n' | add_file apps/base/kustomization.yaml
  commit "base: web twice"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:1:1 gitops/kustomize-build
}

rendered_object_pushes() {
  repo_with_overlay
  # The overlay's patch makes the tag `latest`: no file says so, the build does.
  printf 'patches:\n- target: {kind: Deployment}\n  patch: |-\n    - {op: replace, path: /spec/template/spec/containers/0/image, value: "nginx:latest"}\n' \
    >>apps/prod/kustomization.yaml
  git add apps/prod/kustomization.yaml
  commit "prod: latest by a patch"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:1:1 k8s/image-latest
  grep -q 'Deployment prod/p-web (from apps/base/web.yaml:1:1)' "$CASE_DIR/remote.txt" ||
    fail "the rendered object and its source are not named"
  git reset -q --hard HEAD~1
  # An `images` entry makes it `latest`: k8s/image-latest judges the applied image itself and
  # reports it once, at the entry; the build leaves it to that rule.
  printf 'images:\n- {name: nginx, newTag: latest}\n' >>apps/prod/kustomization.yaml
  git add apps/prod/kustomization.yaml
  commit "prod: latest"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:5:3 k8s/image-latest
  [ "$(grep -cF -- '[k8s/image-latest]' "$CASE_DIR/remote.txt")" -eq 1 ] ||
    fail "expected one k8s/image-latest finding; remote lines:$(printf '\n'; cat "$CASE_DIR/remote.txt")"
  git reset -q --hard HEAD~1
  printf 'images:\n- {name: nginx, newTag: "1.27"}\n' >>apps/prod/kustomization.yaml
  git add apps/prod/kustomization.yaml
  commit "prod: 1.27"
  push origin main
  expect_push_ok
}

not_built_pushes() {
  repo_with_overlay
  # A remote base is never fetched, so the overlay is not built: accepted with a notice.
  printf 'resources: [../base, "github.com/org/repo//deploy?ref=v1"]\n' | add_file apps/prod/kustomization.yaml
  commit "prod: a remote base"
  push origin main
  expect_push_ok
  expect_finding apps/prod/kustomization.yaml:1:1 gitops/kustomize-not-built info
}

# An exec KRM function in the push: kustomize runs with plugins off, so it refuses the build,
# and the script never runs on the server.
exec_function_pushes() {
  repo_with_overlay
  marker="$SERVERS_DIR/exec-function-ran-$CASE_ID"
  printf '#!/bin/sh\ntouch %s\ncat\n' "$marker" | add_file apps/prod/fn.sh
  chmod +x apps/prod/fn.sh
  git add apps/prod/fn.sh
  printf 'apiVersion: example.com/v1\nkind: Evil\nmetadata:\n  name: evil\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./fn.sh\n' |
    add_file apps/prod/fn.yaml
  printf 'transformers: [fn.yaml]\n' >>apps/prod/kustomization.yaml
  git add apps/prod/kustomization.yaml
  commit "prod: an exec function"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:1:1 gitops/kustomize-build
  [ ! -e "$marker" ] || fail "the pushed exec function ran on the server"
}

# Local mode: the pre-commit hook builds what is staged, not what the work tree holds.
pre_commit_commits() {
  git init -q -b main "$CASE_DIR/work"
  cd "$CASE_DIR/work" || fail "no work tree"
  run_pushgate install --pre-commit
  expect_status 0
  printf 'version: 1\npolicies:\n  rules:\n    gitops/kustomize-build: error\n' >.pushgate.yaml
  printf 'resources: [cm.yaml]\n' | add_file apps/base/kustomization.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: b}\n' | add_file apps/base/cm.yaml
  printf 'namespace: prod\nresources: [../base]\n' | add_file apps/prod/kustomization.yaml
  git commit -q -m "apps" || fail "the first commit was refused"
  local head
  head=$(git rev-parse HEAD)
  printf 'namespace: prod\nresources: [../base]\npatches:\n- target: {kind: ConfigMap}\n  patch: |-\n    - {op: replace, path: /data/missing/x, value: c}\n' |
    add_file apps/prod/kustomization.yaml
  # The work tree is fixed again, the index is not: the index is what the commit records.
  printf 'namespace: prod\nresources: [../base]\n' >apps/prod/kustomization.yaml
  if git commit -q -m "prod: a patch" >"$CASE_DIR/commit.out" 2>&1; then
    fail "the commit of a kustomization that does not build was accepted"
  fi
  cat "$CASE_DIR/commit.out"
  [ "$(git rev-parse HEAD)" = "$head" ] || fail "HEAD moved"
  expect_finding_in "$CASE_DIR/commit.out" apps/prod/kustomization.yaml:1:1 gitops/kustomize-build
}

# CI mode: `pushgate check DIR` builds every top-level kustomization of the folder.
check_directory() {
  mkdir -p "$CASE_DIR/tree/apps/base" "$CASE_DIR/tree/apps/prod"
  cd "$CASE_DIR/tree" || fail "no tree"
  printf 'version: 1\npolicies:\n  rules:\n    gitops/kustomize-build: error\n    k8s/image-latest: error\n' >.pushgate.yaml
  printf 'resources: [web.yaml]\n' >apps/base/kustomization.yaml
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: "nginx:1.25"}\n' >apps/base/web.yaml
  printf 'resources: [../base]\nimages:\n- {name: nginx, newTag: latest}\n' >apps/prod/kustomization.yaml
  run_pushgate check .
  expect_status 1
  # Once, at the `images` entry (k8s/image-latest's own; the build leaves it to that rule).
  expect_stdout_finding apps/prod/kustomization.yaml:3:3 k8s/image-latest
  run_pushgate check --format json .
  expect_status 1
  json_assert "$CASE_DIR/stdout" \
    "[(f['path'], f['line'], f['object']) for f in doc['findings'] if f['rule'] == 'k8s/image-latest'] == [('apps/prod/kustomization.yaml', 3, 'apps/v1/Deployment//web')]" \
    "one k8s/image-latest finding, at the entry, in the JSON report"
}

# Real repositories from ../shared/corpus (the six small ones), built whole. What fails is real: kustomize v5 rejects
# argocd-example-apps' plugins/kustomized-helm (string `patches`, a kustomize v3 form its plugin
# runs), and flux2-kustomize-helm-example's overlays patch the chart version to a range, which
# only the rendered HelmRelease shows (the base has no version).
corpus_checks() {
  local corpus=$PUSHGATE_SHARED_DIR/corpus
  printf 'version: 1\npolicies:\n  rules:\n    gitops/kustomize-build:\n      options: {timeout_seconds: 120, max_kustomizations: 200}\n' >"$CASE_DIR/config.yaml"
  run_pushgate check --config "$CASE_DIR/config.yaml" --format json "$corpus/argoproj__argocd-example-apps"
  json_assert "$CASE_DIR/stdout" \
    "sorted(f['path'] for f in doc['findings'] if f['rule'] in ('gitops/kustomize-build', 'gitops/kustomize-not-built')) == ['plugins/kustomized-helm/kustomization.yaml']" \
    "argocd-example-apps: one build fails"
  json_assert "$CASE_DIR/stdout" \
    "any('Kustomization.patches of type types.Patch' in f['message'] for f in doc['findings'])" \
    "argocd-example-apps: kustomize's reason"
  run_pushgate check --config "$CASE_DIR/config.yaml" --format json "$corpus/fluxcd__flux2-kustomize-helm-example"
  json_assert "$CASE_DIR/stdout" \
    "sorted((f['path'], f['rule']) for f in doc['findings'] if 'kustomize build' in f['message'] or f['rule'] in ('gitops/kustomize-build', 'gitops/kustomize-not-built')) == [('apps/production/kustomization.yaml', 'gitops/helm-chart-version-unpinned'), ('apps/staging/kustomization.yaml', 'gitops/helm-chart-version-unpinned')]" \
    "flux2-kustomize-helm-example: the patched chart versions, and nothing else"
  run_pushgate check --config "$CASE_DIR/config.yaml" --format json "$corpus/GoogleCloudPlatform__microservices-demo"
  json_assert "$CASE_DIR/stdout" \
    "not any('kustomize build' in f['message'] or f['rule'] in ('gitops/kustomize-build', 'gitops/kustomize-not-built') for f in doc['findings'])" \
    "microservices-demo: every kustomization builds clean"
  # hub-spoke's overlays patch podinfo's chart to a version range (as above, only the rendered
  # HelmRelease shows it); everything else builds.
  run_pushgate check --config "$CASE_DIR/config.yaml" --format json "$corpus/fluxcd__flux2-hub-spoke-example"
  json_assert "$CASE_DIR/stdout" \
    "sorted((f['path'], f['rule']) for f in doc['findings'] if 'kustomize build' in f['message'] or f['rule'] in ('gitops/kustomize-build', 'gitops/kustomize-not-built')) == [('clusters/production/apps/kustomization.yaml', 'gitops/helm-chart-version-unpinned'), ('clusters/staging/apps/kustomization.yaml', 'gitops/helm-chart-version-unpinned')]" \
    "flux2-hub-spoke-example: the patched chart versions, and nothing else"
  run_pushgate check --config "$CASE_DIR/config.yaml" --format json "$corpus/fluxcd__flux2-monitoring-example"
  json_assert "$CASE_DIR/stdout" \
    "not any('kustomize build' in f['message'] or f['rule'] in ('gitops/kustomize-build', 'gitops/kustomize-not-built') for f in doc['findings'])" \
    "flux2-monitoring-example: every kustomization builds clean"
  # Genuine (SOURCES.md): transformerconfigs/images names a `configurations` file that is missing
  # upstream too; loadHttp has remote URLs and is not built. The rendered warnings are advice.
  run_pushgate check --config "$CASE_DIR/config.yaml" --format json "$corpus/kubernetes-sigs__kustomize-examples"
  json_assert "$CASE_DIR/stdout" \
    "sorted((f['path'], f['rule'], f['severity']) for f in doc['findings'] if f['rule'] in ('gitops/kustomize-build', 'gitops/kustomize-not-built') or ('kustomize build' in f['message'] and f['severity'] == 'error')) == [('examples/loadHttp/kustomization.yaml', 'gitops/kustomize-not-built', 'info'), ('examples/transformerconfigs/images/kustomization.yaml', 'gitops/kustomize-build', 'error')]" \
    "kustomize-examples: the dangling configurations file fails, loadHttp is not built"
  # Not built here, for CI time (each takes 30-90 s): bjw-s-labs__home-ops, redhat-cop__gitops-catalog,
  # prometheus-operator__kube-prometheus, haraldkoch__kochhaus-home, toboshii__home-ops,
  # redhat-appstudio__infra-deployments-argo-cd-apps.
}

# A base outside the tree: kustomize's load restrictor covers files, not bases, so
# `resources: [../../..<server folder>]` would be built from the server's filesystem and its
# objects quoted back. pushgate refuses it before kustomize runs, at the line that names it, with
# the same message whether the outside folder exists or not (no directory-probing oracle).
outside_base_pushes() {
  repo_with_overlay
  local secret="$CASE_DIR/server-secret/app" up="../../../../../../../../../../../../../../../.."
  mkdir -p "$secret"
  printf 'resources: [cm.yaml]\n' >"$secret/kustomization.yaml"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: marker-7f3a9c}\ndata: {secret: s3cr3t-7f3a9c}\n' \
    >"$secret/cm.yaml"
  local kind
  for kind in existing missing; do
    local target="$up$secret"
    [ "$kind" = missing ] && target="$up$CASE_DIR/server-secret/no-such-folder"
    printf 'namespace: prod\nresources:\n- ../base\n- %s\n' "$target" >apps/prod/kustomization.yaml
    git add apps/prod/kustomization.yaml
    commit "prod: an outside base ($kind)"
    push origin main
    expect_push_rejected
    expect_finding apps/prod/kustomization.yaml:4:3 gitops/kustomize-build
    grep -q 'leaves the repository' "$CASE_DIR/remote.txt" || fail "no 'leaves the repository'"
    if grep -q '7f3a9c' "$CASE_DIR/remote.txt"; then fail "the outside folder's content leaks"; fi
    # The message with the pushed path taken out: the same for both.
    grep -F 'gitops/kustomize-build' "$CASE_DIR/remote.txt" | sed "s|$target|<PATH>|g" \
      >"$CASE_DIR/message-$kind.txt"
    git reset -q --hard HEAD~1
  done
  diff -u "$CASE_DIR/message-existing.txt" "$CASE_DIR/message-missing.txt" >&2 ||
    fail "an existing and a missing outside folder are told apart"
  # Absolute paths and escapes from a base the overlay includes are refused too.
  printf 'resources: [web.yaml, /etc]\n' >apps/base/kustomization.yaml
  git add apps/base/kustomization.yaml
  commit "base: an absolute base"
  push origin main
  expect_push_rejected
  expect_finding apps/base/kustomization.yaml:1:23 gitops/kustomize-build
}

no_binary_pushes() {
  repo_with_base file
  printf 'version: 1\npolicies:\n  rules:\n    gitops/kustomize-build:\n      options: {kustomize: /nonexistent/kustomize}\n' >"$BARE/pushgate.yaml"
  printf 'resources: [cm.yaml]\n' | add_file apps/kustomization.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' | add_file apps/cm.yaml
  commit "apps: a kustomization"
  push origin main
  expect_push_ok
  expect_finding apps/kustomization.yaml:1:1 gitops/kustomize-not-built warning
}

if [ -n "$KUSTOMIZE_BINARY" ]; then
  run_case "kustomize build: a build that fails is rejected" failing_build_pushes
  run_case "kustomize build: rendered objects are checked" rendered_object_pushes
  run_case "kustomize build: remote bases are not built" not_built_pushes
  run_case "kustomize build: pushed exec functions never run" exec_function_pushes
  run_case "kustomize build: a base outside the tree is refused" outside_base_pushes
  run_case "kustomize build: pre-commit builds the staged index" pre_commit_commits
  run_case "kustomize build: pushgate check DIR" check_directory
  run_case "kustomize build: real repositories" corpus_checks
else
  echo "note: no kustomize or kubectl binary; the build cases need one and are not run"
fi
run_case "kustomize build: no binary, a warning" no_binary_pushes

it_finish
