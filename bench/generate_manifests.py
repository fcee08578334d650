#!/usr/bin/env python3
"""Writes N realistic GitOps manifests (Deployments with Services, ConfigMaps, Flux HelmReleases and
Kustomizations, kustomization.yaml files) into a folder, spread over apps/ and clusters/ folders
the way a real monorepo looks. Deterministic for a given N.

  generate_manifests.py N DIR             Flux-dense: a quarter each Deployments+Services,
                                          ConfigMaps, Flux HelmReleases, Flux Kustomizations
  generate_manifests.py N DIR --complete  the same plus what they all refer to (the
                                          `infrastructure` Kustomization, the flux-system
                                          GitRepository, the bjw-s HelmRepository): a tree
                                          whose references all resolve, so a push breaks nothing
  generate_manifests.py N DIR --plain     no Flux objects: Deployments+Services and ConfigMaps
"""
import os
import sys

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: {ns}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          image: registry.example.com/{ns}/{name}:1.{i}.0
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: LOG_LEVEL
              value: "info"
            - name: POOL_SIZE
              value: "{replicas}"
          resources:
            requests: {{cpu: 100m, memory: 128Mi}}
            limits: {{cpu: 500m, memory: 256Mi}}
          readinessProbe:
            httpGet: {{path: /healthz, port: http}}
          livenessProbe:
            httpGet: {{path: /livez, port: http}}
---
apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
    - port: 80
      targetPort: http
"""

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
  namespace: {ns}
data:
  settings.yaml: |
    server:
      port: 8080
      timeout: 30s
    features:
      search: true
      checkout: {flag}
  LOG_FORMAT: json
"""

HELMRELEASE = """apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {name}
  namespace: {ns}
spec:
  interval: 30m
  chart:
    spec:
      chart: app-template
      version: 3.{i}.0
      sourceRef:
        kind: HelmRepository
        name: bjw-s
        namespace: flux-system
  values:
    controllers:
      main:
        containers:
          main:
            image:
              repository: ghcr.io/example/{name}
              tag: v1.{i}.2
    service:
      main:
        ports:
          http:
            port: 8080
"""

KUSTOMIZATION = """apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: {name}
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/{ns}/{name}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  dependsOn:
    - name: infrastructure
"""

KINDS = [("deployment", DEPLOYMENT), ("configmap", CONFIGMAP), ("helmrelease", HELMRELEASE),
         ("ks", KUSTOMIZATION)]


SOURCES = """apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: infrastructure
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: https://example.com/fleet.git
  ref:
    branch: main
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: bjw-s
  namespace: flux-system
spec:
  interval: 1h
  url: https://bjw-s-labs.github.io/helm-charts
"""


def main():
    count = int(sys.argv[1])
    out = sys.argv[2]
    flags = sys.argv[3:]
    kinds = KINDS[:2] if "--plain" in flags else KINDS
    if "--complete" in flags:
        os.makedirs(os.path.join(out, "clusters", "prod"), exist_ok=True)
        with open(os.path.join(out, "clusters", "prod", "flux-system.yaml"), "w") as f:
            f.write(SOURCES)
    for i in range(count):
        kind, template = kinds[i % len(kinds)]
        ns = "team-%d" % (i % 37)
        name = "app-%d" % i
        folder = os.path.join(out, "apps", ns, name)
        os.makedirs(folder, exist_ok=True)
        text = template.format(name=name, ns=ns, i=i % 100, replicas=1 + i % 5,
                               flag="true" if i % 2 else "false")
        with open(os.path.join(folder, kind + ".yaml"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
