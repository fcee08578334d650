#!/usr/bin/env python3
"""Schema validation: pushgate against Python's jsonschema (Debian python3-jsonschema) on the same
documents and the same schemas, in the same run (issue 3's comparison).

Schemas: the kubeconform-format v1.30.0-standalone-strict files in ../shared/kubernetes/jsonschema
(Deployment, StatefulSet, Service, ConfigMap, Secret, Namespace, Ingress, CronJob). pushgate reads
them through a kubeconform-style location template; Python compiles one Draft4Validator per kind.
Documents: generated manifests (bench/generate_manifests.py) and the six shared corpora; only
objects whose kind has a schema file are validated, by both.

Figures, each the median of --rounds runs, one core:
  pushgate_parse_s        `pushgate check --jobs 1` without schema validation (parse + rules)
  pushgate_schema_s       the same with `kubernetes:` validation
  python_total_s          yaml.CSafeLoader parse + jsonschema validation of the same files
  python_validate_s       jsonschema validation alone (documents parsed beforehand)
and the ratios: end to end, and validation alone (pushgate_schema - pushgate_parse vs
python_validate).

Usage: bench/schema_vs_python.py [--build DIR] [--shared DIR] [--files N] [--rounds N]
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def kind_file(doc):
    api = doc.get("apiVersion", "")
    kind = str(doc.get("kind", "")).lower()
    group, _, version = api.rpartition("/")
    suffix = "-" + (group.split(".")[0] + "-" + version if group else version)
    return kind + suffix + ".json"


def yaml_files(root):
    out = []
    for d, _, fs in os.walk(root):
        if "/.git" in d:
            continue
        for f in fs:
            if f.endswith((".yaml", ".yml")):
                out.append(os.path.join(d, f))
    return sorted(out)


def python_run(files, validators):
    """Parse + validate every object that has a schema; returns (seconds, objects, errors,
    parsed documents for the validation-only run)."""
    start = time.perf_counter()
    objects = errors = 0
    docs = []
    for path in files:
        try:
            with open(path, "rb") as f:
                loaded = list(yaml.load_all(f, Loader=LOADER))
        except Exception:  # files pushgate reports as broken
            continue
        for doc in loaded:
            if not isinstance(doc, dict):
                continue
            validator = validators.get(kind_file(doc))
            if validator is None:
                continue
            docs.append((validator, doc))
            objects += 1
            errors += sum(1 for _ in validator.iter_errors(doc))
    return time.perf_counter() - start, objects, errors, docs


def python_validate_only(docs):
    start = time.perf_counter()
    for validator, doc in docs:
        for _ in validator.iter_errors(doc):
            pass
    return time.perf_counter() - start


def timed(cmd, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit("%s exited %d: %s" % (" ".join(cmd), proc.returncode, proc.stderr[-2000:]))
    return statistics.median(times)


def measure(name, root, pushgate, configs, validators, rounds):
    files = yaml_files(root)
    parse_s = timed([pushgate, "check", "--jobs", "1", "--config", configs["parse"], root], rounds)
    schema_s = timed([pushgate, "check", "--jobs", "1", "--config", configs["schema"], root],
                     rounds)
    runs = [python_run(files, validators) for _ in range(rounds)]
    python_total = statistics.median(r[0] for r in runs)
    docs = runs[0][3]
    python_validate = statistics.median(python_validate_only(docs) for _ in range(rounds))
    pushgate_validate = max(schema_s - parse_s, 1e-6)
    return {
        "set": name,
        "yaml_files": len(files),
        "objects_with_a_schema": runs[0][1],
        "python_errors_found": runs[0][2],
        "pushgate_parse_s": parse_s,
        "pushgate_schema_s": schema_s,
        "python_total_s": python_total,
        "python_validate_s": python_validate,
        "end_to_end_python_over_pushgate": python_total / schema_s,
        "validation_python_over_pushgate": python_validate / pushgate_validate,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pushgate = os.path.abspath(os.path.join(args.build, "pushgate"))
    if not os.access(pushgate, os.X_OK):
        sys.exit("missing %s: build first" % pushgate)
    schema_dir = os.path.abspath(os.path.join(args.shared, "kubernetes", "jsonschema"))
    strict_dir = os.path.join(schema_dir, "v1.30.0-standalone-strict")
    validators = {}
    for path in glob.glob(os.path.join(strict_dir, "*.json")):
        with open(path) as f:
            schema = json.load(f)
        validators[os.path.basename(path)] = jsonschema.Draft4Validator(schema)

    work = tempfile.mkdtemp(prefix="pushgate-schema-bench-")
    try:
        configs = {"parse": os.path.join(work, "parse.yaml"),
                   "schema": os.path.join(work, "schema.yaml")}
        with open(configs["parse"], "w") as f:
            f.write("version: 1\nfiles: {max_size: 2MiB}\n")
        with open(configs["schema"], "w") as f:
            f.write("version: 1\nfiles: {max_size: 2MiB}\nkubernetes:\n  version: \"1.30\"\n"
                    "  schemas: [\"%s/{{ .NormalizedKubernetesVersion }}-standalone"
                    "{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json\"]\n"
                    "  unknown_kinds: ignore\n" % schema_dir)
        generated = os.path.join(work, "generated")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_manifests.py"),
                        str(args.files), generated], check=True, stdout=subprocess.DEVNULL)
        results = {
            "machine": {"cores": os.cpu_count()},
            "jsonschema_version": getattr(jsonschema, "__version__", "?"),
            "sets": [
                measure("generated", generated, pushgate, configs, validators, args.rounds),
                measure("shared corpora", os.path.join(args.shared, "corpus"), pushgate, configs,
                        validators, args.rounds),
            ],
        }
        print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
