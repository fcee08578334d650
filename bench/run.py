#!/usr/bin/env python3
"""End-to-end figures for docs/benchmarks.md, every ratio against a baseline measured in the same
run on the same bytes:

  1. well-formedness throughput: `pushgate check` (1 worker, and 2) against raw libyaml event
     parsing (bench/yaml_floor.cc) of the same generated manifests;
  2. the hook's cost on a push of 1 changed file into a 10,000-file repository, Flux-dense (a
     quarter each Deployments, ConfigMaps, Flux HelmReleases and Kustomizations, every reference
     resolving) and plain (no Flux objects): the same push into an identical bare repository
     without a hook is the baseline;
  3. peak RSS of the hook for the initial 10,000-file push;
  4. `pushgate check --jobs 2` against `--jobs 1` on a corpus (default ../shared/corpus).

With --baseline BIN (an older pushgate binary) every figure is measured for both binaries in the
same run, interleaved push by push, and a before/after table is printed (markdown) after the JSON.

Usage: bench/run.py [--build DIR] [--baseline BIN] [--files N] [--push-files N] [--rounds N]
                    [--corpus DIR] [--skip throughput,push,plain,corpus]
"""
import argparse
import json
import os
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


def timed_once(cmd, cwd=None):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def git(args, cwd, env=None):
    return run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"] + args,
               cwd=cwd, env=env)


def throughput(binaries, work, args):
    tree = os.path.join(work, "manifests")
    run([sys.executable, os.path.join(HERE, "generate_manifests.py"), str(args.files), tree])
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(tree) for f in fs)
    total = sum(os.path.getsize(f) for f in files)
    floor = os.path.abspath(os.path.join(args.build, "bench", "pushgate_yaml_floor"))
    floor_runs = []
    for _ in range(args.rounds):
        out = subprocess.run([floor, "-"], input="\n".join(files), capture_output=True, text=True,
                             check=True)
        floor_runs.append(json.loads(out.stdout)["seconds"])
    floor_s = statistics.median(floor_runs)
    times = {(name, jobs): [] for name in binaries for jobs in (1, 2)}
    for _ in range(args.rounds):  # interleaved: the load of the machine hits every variant alike
        for name, binary in binaries.items():
            for jobs in (1, 2):
                times[(name, jobs)].append(timed_once(
                    [binary, "check", "--jobs", str(jobs), "--format", "json", tree]))
    mb = total / 1e6
    out = {"files": len(files), "bytes": total, "libyaml_events_MBps": mb / floor_s}
    for name in binaries:
        one = statistics.median(times[(name, 1)])
        two = statistics.median(times[(name, 2)])
        out[name] = {"check_1_worker_MBps": mb / one, "check_2_workers_MBps": mb / two,
                     "ratio_1_worker_vs_libyaml": (mb / one) / (mb / floor_s),
                     "speedup_2_vs_1": one / two}
    return out


def corpus_jobs(binaries, args):
    out = {}
    times = {(name, jobs): [] for name in binaries for jobs in (1, 2)}
    cpu = {(name, jobs): [] for name in binaries for jobs in (1, 2)}
    reports = {}
    for _ in range(args.rounds):
        for name, binary in binaries.items():
            for jobs in (1, 2):
                before = os.times()
                start = time.perf_counter()
                done = subprocess.run([binary, "check", "--jobs", str(jobs), "--format", "json",
                                       args.corpus], stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True)
                times[(name, jobs)].append(time.perf_counter() - start)
                after = os.times()
                cpu[(name, jobs)].append(after.children_user - before.children_user +
                                         after.children_system - before.children_system)
                report = json.loads(done.stdout)
                report.pop("duration_ms", None)
                report.get("summary", {}).pop("duration_ms", None)
                reports.setdefault((name, jobs), json.dumps(report, sort_keys=True))
    for name in binaries:
        one = statistics.median(times[(name, 1)])
        two = statistics.median(times[(name, 2)])
        out[name] = {"jobs_1_s": one, "jobs_2_s": two, "speedup_2_vs_1": one / two,
                     "jobs_1_cpu_s": statistics.median(cpu[(name, 1)]),
                     "jobs_2_cpu_s": statistics.median(cpu[(name, 2)]),
                     "same_report_1_and_2": reports[(name, 1)] == reports[(name, 2)]}
    return out


