#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` from the build folder of PUSHGATE_BIN, `dpkg -i` into this
# machine (CI runs as root on a throw-away Debian 12), then the installed /usr/bin/pushgate on
# the demo through a real gated bare repository, `man pushgate`, bash completion, and the built-in
# schema store: `kubernetes: {version: "1.35"}` alone finds a misspelt field in a Deployment and in
# a Flux HelmRelease. The package is removed again (`dpkg -r`) at the end, whatever happened.
# Skipped (exit 0 with a notice) when not root or when a pushgate package is already installed:
# the test never replaces an installation it did not make.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
it_require_pushgate

if [ "$(id -u)" -ne 0 ]; then
  echo "skip: test_package.sh installs a .deb and needs root (CI runs as root)"
  exit 0
fi
if dpkg-query -W -f='${db:Status-Status}' pushgate 2>/dev/null | grep -qx installed; then
  echo "skip: a pushgate package is already installed; not replacing it"
  exit 0
fi
for tool in cpack dpkg-shlibdeps man; do
  command -v "$tool" >/dev/null || it_abort "$tool is missing (install/setup-debian.sh)"
done

BUILD_DIR=$(cd "$(dirname "$PUSHGATE_BIN")" && pwd)
it_setup
INSTALLED=
package_teardown() {
  local status=$?
  if [ -n "$INSTALLED" ]; then dpkg -r pushgate >/dev/null 2>&1 || echo "dpkg -r pushgate failed" >&2; fi
  servers_stop_all
  exit "$status"
}
trap package_teardown EXIT

# Build the package once for every case.
PKG_DIR="$SERVERS_DIR/package"
mkdir -p "$PKG_DIR"
started=$(date +%s)
(cd "$BUILD_DIR" && cpack -G DEB -B "$PKG_DIR") >"$PKG_DIR/cpack.out" 2>&1 ||
  it_abort "cpack -G DEB failed: $(tail -20 "$PKG_DIR/cpack.out")"
echo "cpack -G DEB: $(($(date +%s) - started)) s"
DEB=$(find "$PKG_DIR" -maxdepth 1 -name 'pushgate_*.deb' | head -1)
[ -n "$DEB" ] || it_abort "cpack wrote no pushgate_*.deb: $(ls "$PKG_DIR")"
dpkg -i "$DEB" >"$PKG_DIR/dpkg.out" 2>&1 || it_abort "dpkg -i $DEB failed: $(cat "$PKG_DIR/dpkg.out")"
INSTALLED=1
export PUSHGATE_BIN=/usr/bin/pushgate
unset PUSHGATE_SCHEMAS PUSHGATE_BUILTIN_SCHEMAS XDG_DATA_HOME

package_contents() {
  local version arch
  version=$(dpkg-query -W -f='${Version}' pushgate)
  arch=$(dpkg --print-architecture)
  [ "$(basename "$DEB")" = "pushgate_${version}_${arch}.deb" ] ||
    fail "package file $(basename "$DEB") is not pushgate_${version}_${arch}.deb"
  dpkg-deb -f "$DEB" Depends >"$CASE_DIR/depends.txt"
  it_show "$CASE_DIR/depends.txt"
  for lib in libgit2 libyaml libre2 libgpgme libstdc++6; do
    grep -q "$lib" "$CASE_DIR/depends.txt" || fail "Depends: does not name $lib (dpkg-shlibdeps)"
  done
  dpkg -L pushgate >"$CASE_DIR/files.txt"
  for f in /usr/bin/pushgate /usr/share/man/man1/pushgate.1 /usr/share/man/man1/pushgate-check.1 \
    /usr/share/man/man1/pushgate-schemas-import.1 /usr/share/bash-completion/completions/pushgate \
    /usr/share/zsh/vendor-completions/_pushgate /usr/share/fish/vendor_completions.d/pushgate.fish \
    /usr/share/pushgate/schemas/pushgate-config.schema.json \
    /usr/share/pushgate/schemas/report.schema.json /usr/share/pushgate/schemas/audit-line.schema.json \
    /usr/share/pushgate/schema-store/kubernetes/v1.35/apps/v1/Deployment.json \
    /usr/share/pushgate/schema-store/crds/helm.toolkit.fluxcd.io/HelmRelease.json \
    /usr/share/pushgate/schema-store/crds/argoproj.io/Application.json \
    /usr/share/doc/pushgate/README.md /usr/share/doc/pushgate/CHANGELOG.md; do
    grep -qx "$f" "$CASE_DIR/files.txt" || fail "the package does not install $f"
    [ -e "$f" ] || fail "$f is listed but not on disk"
  done
  run_pushgate --version
  expect_status 0
  grep -qE "^pushgate $(dpkg-query -W -f='${Version}' pushgate | sed 's/\./\\./g') \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)$" \
    "$CASE_DIR/stdout.txt" || fail "pushgate --version does not print the package version and the commit"
}

