#!/usr/bin/env python3
"""Per-phase profile of the pre-receive hook on a 1-file push into a Flux-dense 10,000-manifest
repository (bench/generate_manifests.py N DIR --complete), for docs/benchmarks.md.

Each binary gets its own bare repository (hook installed, the initial push made through it, so
its object index exists); then one file changes and the hook judges that push:
  - callgrind (instructions, stable under the load of a shared machine) per phase: the inclusive
    cost of the functions that make the phases, from `callgrind_annotate --inclusive=yes`;
  - wall time of the hook process alone, the binaries interleaved, median of --rounds.
Every push brings a new blob, so the index is written each time, as in real pushes.

Usage: bench/push_profile.py BIN [BIN...] [--files N] [--rounds N] [--no-callgrind]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# (phase, function-name pattern in callgrind_annotate's inclusive listing)
PHASES = [
    ("whole hook process", r"PROGRAM TOTALS"),
    ("libgit2 start-up (TLS certificates)", r"git_libgit2_init \["),
    ("build the validators (Engine)", r"pushgate::Engine::Engine\b"),
    ("open the object index", r"pushgate::ObjectIndexStore::open\("),
    ("plan the push: tree diff (Repository::diff_trees)", r"pushgate::Repository::diff_trees\b"),
    ("list the new tree (TreeListingCache::open)", r"pushgate::TreeListingCache::open\b"),
    ("list the new tree in full (GitTreeSnapshot::open)", r"pushgate::GitTreeSnapshot::open\b"),
    ("engine check (all below)", r"pushgate::Engine::check\b"),
    ("  tree view: list and select", r"pushgate::TreeView::TreeView\b"),
    ("  object inventory", r"pushgate::TreeView::inventory\(\) const \["),
    ("  index lookups (ObjectIndexStore::find)", r"pushgate::ObjectIndexStore::find\("),
    ("  — of which entries decoded", r"pushgate::decode_file_summary\("),
    ("  Flux/Argo bodies decoded when read", r"pushgate::ObjectBody::json\(\) const"),
    ("  applied forms (applied_forms())", r"pushgate::applied_forms\("),
    ("  applied values (AppliedValues)", r"pushgate::AppliedValues::AppliedValues\("),
    ("  Flux lookups (built)", r"pushgate::FluxObjectLookup::FluxObjectLookup\b"),
    ("  gitops/duplicate-object", r"pushgate::DuplicateObjectRule::check_run\b"),
    ("  gitops/flux-source-ref", r"pushgate::FluxSourceRefRule::check_run\b"),
    ("  gitops/flux-source-external", r"pushgate::FluxSourceExternalRule::check_run\b"),
    ("  gitops/flux-depends-on", r"pushgate::FluxDependsOnRule::check_run\b"),
    ("write the object index", r"pushgate::ObjectIndexStore::save\b"),
    ("write the tree listing", r"pushgate::TreeListingCache::save\b"),
]


def run(cmd, cwd=None, stdin=None, check=True):
    return subprocess.run(cmd, cwd=cwd, input=stdin, check=check, capture_output=True, text=True)


def git(args, cwd):
    return run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"] + args, cwd)


def phases(callgrind_out):
    text = run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", callgrind_out]).stdout
    found = {}
    for phase, pattern in PHASES:
        best = 0
        for line in text.splitlines():
            m = re.match(r"\s*([\d,]+) ", line)
            if m and re.search(pattern, line):
                best = max(best, int(m.group(1).replace(",", "")))
        found[phase] = best
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--no-callgrind", action="store_true")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="pushgate-profile-")
    try:
        src = os.path.join(work, "src")
        run([sys.executable, os.path.join(HERE, "generate_manifests.py"), str(args.files), src,
             "--complete"])
        git(["init", "-q", "-b", "main"], src)
        git(["add", "-A"], src)
        git(["commit", "-qm", "initial"], src)
        repos = []
        for i, binary in enumerate(args.binaries):
            bare = os.path.join(work, "gated%d.git" % i)
            git(["init", "-q", "--bare", bare], work)
            run([os.path.abspath(binary), "install", "--repo", bare])
            git(["push", "-q", bare, "main"], src)
            hook = os.path.join(bare, "hooks", "pre-receive")
            shutil.move(hook, hook + ".off")  # pushes below land without it; it is run by hand
            repos.append(bare)
        target = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(src, "apps"))
                        for f in fs)[0]
        walls = {b: [] for b in args.binaries}
        hook_ms = {b: [] for b in args.binaries}
        profiles = {}
        rounds = args.rounds + (0 if args.no_callgrind else 1)
        for r in range(rounds):
            old = git(["rev-parse", "HEAD"], src).stdout.strip()
            with open(target, "a") as f:
                f.write("# change %d\n" % r)
            git(["commit", "-qam", "change %d" % r], src)
            new = git(["rev-parse", "HEAD"], src).stdout.strip()
            line = "%s %s refs/heads/main\n" % (old, new)
            for binary, bare in zip(args.binaries, repos):
                git(["push", "-q", bare, "main"], src)
                cmd = [os.path.abspath(binary), "hook", "pre-receive"]
                if r == rounds - 1 and not args.no_callgrind:
                    out = os.path.join(work, "callgrind.%d" % len(profiles))
                    run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + cmd,
                        cwd=bare, stdin=line)
                    profiles[binary] = phases(out)
                    continue
                start = time.perf_counter()
                done = run(cmd, cwd=bare, stdin=line, check=False)
                walls[binary].append((time.perf_counter() - start) * 1000)
                m = re.search(r" in (\d+) ms", done.stderr)
                if m:
                    hook_ms[binary].append(int(m.group(1)))
                if done.returncode != 0:
                    print(done.stderr, file=sys.stderr)
        print("load average at the end: %.1f" % os.getloadavg()[0])
        names = [os.path.basename(os.path.dirname(os.path.abspath(b))) + "/" +
                 os.path.basename(b) for b in args.binaries]
        print("| what | " + " | ".join(names) + " |")
        print("| --- | " + " | ".join("---:" for _ in names) + " |")
        print("| hook process, wall, median of %d (ms) | " % args.rounds +
              " | ".join("%.0f" % statistics.median(walls[b]) for b in args.binaries) + " |")
        print("| hook's own \"in N ms\", median (ms) | " +
              " | ".join("%.0f" % statistics.median(hook_ms[b]) if hook_ms[b] else "-"
                         for b in args.binaries) + " |")
        if profiles:
            for phase, _ in PHASES:
                cells = []
                for b in args.binaries:
                    total = profiles[b]["whole hook process"]
                    v = profiles[b][phase]
                    cells.append("%.0f M (%.0f %%)" % (v / 1e6, 100.0 * v / total) if total else "-")
                print("| %s, instructions | %s |" % (phase, " | ".join(cells)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
