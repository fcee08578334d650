#!/usr/bin/env bash
# Whole-tree GitOps invariants over real pushes: kustomizations whose references resolve in the
# tree that would land (a push that deletes a listed file is rejected at the unchanged
# kustomization that lists it), remote bases per policy, and objects defined twice in what is
# applied together.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

config_map() {
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  namespace: shop\ndata: {a: "1"}\n' "$1"
}

# repo_with_overlay: base/ (a kustomization listing two files) and prod/ (an overlay), accepted.
repo_with_overlay() {
  repo_with_base file
  config_map web | add_file apps/base/web.yaml
  config_map db | add_file apps/base/db.yaml
  printf 'resources:\n  - web.yaml\n  - db.yaml\n' | add_file apps/base/kustomization.yaml
  printf 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n' |
    add_file apps/prod/kustomization.yaml
  config_map web | add_file apps/prod/patch.yaml
  commit "apps: base and prod overlay"
  push origin main
  expect_push_ok
  expect_no_finding gitops/kustomize-reference
}

intact_tree_accepted() {
  repo_with_overlay
  config_map web2 | add_file apps/base/web2.yaml
  printf 'resources:\n  - web.yaml\n  - db.yaml\n  - web2.yaml\n' | add_file apps/base/kustomization.yaml
  commit "base: a third file"
  push origin main
  expect_push_ok
}

deleting_a_listed_file_rejected() {
  repo_with_overlay
  git rm -q apps/base/db.yaml
  commit "base: drop db (forgot the kustomization)"
  push origin main
  expect_push_rejected
  expect_finding apps/base/kustomization.yaml:3:5 gitops/kustomize-reference
  expect_ref refs/heads/main "$(git rev-parse HEAD~1)"
}

deleting_a_base_kustomization_rejected() {
  repo_with_overlay
  git rm -q apps/base/kustomization.yaml
  commit "base: no kustomization"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:2:5 gitops/kustomize-reference
}

broken_kustomization_rejected() {
  repo_with_overlay
  printf 'resources:\n  - ../base\n  - ../../../../etc/passwd\n  - ../base\npatches:\n  - path: missing.yaml\n' |
    add_file apps/prod/kustomization.yaml
  commit "prod: broken"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:3:5 gitops/kustomize-reference
  expect_finding apps/prod/kustomization.yaml:4:5 gitops/kustomize-reference
  expect_finding apps/prod/kustomization.yaml:6:11 gitops/kustomize-reference
}

remote_base_per_policy() {
  repo_with_overlay
  printf 'resources:\n  - ../base\n  - https://github.com/org/repo//deploy?ref=v1.0.0\n' |
    add_file apps/prod/kustomization.yaml
  commit "prod: a remote base"
  push origin main
  expect_push_ok
  expect_finding apps/prod/kustomization.yaml:3:5 gitops/kustomize-remote-base warning
  # deny: the server's policy makes it an error
  printf 'version: 1\npolicies:\n  rules:\n    gitops/kustomize-remote-base: error\n' >"$BARE/pushgate.yaml"
  printf 'resources:\n  - ../base\n  - github.com/org/other//x?ref=main\n' |
    add_file apps/prod/kustomization.yaml
  commit "prod: another remote base"
  push origin main
  expect_push_rejected
  expect_finding apps/prod/kustomization.yaml:3:5 gitops/kustomize-remote-base
}

duplicate_object_rejected() {
  repo_with_overlay
  config_map web | add_file apps/prod/web-copy.yaml
  printf 'resources:\n  - ../base\n  - web-copy.yaml\npatches:\n  - path: patch.yaml\n' |
    add_file apps/prod/kustomization.yaml
  commit "prod: a second web"
  push origin main
  expect_push_rejected
  expect_finding apps/base/web.yaml:1:1 gitops/duplicate-object
  expect_finding apps/prod/web-copy.yaml:1:1 gitops/duplicate-object
}

duplicate_in_plain_folder_rejected() {
  repo_with_base file
  # Flux applies plain/ as one set; a folder nothing applies would only warn (issue 13, class 7).
  printf 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: plain, namespace: flux-system}\nspec: {interval: 10m, path: ./plain, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}\n' |
    add_file clusters/plain.yaml
  config_map cfg | add_file plain/a.yaml
  config_map other | add_file plain/b.yaml
  config_map cfg | add_file elsewhere/c.yaml
  commit "plain folders"
  push origin main
  expect_push_ok
  config_map cfg | add_file plain/b.yaml
  commit "plain: b becomes a copy of a"
  push origin main
  expect_push_rejected
  expect_finding plain/a.yaml:1:1 gitops/duplicate-object
  expect_finding plain/b.yaml:1:1 gitops/duplicate-object
}