def pushes(binaries, work, args, flags, label):
    """A repository of --push-files files generated with `flags`; returns the figures per binary."""
    src = os.path.join(work, label + "-src")
    run([sys.executable, os.path.join(HERE, "generate_manifests.py"), str(args.push_files), src]
        + flags)
    git(["init", "-q", "-b", "main"], src)
    git(["add", "-A"], src)
    git(["commit", "-qm", "initial"], src)
    plain = os.path.join(work, label + "-plain.git")
    git(["init", "-q", "--bare", plain], work)
    git(["push", "-q", plain, "main"], src)
    gated = {}
    out = {}
    for name, binary in binaries.items():
        bare = os.path.join(work, "%s-%s.git" % (label, name))
        git(["init", "-q", "--bare", bare], work)
        run([binary, "install", "--repo", bare])
        hook = os.path.join(bare, "hooks", "pre-receive")
        shutil.move(hook, hook + ".measured")
        rss_file = os.path.join(work, "rss")
        with open(hook, "w") as f:
            f.write("#!/bin/sh\nexec /usr/bin/time -o %s -f %%M %s\n" % (rss_file,
                                                                      hook + ".measured"))
        os.chmod(hook, 0o755)
        start = time.perf_counter()
        git(["push", "-q", bare, "main"], src)
        initial_push_s = time.perf_counter() - start
        with open(rss_file) as f:
            rss_kb = int(f.read().strip().splitlines()[-1])
        shutil.move(hook + ".measured", hook)  # measure the real hook, without the wrapper
        gated[name] = bare
        out[name] = {"initial_push_with_hook_s": initial_push_s,
                     "hook_peak_rss_MB_initial_push": rss_kb / 1024}
    target = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(src, "apps"))
                    for f in fs)[0]
    times = {name: [] for name in ["plain"] + list(binaries)}
    for i in range(max(args.rounds * 3, 9)):
        with open(target, "a") as f:
            f.write("# change %d\n" % i)
        git(["commit", "-qam", "change %d" % i], src)
        for name, bare in [("plain", plain)] + list(gated.items()):
            start = time.perf_counter()
            git(["push", "-q", bare, "main"], src)
            times[name].append(time.perf_counter() - start)
    plain_ms = statistics.median(times["plain"]) * 1000
    for name in binaries:
        with_hook = statistics.median(times[name]) * 1000
        out[name].update({"one_file_push_without_hook_ms": plain_ms,
                          "one_file_push_with_hook_ms": with_hook,
                          "hook_extra_ms": with_hook - plain_ms})
    return out


def table(results, names):
    rows = []

    def row(what, section, key, fmt, target=""):
        if section not in results:
            return
        cells = [fmt % results[section][n][key] for n in names]
        rows.append("| %s | %s | %s |" % (what, " | ".join(cells), target))

    row("1-file push, Flux-dense 10,000 files: hook adds (ms)", "push_flux", "hook_extra_ms",
        "%.0f", "≤ 50")
    row("1-file push, plain 10,000 files: hook adds (ms)", "push_plain", "hook_extra_ms", "%.0f",
        "≤ 30")
    row("initial Flux-dense 10,000-file push: hook peak RSS (MB)", "push_flux",
        "hook_peak_rss_MB_initial_push", "%.0f", "≤ 64")
    row("initial Flux-dense 10,000-file push, hook included (s)", "push_flux",
        "initial_push_with_hook_s", "%.2f")
    row("initial plain 10,000-file push: hook peak RSS (MB)", "push_plain",
        "hook_peak_rss_MB_initial_push", "%.0f", "≤ 64")
    row("`check` corpus, 2 jobs vs 1 (speed-up)", "corpus", "speedup_2_vs_1", "%.2f×", "≥ 1.7×")
    row("`check` corpus, 1 job (s)", "corpus", "jobs_1_s", "%.2f")
    row("`check` corpus, 1 job, CPU (s)", "corpus", "jobs_1_cpu_s", "%.2f")
    row("`check` generated, 1 job vs libyaml floor", "throughput", "ratio_1_worker_vs_libyaml",
        "%.2f")
    row("`check` generated, 2 jobs vs 1 (speed-up)", "throughput", "speedup_2_vs_1", "%.2f×")
    head = "| what | %s | target |\n| --- | %s | --- |" % (" | ".join(names),
                                                          " | ".join("---:" for _ in names))
    return head + "\n" + "\n".join(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    parser.add_argument("--baseline", help="an older pushgate binary to compare with")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--push-files", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "corpus"))
    parser.add_argument("--skip", default="", help="comma-separated: throughput,push,plain,corpus")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    pushgate = os.path.abspath(os.path.join(args.build, "pushgate"))
    floor = os.path.abspath(os.path.join(args.build, "bench", "pushgate_yaml_floor"))
    for tool in (pushgate, floor):
        if not os.access(tool, os.X_OK):
            sys.exit("missing %s: build first (cmake --build %s)" % (tool, args.build))
    binaries = {}
    if args.baseline:
        binaries["before"] = os.path.abspath(args.baseline)
    binaries["after" if args.baseline else "pushgate"] = pushgate
    work = tempfile.mkdtemp(prefix="pushgate-bench-")
    results = {"machine": {"cores": os.cpu_count(), "uname": " ".join(os.uname()),
                           "load_at_start": os.getloadavg()[0]}}
    try:
        if "throughput" not in skip:
            results["throughput"] = throughput(binaries, work, args)
        if "push" not in skip:
            results["push_flux"] = pushes(binaries, work, args, ["--complete"], "flux")
        if "plain" not in skip:
            results["push_plain"] = pushes(binaries, work, args, ["--plain"], "plain")
        if "corpus" not in skip and os.path.isdir(args.corpus):
            results["corpus"] = corpus_jobs(binaries, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_at_end"] = os.getloadavg()[0]
    print(json.dumps(results, indent=2))
    print()
    print(table(results, list(binaries)))


if __name__ == "__main__":
    main()
