#!/usr/bin/env bash
# The main job on a small bundled example, from a fresh Debian 12 machine: install the build
# dependencies, build pushgate, create a bare repository with pushgate installed as its
# pre-receive hook, push a clean change (accepted) and a broken one (rejected), and show what the
# person pushing sees. Exits 0 when both pushes end as they should.
#
#   bash install/demo.sh        (BUILD_DIR=build-x to build elsewhere; KEEP=1 keeps the repos)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "installing build dependencies (Debian packages)"
bash "$root/install/setup-debian.sh"
say "building pushgate"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target pushgate
pushgate="$build/pushgate"

work=$(mktemp -d /tmp/pushgate-demo.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
git init -q --bare -b main "$work/gitops.git"
say "pushgate install --repo $work/gitops.git"
"$pushgate" install --repo "$work/gitops.git"

git clone -q "$work/gitops.git" "$work/clone" 2>/dev/null
cd "$work/clone"
git config user.name "Demo User"
git config user.email "demo@example.com"

say "push 1: a clean change (expected: accepted)"
cp -r "$root/examples/demo/clean/." .
git add -A && git commit -qm "Add the shop app"
if git push origin main; then
  clean_ok=1
else
  clean_ok=0
fi

say "push 2: a broken change, a duplicate key and a tab (expected: rejected)"
cp -r "$root/examples/demo/broken/." .
git add -A && git commit -qm "Bump the shop image"
if git push origin main; then
  broken_rejected=0
else
  broken_rejected=1
fi

say "result"
if [ "$clean_ok" = 1 ] && [ "$broken_rejected" = 1 ]; then
  echo "demo: the clean push was accepted and the broken push rejected, as expected"
else
  echo "demo: FAILED (clean accepted: $clean_ok, broken rejected: $broken_rejected)" >&2
  exit 1
fi
