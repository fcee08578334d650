#!/usr/bin/env python3
"""What the built-in policy rules cost on top of schema validation (issue 4: at most +20%).

Checks all six shared corpora with `pushgate check`, one worker, three ways, on the same bytes in
the same run:

  baseline     kubernetes: schema validation (store imported from the shared v1.35 documents and
               Flux/Argo CRDs), every built-in policy rule off;
  recommended  the same, plus the default profile;
  strict       the same, plus the strict profile with Pod Security restricted.

Prints the median wall time of each and the ratios to the baseline as JSON.

Usage: bench/policy_overhead.py [--build DIR] [--rounds N] [--shared DIR]
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


def timed(cmd, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        # Exit 1 (findings) is expected; anything else is a broken measurement.
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit("%s exited %d: %s" % (" ".join(cmd), proc.returncode, proc.stderr[-2000:]))
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    pushgate = os.path.abspath(os.path.join(args.build, "pushgate"))
    if not os.access(pushgate, os.X_OK):
        sys.exit("missing %s: build first" % pushgate)
    corpus = os.path.join(args.shared, "corpus")
    work = tempfile.mkdtemp(prefix="pushgate-policy-bench-")
    try:
        store = os.path.join(work, "store")
        subprocess.run([pushgate, "schemas", "import", "--store", store,
                        os.path.join(args.shared, "kubernetes", "openapi", "v1.35", "v3"),
                        os.path.join(args.shared, "crds", "flux-v2.9.0"),
                        os.path.join(args.shared, "crds", "argo-cd-v3.5.1")],
                       check=True, stdout=subprocess.DEVNULL)
        # The policy-controlled ids, as the config schema lists them for policies.rules.
        with open(os.path.join(HERE, "..", "schemas", "pushgate-config.schema.json")) as f:
            schema = json.load(f)
        names = schema["properties"]["policies"]["properties"]["rules"]["propertyNames"]
        policy_rules = names["anyOf"][0]["enum"]
        common = ("version: 1\nfiles: {max_size: 2MiB}\n"
                  "kubernetes: {version: \"1.35\", schemas: [%s], unknown_kinds: ignore}\n" % store)
        configs = {
            "baseline": common + "policies:\n  rules:\n" +
                        "".join("    %s: \"off\"\n" % r for r in policy_rules),
            "recommended": common,
            "strict": common + "policies: {profile: strict}\n",
        }
        figures = {}
        for name, text in configs.items():
            path = os.path.join(work, name + ".yaml")
            with open(path, "w") as f:
                f.write(text)
            cmd = [pushgate, "check", "--jobs", "1", "--config", path, "--format", "json", corpus]
            timed(cmd, 1)  # warm the page cache
            figures[name] = timed(cmd, args.rounds)
        base = figures["baseline"]
        result = {
            "corpus": corpus,
            "policy_rules_turned_off_in_baseline": len(policy_rules),
            "seconds": figures,
            "recommended_vs_baseline": figures["recommended"] / base,
            "strict_vs_baseline": figures["strict"] / base,
        }
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
