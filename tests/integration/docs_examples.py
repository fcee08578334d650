#!/usr/bin/env python3
"""Every config example and pushgate command in the docs, run against the binary (docs cannot drift).

    python3 tests/integration/docs_examples.py PUSHGATE_BIN SOURCE_DIR WORK_DIR

Config examples: every fenced ```yaml block in README.md and docs/ (rule pages included) whose
top-level keys are all pushgate.yaml keys (schemas/pushgate-config.schema.json) is a config; a
block without `version:` gets `version: 1` in front (the docs show sections alone). Each is
loaded by `pushgate check --config FILE` on an empty git repository: exit 2 (a config error)
fails the test with pushgate's own message. Blocks of Kubernetes objects and other YAML are not
configs and are left alone.

Example findings: every `error[RULE]` (warning, info) in the docs names a rule `pushgate rules`
lists (custom/ and opa/ ids excepted).

Commands: every line of a fenced ```sh / ```bash / ```console block that runs `pushgate ...`
(after an optional `$ ` prompt): the subcommand path must exist and every --option must be one its
`--help` lists; `pushgate rules ...` lines are run for real and must exit 0.

A block preceded by `<!-- docs-test: skip REASON -->` is skipped (REASON is required): for
examples that show a deliberate mistake. Blocks under a "## Bad" heading (rule pages) are
skipped without a marker. A config refused only because a path it names does not exist here
(`/var/lib/pushgate/schemas`, `/etc/pushgate/gnupg`, a schema file beside the config) passes:
every other error in it fails.
"""
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

FENCE_RE = re.compile(r"^(\s*)```(\w*)\s*$")
SKIP_RE = re.compile(r"<!--\s*docs-test:\s*skip\s+(\S.*?)\s*-->")


def blocks(path):
    """(language, first line number, text, skipped reason) for every fenced block."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        lang, start = m.group(2), i + 1
        j = start
        while j < len(lines) and not lines[j].strip().startswith("```"):
            j += 1
        skip = None
        # Rule pages show a deliberate mistake under "## Bad".
        heading = next((l for l in reversed(lines[:i]) if l.startswith("#")), "")
        if heading.strip().lower() == "## bad":
            skip = "a rule page's Bad example"
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        if k >= 0:
            s = SKIP_RE.search(lines[k])
            if s:
                skip = s.group(1)
        indent = len(m.group(1))
        text = "\n".join(l[indent:] if l[:indent].strip() == "" else l for l in lines[start:j])
        yield lang, start + 1, text, skip
        i = j + 1


class Help:
    def __init__(self, binary):
        self.binary = binary
        self.cache = {}

    def of(self, path):
        if path not in self.cache:
            done = subprocess.run([self.binary, *path, "--help"], capture_output=True, text=True)
            self.cache[path] = done.stdout if done.returncode == 0 else None
        return self.cache[path]


def subcommands(help_text):
    out, section = [], None
    for line in help_text.split("\n"):
        if line.endswith(":") and not line.startswith(" "):
            section = line[:-1]
        elif section == "Subcommands" and line.startswith("  ") and line.strip():
            out.append(line.split()[0])
    return out


def check_command(words, helps):
    """'' when the command line matches the CLI, else what is wrong."""
    path, rest = (), list(words[1:])
    while rest and not rest[0].startswith("-"):
        text = helps.of(path)
        if text is None:
            return f"`pushgate {' '.join(path)} --help` fails"
        if rest[0] in subcommands(text):
            path += (rest.pop(0),)
        else:
            break
    text = helps.of(path)
    if text is None:
        return f"`pushgate {' '.join(path)} --help` fails"
    if not path and words[1:] and words[1] not in ("--help", "-h", "--version"):
        return f"no subcommand `{words[1]}`"
    known = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", text))
    for word in rest:
        option = word.split("=", 1)[0]
        if option.startswith("-") and option not in known:
            return f"`pushgate {' '.join(path)}` has no option {option}"
    return ""


def command_lines(text):
    for line in text.split("\n"):
        line = re.sub(r"^\$\s+", "", line.strip())
        line = line.split(" #", 1)[0].strip()
        if not line.startswith("pushgate "):
            continue
        line = re.split(r"\s(?:\||>|2>|&&|;)\s?", line)[0]
        try:
            yield shlex.split(line)
        except ValueError:
            yield None


# Configs name server paths (/var/lib/pushgate/schemas, /etc/pushgate/gnupg, a values schema
# beside the config) that do not exist here; a refusal for that alone is not drift.
MISSING_PATH_RE = re.compile(r"(does not exist|is not a file|is not a folder|is not a readable file)")


def only_missing_paths(output):
    errors = [l for l in output.split("\n") if re.search(r": error\[", l)]
    return bool(errors) and all(MISSING_PATH_RE.search(l) for l in errors)


def main():
    binary, source, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    config_keys = set(json.loads((source / "schemas/pushgate-config.schema.json").read_text())
                      ["properties"])
    helps = Help(binary)
    repo = work / "repo"
    repo.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    failures, configs, commands, skipped = [], 0, 0, 0
    listed = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout
    rule_ids = {l.split()[0] for l in listed.split("\n") if l.strip()}
    finding_ids = 0
    pages = [source / "README.md", *sorted((source / "docs").rglob("*.md"))]
    for page in pages:
        shown = page.relative_to(source)
        # Rule ids in example findings (`error[k8s/image-latest]`) must be rules that exist;
        # custom/ and opa/ ids are the user's own.
        for number, text_line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
            for rule in re.findall(r"\b(?:error|warning|info|notice)\[([a-z0-9-]+/[a-z0-9-]+)\]", text_line):
                finding_ids += 1
                if rule not in rule_ids and not rule.startswith(("custom/", "opa/")):
                    failures.append(f"{shown}:{number}: example finding names rule {rule}, "
                                    "which `pushgate rules` does not list")
        for lang, line, text, skip in blocks(page):
            if lang in ("yaml", "yml"):
                try:
                    data = yaml.safe_load(text)
                except Exception:  # not YAML PyYAML reads (fragments, placeholders): no config
                    data = None
                if not isinstance(data, dict) or not data or not set(data) <= config_keys:
                    continue
                if skip:
                    skipped += 1
                    continue
                configs += 1
                config = text if "version" in data else "version: 1\n" + text
                path = work / f"config-{configs}.yaml"
                path.write_text(config)
                done = subprocess.run([binary, "check", "--config", str(path), "."], cwd=repo,
                                      capture_output=True, text=True)
                if done.returncode == 2 and not only_missing_paths(done.stdout):
                    failures.append(f"{shown}:{line}: config example refused:\n"
                                    + (done.stdout + done.stderr).strip())
            elif lang in ("sh", "bash", "console", "shell"):
                for words in command_lines(text):
                    if skip:
                        skipped += 1
                        continue
                    commands += 1
                    if words is None:
                        failures.append(f"{shown}:{line}: a pushgate command that does not parse")
                        continue
                    problem = check_command(words, helps)
                    if not problem and len(words) > 1 and words[1] == "rules":
                        done = subprocess.run([binary, *words[1:]], capture_output=True, text=True)
                        if done.returncode != 0:
                            problem = f"exited {done.returncode}: {done.stderr.strip()[:300]}"
                    if problem:
                        failures.append(f"{shown}:{line}: `{' '.join(words)}`: {problem}")
    print(f"{configs} config examples, {commands} commands, {finding_ids} example findings "
          f"checked; {skipped} skipped")
    for failure in failures:
        print("FAIL " + failure)
    if configs < 10 or commands < 8 or finding_ids < 10:
        print("FAIL too few examples found: the extraction is broken")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
