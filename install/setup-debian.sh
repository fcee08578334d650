#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing and benchmarking pushgate needs.
# Idempotent: when all packages are already installed it touches nothing (no apt-get update), so
# re-running it costs a dpkg-query. Needs root (or sudo) only when something is missing.
#
#   bash install/setup-debian.sh          # install what is missing
#   bash install/setup-debian.sh --check  # only report what is missing; exit 1 if anything is
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config
  libgit2-dev libyaml-dev libre2-dev nlohmann-json3-dev libcpp-httplib-dev libcli11-dev
  libgpgme-dev
  # unit tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev json-schema-test-suite python3-jsonschema python3-yaml hyperfine
  # sanitizer build and fuzzing (tests/sanitize.sh, fuzz/run.sh): clang, its ASan/UBSan/libFuzzer
  # runtimes, llvm-symbolizer for readable stacks
  clang libclang-rt-14-dev llvm
  # test-only: HashiCorp's HCL reader for the HCL differential test (tests/hcl_oracle)
  golang-go golang-github-hashicorp-hcl-v2-dev
  # integration tests: real git and real servers on 127.0.0.1
  git openssh-server openssh-client nginx fcgiwrap gitolite3 lighttpd gnupg procps
  # the central audit log through the real syslog daemon (test_replicas.sh)
  rsyslog
  # the Debian package and the first five minutes (test_package.sh, test_pre_commit_framework.sh)
  dpkg-dev file man-db bash-completion pre-commit
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup-debian: missing: ${missing[*]}"
if [ "${1:-}" = --check ]; then
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup-debian: run as root (or install sudo)" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# Installing nginx/lighttpd/openssh-server on a machine without systemd tries to start their
# services; policy-rc.d exit 101 keeps them stopped (tests start their own on free ports).
policy=/usr/sbin/policy-rc.d
made_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  made_policy=1
fi
cleanup() { if [ -n "$made_policy" ]; then "${sudo[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${missing[@]}"
echo "setup-debian: installed ${#missing[@]} packages"
