#!/usr/bin/env bash
# Flux cross-references over real pushes: sourceRef / chartRef name a source in the tree
# (gitops/flux-source-ref, gitops/flux-source-external), dependsOn names exist and form no cycle
# (gitops/flux-depends-on), and a path holding SOPS-encrypted files is decrypted
# (gitops/flux-sops-decryption). Each push is judged against the tree before it: what it broke
# is rejected, also at unchanged files; breakage already there is left to a full check.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

git_repository() {
  printf 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: %s\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.com/repo.git\n  ref: {branch: main}\n' "$1"
}

# kustomization NAME PATH [DEPENDS-ON...]: sourceRef name at 9:11, first dependsOn name at 12:13.
kustomization() {
  local name=$1 path=$2
  shift 2
  printf 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: %s\n  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  path: %s\n' "$name" "$path"
  if [ $# -gt 0 ]; then
    printf '  dependsOn:\n'
    printf '    - name: %s\n' "$@"
  fi
}

# repo_with_flux: flux-system GitRepository, Kustomizations infra and apps (apps depends on
# infra), accepted.
repo_with_flux() {
  repo_with_base file "$@"
  git_repository flux-system | add_file clusters/prod/flux-system/gotk-sync.yaml
  kustomization infra ./infra | add_file clusters/prod/infra.yaml
  kustomization apps ./apps infra | add_file clusters/prod/apps.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' | add_file infra/cm.yaml
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\n' | add_file apps/cm.yaml
  commit "flux: infra and apps"
  push origin main
  expect_push_ok
  expect_no_finding gitops/flux-source-ref
  expect_no_finding gitops/flux-depends-on
}

source_ref_pushes() {
  repo_with_flux
  # Renaming the GitRepository breaks both unchanged Kustomizations.
  git_repository cluster | add_file clusters/prod/flux-system/gotk-sync.yaml
  commit "flux: rename the source"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/apps.yaml:9:11 gitops/flux-source-ref
  expect_finding clusters/prod/infra.yaml:9:11 gitops/flux-source-ref
  git reset -q --hard HEAD~1
  # A HelmRelease whose HelmRepository lives nowhere in the tree: a warning, accepted.
  printf 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  chart:\n    spec:\n      chart: web\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n' |
    add_file apps/web.yaml
  commit "apps: web from a HelmRepository defined elsewhere"
  push origin main
  expect_push_ok
  expect_finding apps/web.yaml:12:15 gitops/flux-source-external warning
}

depends_on_pushes() {
  repo_with_flux
  # Deleting infra leaves the unchanged apps depending on nothing.
  git rm -q clusters/prod/infra.yaml
  commit "flux: infra gone"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/apps.yaml:12:13 gitops/flux-depends-on
  git reset -q --hard HEAD~1
  # infra depending on apps closes a cycle: reported once, at apps (first in path order).
  kustomization infra ./infra apps | add_file clusters/prod/infra.yaml
  commit "flux: infra waits for apps"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/apps.yaml:12:13 gitops/flux-depends-on
  grep -q 'cycle: Kustomization flux-system/apps -> flux-system/infra -> flux-system/apps' \
    "$CASE_DIR/remote.txt" || fail "the cycle is not spelled out"
  git reset -q --hard HEAD~1
  kustomization db ./infra infra | add_file clusters/prod/db.yaml
  commit "flux: db after infra"
  push origin main
  expect_push_ok
}

sops_pushes() {
  repo_with_flux
  printf 'version: 1\npolicies:\n  rules:\n    gitops/flux-sops-decryption:\n      options: {sources: [flux-system]}\n' \
    >"$BARE/pushgate.yaml"
  printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: ENC[AES256_GCM,data:abc]\nsops:\n  lastmodified: "2026-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:def]\n' |
    add_file apps/db.sops.yaml
  commit "apps: an encrypted secret"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/apps.yaml:10:9 gitops/flux-sops-decryption
  git reset -q --soft HEAD~1
  printf '  decryption:\n    provider: sops\n    secretRef: {name: sops-age}\n' >>clusters/prod/apps.yaml
  git add clusters/prod/apps.yaml
  commit "apps: an encrypted secret, decrypted by Flux"
  push origin main
  expect_push_ok
  expect_no_finding gitops/flux-sops-decryption
}

run_case "flux: sourceRef names a source in the tree" source_ref_pushes
run_case "flux: dependsOn names exist and form no cycle" depends_on_pushes
run_case "flux: SOPS-encrypted files need decryption" sops_pushes

it_finish
