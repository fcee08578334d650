#!/usr/bin/env python3
"""End-to-end figures for docs/benchmarks.md, every ratio against a baseline measured in the same
run on the same bytes:

  1. well-formedness throughput: `pushgate check` (1 worker, and all cores) against raw libyaml
     event parsing (bench/yaml_floor.cc) of the same generated manifests;
  2. the hook's cost on a push of 1 changed file into a 10,000-file repository: the same push
     into an identical bare repository without a hook is the baseline;
  3. peak RSS of the hook for the initial 10,000-file push.

Usage: bench/run.py [--build DIR] [--files N] [--push-files N] [--rounds N]
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, cwd=None, env=None, check=True, stdin=None):
    return subprocess.run(cmd, cwd=cwd, env=env, check=check, stdin=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def timed(cmd, rounds, cwd=None):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def git(args, cwd, env=None):
    return run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"] + args,
               cwd=cwd, env=env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--push-files", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pushgate = os.path.abspath(os.path.join(args.build, "pushgate"))
    floor = os.path.abspath(os.path.join(args.build, "bench", "pushgate_yaml_floor"))
    for tool in (pushgate, floor):
        if not os.access(tool, os.X_OK):
            sys.exit("missing %s: build first (cmake --build %s)" % (tool, args.build))
    work = tempfile.mkdtemp(prefix="pushgate-bench-")
    results = {"machine": {"cores": os.cpu_count(), "uname": " ".join(os.uname())}}
    try:
        # 1. Throughput.
        tree = os.path.join(work, "manifests")
        run([sys.executable, os.path.join(HERE, "generate_manifests.py"), str(args.files), tree])
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(tree) for f in fs)
        total = sum(os.path.getsize(f) for f in files)
        floor_runs = []
        for _ in range(args.rounds):
            out = subprocess.run(
                [floor, "-"], input="\n".join(files), capture_output=True, text=True, check=True)
            floor_runs.append(json.loads(out.stdout)["seconds"])
        floor_s = statistics.median(floor_runs)
        one = timed([pushgate, "check", "--jobs", "1", "--format", "json", tree], args.rounds)
        allc = timed([pushgate, "check", "--format", "json", tree], args.rounds)
        mb = total / 1e6
        results["throughput"] = {
            "files": len(files), "bytes": total,
            "libyaml_events_MBps": mb / floor_s,
            "check_1_worker_MBps": mb / one, "check_1_worker_files_per_s": len(files) / one,
            "check_all_cores_MBps": mb / allc, "check_all_cores_files_per_s": len(files) / allc,
            "ratio_1_worker_vs_libyaml": (mb / one) / (mb / floor_s),
            "speedup_all_cores_vs_1": one / allc,
        }

        # 2 and 3. Pushes into a 10,000-file repository.
        src = os.path.join(work, "src")
        run([sys.executable, os.path.join(HERE, "generate_manifests.py"), str(args.push_files),
             src])
        git(["init", "-q", "-b", "main"], src)
        git(["add", "-A"], src)
        git(["commit", "-qm", "initial"], src)
        plain = os.path.join(work, "plain.git")
        gated = os.path.join(work, "gated.git")
        for bare in (plain, gated):
            git(["init", "-q", "--bare", bare], work)
        run([pushgate, "install", "--repo", gated])
        hook = os.path.join(gated, "hooks", "pre-receive")
        shutil.move(hook, hook + ".measured")
        rss_file = os.path.join(work, "rss")
        with open(hook, "w") as f:
            f.write("#!/bin/sh\nexec /usr/bin/time -o %s -f %%M %s\n" % (rss_file,
                                                                      hook + ".measured"))
        os.chmod(hook, 0o755)
        git(["push", "-q", plain, "main"], src)
        start = time.perf_counter()
        git(["push", "-q", gated, "main"], src)
        initial_push_s = time.perf_counter() - start
        with open(rss_file) as f:
            rss_kb = int(f.read().strip().splitlines()[-1])
        shutil.move(hook + ".measured", hook)  # measure the real hook, without the wrapper
        target = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(src, "apps"))
                        for f in fs)[0]
        plain_t, gated_t = [], []
        for i in range(max(args.rounds * 3, 9)):
            with open(target, "a") as f:
                f.write("# change %d\n" % i)
            git(["commit", "-qam", "change %d" % i], src)
            for bare, sink in ((plain, plain_t), (gated, gated_t)):
                start = time.perf_counter()
                git(["push", "-q", bare, "main"], src)
                sink.append(time.perf_counter() - start)
        results["push"] = {
            "repository_files": args.push_files,
            "one_file_push_without_hook_ms": statistics.median(plain_t) * 1000,
            "one_file_push_with_hook_ms": statistics.median(gated_t) * 1000,
            "hook_extra_ms": (statistics.median(gated_t) - statistics.median(plain_t)) * 1000,
            "initial_push_with_hook_s": initial_push_s,
            "hook_peak_rss_MB_initial_push": rss_kb / 1024,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