helm_chart_pushes() {
  repo_with_base file
  printf 'apiVersion: v2\nname: lib\nversion: 1.0.0\n' | add_file charts/lib/Chart.yaml
  printf 'apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: lib\n    version: 1.0.0\n    repository: file://../lib\n' |
    add_file charts/web/Chart.yaml
  commit "charts: web and its local dependency"
  push origin main
  expect_push_ok
  expect_no_finding gitops/helm-chart
  git rm -q charts/lib/Chart.yaml
  printf 'apiVersion: v2\nname: other\nversion: latest\n' | add_file charts/other/Chart.yaml
  commit "charts: drop lib, add other"
  push origin main
  expect_push_rejected
  expect_finding charts/web/Chart.yaml:7:17 gitops/helm-chart
  expect_finding charts/other/Chart.yaml:3:10 gitops/helm-chart
}

argo_application_paths() {
  repo_with_overlay
  printf 'version: 1\npolicies:\n  rules:\n    gitops/argo-source-path:\n      options: {repositories: ["https://git.example.com/acme/fleet.git"]}\n' \
    >"$BARE/pushgate.yaml"
  printf 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: prod, namespace: argocd}\nspec:\n  source:\n    repoURL: git@git.example.com:acme/fleet\n    path: apps/prod\n' |
    add_file argo/prod.yaml
  commit "argo: the prod application"
  push origin main
  expect_push_ok
  expect_no_finding gitops/argo-source-path
  git rm -q -r apps/prod
  commit "prod: gone (the application still deploys it)"
  push origin main
  expect_push_rejected
  expect_finding argo/prod.yaml:7:11 gitops/argo-source-path
}

flux_kustomization_paths() {
  repo_with_base file
  printf 'version: 1\npolicies:\n  rules:\n    gitops/flux-source-path:\n      options: {sources: [flux-system]}\n' \
    >"$BARE/pushgate.yaml"
  printf 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: base, namespace: flux-system}\nspec:\n  interval: 10m\n  prune: true\n  path: ./base\n  sourceRef: {kind: GitRepository, name: flux-system}\n' |
    add_file clusters/prod/base.yaml
  commit "flux: build base"
  push origin main
  expect_push_ok
  expect_no_finding gitops/flux-source-path
  git rm -q -r base
  commit "base: gone (the Kustomization still builds it)"
  push origin main
  expect_push_rejected
  expect_finding clusters/prod/base.yaml:7:9 gitops/flux-source-path
}

helm_values_against_schema() {
  repo_with_base file
  printf 'apiVersion: v2\nname: web\nversion: 1.0.0\n' | add_file charts/web/Chart.yaml
  printf '{"type": "object", "properties": {"replicas": {"type": "integer", "minimum": 1}}}\n' |
    add_file charts/web/values.schema.json
  printf 'replicas: 2\n' | add_file charts/web/values.yaml
  commit "web chart with a values schema"
  push origin main
  expect_push_ok
  expect_no_finding gitops/helm-values-schema
  printf 'replicas: 0\n' | add_file charts/web/values-prod.yaml
  commit "prod values: zero replicas"
  push origin main
  expect_push_rejected
  expect_finding charts/web/values-prod.yaml:1:11 gitops/helm-values-schema
}

check_directory() {
  mkdir -p "$CASE_DIR/tree/k"
  printf 'resources: [gone.yaml]\n' >"$CASE_DIR/tree/k/kustomization.yaml"
  cd "$CASE_DIR/tree"
  run_pushgate check .
  expect_status 1
  expect_stdout_finding k/kustomization.yaml:1:13 gitops/kustomize-reference
}

run_case "gitops: an intact tree is accepted" intact_tree_accepted
run_case "gitops: deleting a listed file is rejected at the kustomization" deleting_a_listed_file_rejected
run_case "gitops: deleting a base's kustomization is rejected at the overlay" deleting_a_base_kustomization_rejected
run_case "gitops: escaping, duplicate and missing references are rejected" broken_kustomization_rejected
run_case "gitops: remote bases warn, or are denied by policy" remote_base_per_policy
run_case "gitops: an object defined twice in one build is rejected" duplicate_object_rejected
run_case "gitops: an object defined twice in a plain folder is rejected" duplicate_in_plain_folder_rejected
run_case "gitops: Helm charts and their file:// dependencies" helm_chart_pushes
run_case "gitops: Argo CD applications deploy folders that exist" argo_application_paths
run_case "gitops: Flux Kustomizations build folders that exist" flux_kustomization_paths
run_case "gitops: Helm values against the chart's values.schema.json" helm_values_against_schema
run_case "gitops: pushgate check" check_directory

it_finish