demo_through_a_gated_repository() {
  bare_repo demo
  grep -q /usr/bin/pushgate "$BARE/hooks/pre-receive" || fail "the hook does not run /usr/bin/pushgate"
  clone demo file
  cp -r "$PUSHGATE_SOURCE_DIR/examples/demo/clean/." .
  git add -A && commit "the shop app"
  push origin main
  expect_push_ok
  cp -r "$PUSHGATE_SOURCE_DIR/examples/demo/broken/." .
  git add -A && commit "a broken change"
  push origin main
  expect_push_rejected
  grep -q 'error\[yaml/duplicate-key\]' "$CASE_DIR/remote.txt" || fail "the broken demo push was not rejected for its duplicate key"
}

man_page_renders() {
  # man formats for a terminal even into a pipe: drop its overstrike bold (X backspace X).
  MANPAGER=cat MANWIDTH=100 man pushgate 2>"$CASE_DIR/man.err" | sed 's/.\x08//g' >"$CASE_DIR/man.txt" ||
    fail "man pushgate failed: $(cat "$CASE_DIR/man.err")"
  it_show "$CASE_DIR/man.txt"
  grep -q 'PUSHGATE(1)' "$CASE_DIR/man.txt" || fail "man pushgate shows no PUSHGATE(1) header"
  grep -qE '^ +check +Validate ' "$CASE_DIR/man.txt" || fail "man pushgate lists no check command"
  grep -qF 'pushgate-schemas-import(1)' "$CASE_DIR/man.txt" || fail "man pushgate does not point to pushgate-schemas-import(1)"
  MANPAGER=cat MANWIDTH=100 man pushgate-check 2>&1 | sed 's/.\x08//g' >"$CASE_DIR/man-check.txt" ||
    fail "man pushgate-check failed"
  # Every option of the binary's help is on its page (they are generated from it).
  /usr/bin/pushgate check --help | grep -oE '^  (-[a-z],)?--[a-z-]+' | sed 's/^ *//' |
    while read -r opt; do
      grep -qF -- "$opt" "$CASE_DIR/man-check.txt" || fail "man pushgate-check lacks $opt"
    done
}

bash_completion_loads() {
  [ -r /usr/share/bash-completion/bash_completion ] || fail "bash-completion is not installed"
  bash --norc --noprofile -c '
    . /usr/share/bash-completion/bash_completion
    _completion_loader pushgate
    complete -p pushgate >/dev/null || exit 3
    COMP_WORDS=(pushgate sch); COMP_CWORD=1; _pushgate; echo "1:${COMPREPLY[*]}"
    COMP_WORDS=(pushgate check --format ""); COMP_CWORD=3; _pushgate; echo "2:${COMPREPLY[*]}"
    COMP_WORDS=(pushgate schemas import --kub); COMP_CWORD=3; _pushgate; echo "3:${COMPREPLY[*]}"
  ' >"$CASE_DIR/complete.txt" 2>&1 || fail "bash completion did not load: $(cat "$CASE_DIR/complete.txt")"
  it_show "$CASE_DIR/complete.txt"
  grep -qx '1:schemas' "$CASE_DIR/complete.txt" || fail "pushgate sch<TAB> does not complete to schemas"
  formats=$(sed -n 's/^2://p' "$CASE_DIR/complete.txt")
  for f in text json sarif junit github gitlab; do
    [[ " $formats " == *" $f "* ]] || fail "--format <TAB> does not offer $f (got: $formats)"
  done
  grep -qx '3:--kubernetes-version' "$CASE_DIR/complete.txt" || fail "schemas import --kub<TAB> does not complete"
}

builtin_schemas_find_misspelt_fields() {
  mkdir -p repo && cd repo && git init -q .
  printf 'version: 1\nkubernetes:\n  version: "1.35"\n' >.pushgate.yaml
  cat >deployment.yaml <<'YAML'
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
  cat >helmrelease.yaml <<'YAML'
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: flux-system
spec:
  interval: 10m
  chart:
    spec:
      chart: podinfo
      sourceRef:
        kind: HelmRepository
        name: podinfo
  timout: 5m
YAML
  HOME="$CASE_DIR/home" run_pushgate check .
  expect_status 1
  grep -qF 'deployment.yaml:15:11: error[schema/additional-property]: Deployment web: unknown field `imagePullPolcy` in spec.template.spec.containers[0]; did you mean `imagePullPolicy`?' \
    "$CASE_DIR/stdout.txt" || fail "no unknown-field finding for the Deployment's imagePullPolcy"
  grep -qF 'helmrelease.yaml:14:3: error[schema/additional-property]: HelmRelease flux-system/podinfo: unknown field `timout` in spec; did you mean `timeout`?' \
    "$CASE_DIR/stdout.txt" || fail "no unknown-field finding for the HelmRelease's spec.timout"
  if grep -q 'schema/store\|schema/unknown-kind' "$CASE_DIR/stdout.txt"; then
    fail "the built-in store is not used: $(grep 'schema/' "$CASE_DIR/stdout.txt")"
  fi
}

run_case "package: name, Depends from dpkg-shlibdeps, files, --version" package_contents
run_case "package: the demo through a gated bare repository" demo_through_a_gated_repository
run_case "package: man pushgate renders" man_page_renders
run_case "package: bash completion loads" bash_completion_loads
run_case "package: kubernetes version 1.35 alone finds misspelt fields" builtin_schemas_find_misspelt_fields
it_finish
