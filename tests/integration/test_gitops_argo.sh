#!/usr/bin/env bash
# Argo CD cross-references and HelmRelease values over real pushes: an Application's AppProject
# (gitops/argo-project), what that AppProject allows (gitops/argo-destination), ApplicationSet git
# generator paths (gitops/argo-applicationset-path) and HelmRelease values against the in-tree
# chart's values.schema.json (gitops/helm-release-values). Each is accepted when intact, and
# rejected by a push that breaks it — also when the broken reference sits in an unchanged file.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_setup
it_require_pushgate

app_project() { # NAME NAMESPACE-PATTERN
  printf 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: %s, namespace: argocd}\nspec:\n  sourceRepos: ["https://git.example.com/acme/*"]\n  destinations:\n  - {server: https://kubernetes.default.svc, namespace: "%s"}\n' "$1" "$2"
}

application() { # PROJECT NAMESPACE
  printf 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web, namespace: argocd}\nspec:\n  project: %s\n  source: {repoURL: https://git.example.com/acme/fleet.git, path: base}\n  destination: {server: https://kubernetes.default.svc, namespace: %s}\n' "$1" "$2"
}

# repo_with_argo: an AppProject `team` allowing namespaces team-*, and an Application using it.
repo_with_argo() {
  repo_with_base file
  app_project team 'team-*' | add_file argo/project.yaml
  application team team-web | add_file argo/web.yaml
  commit "argo: project and application"
  push origin main
  expect_push_ok
  expect_no_finding gitops/argo-project
  expect_no_finding gitops/argo-destination
}

project_typo_rejected() {
  repo_with_argo
  application taem team-web | add_file argo/web.yaml
  commit "argo: web in a misspelled project"
  push origin main
  expect_push_rejected
  expect_finding argo/web.yaml:5:12 gitops/argo-project
  expect_output_contains "did you mean \`team\`"
}

deleting_the_project_rejected() {
  repo_with_argo
  git rm -q argo/project.yaml
  commit "argo: drop the project (web still uses it)"
  push origin main
  expect_push_rejected
  expect_finding argo/web.yaml:5:12 gitops/argo-project
}

narrowing_the_project_rejected() {
  repo_with_argo
  app_project team 'team-api' | add_file argo/project.yaml
  commit "argo: team may deploy to team-api only"
  push origin main
  expect_push_rejected
  expect_finding argo/web.yaml:7:68 gitops/argo-destination
  # Widening it again is accepted.
  app_project team '*' | add_file argo/project.yaml
  commit "argo: team may deploy anywhere"
  push origin main
  expect_push_ok
}

application_set() { # DIRECTORY-PATTERN
  printf 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: apps, namespace: argocd}\nspec:\n  generators:\n  - git:\n      repoURL: git@git.example.com:acme/fleet.git\n      revision: HEAD\n      directories:\n      - path: "%s"\n  template:\n    metadata: {name: "{{.path.basename}}"}\n    spec:\n      project: default\n      source: {repoURL: git@git.example.com:acme/fleet.git, path: "{{.path.path}}"}\n      destination: {server: https://kubernetes.default.svc, namespace: "{{.path.basename}}"}\n' "$1"
}

applicationset_paths() {
  repo_with_base file
  printf 'version: 1\npolicies:\n  rules:\n    gitops/argo-applicationset-path:\n      options: {repositories: ["https://git.example.com/acme/fleet.git"]}\n' \
    >"$BARE/pushgate.yaml"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n' | add_file apps/web/cm.yaml
  application_set 'apps/*' | add_file argo/apps.yaml
  commit "argo: one application per folder of apps/"
  push origin main
  expect_push_ok
  expect_no_finding gitops/argo-applicationset-path
  application_set 'app/*' | add_file argo/apps.yaml
  commit "argo: a pattern that matches nothing"
  push origin main
  expect_push_rejected
  expect_finding argo/apps.yaml:10:15 gitops/argo-applicationset-path
  git reset -q --hard HEAD~1
  git rm -q -r apps/web
  commit "apps: web gone (the generator now yields nothing)"
  push origin main
  expect_push_rejected
  expect_finding argo/apps.yaml:10:15 gitops/argo-applicationset-path
}

helm_release() { # REPLICAS
  printf 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web, namespace: apps}\nspec:\n  interval: 10m\n  chart:\n    spec:\n      chart: ./charts/web\n      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}\n  values:\n    replicas: %s\n' "$1"
}

helm_release_values() {
  repo_with_base file
  printf 'version: 1\npolicies:\n  rules:\n    gitops/helm-release-values:\n      options: {sources: [flux-system]}\n' \
    >"$BARE/pushgate.yaml"
  printf 'apiVersion: v2\nname: web\nversion: 1.0.0\n' | add_file charts/web/Chart.yaml
  printf 'replicas: 1\n' | add_file charts/web/values.yaml
  printf '{"type": "object", "properties": {"replicas": {"type": "integer"}}}\n' |
    add_file charts/web/values.schema.json
  helm_release 2 | add_file apps/web.yaml
  commit "web: chart and release"
  push origin main
  expect_push_ok
  expect_no_finding gitops/helm-release-values
  helm_release two | add_file apps/web.yaml
  commit "web: replicas as a word"
  push origin main
  expect_push_rejected
  expect_finding apps/web.yaml:11:15 gitops/helm-release-values
  git reset -q --hard HEAD~1
  printf '{"type": "object", "properties": {"replicas": {"type": "string"}}}\n' |
    add_file charts/web/values.schema.json
  printf 'replicas: "1"\n' | add_file charts/web/values.yaml
  commit "chart: replicas is a string now (the unchanged release gives an integer)"
  push origin main
  expect_push_rejected
  expect_finding apps/web.yaml:11:15 gitops/helm-release-values
}

run_case "argo: a misspelled project is rejected with did-you-mean" project_typo_rejected
run_case "argo: deleting a used AppProject is rejected" deleting_the_project_rejected
run_case "argo: narrowing an AppProject below its Applications is rejected" narrowing_the_project_rejected
run_case "argo: ApplicationSet git directories must match folders" applicationset_paths
run_case "flux: HelmRelease values follow the in-tree chart's schema" helm_release_values

it_finish
