#!/usr/bin/env python3
"""Keeps what lies outside C++ in step with core/policy/rule_table.inc, the one declaration of
every finding id (PUSHGATE_RULE rows: policy rules; PUSHGATE_FINDING rows: the other findings).

1. Writes the policy rules' ids into the rule-id list of schemas/pushgate-config.schema.json
   (policies.rules.propertyNames), the one list outside C++ that must name every built-in rule.
   The schema is a published file (editors, the package), so it is kept in the repository. The
   other findings are not in it: `policies:` cannot grade them.
2. With --check, also reads the sources (core/, validators/, hooks/, cli/) for every finding id
   they spell out as a string literal ("git/bypass") and fails when one has no row: a finding
   nothing declares has no page, no line in `pushgate rules`, and no decision about whether
   `policies:` may grade it. Ids built from parts ("yaml/" + "duplicate-key") are out of its
   sight; rule_pages_test.cc lists those.

    python3 cmake/rule_ids.py            # rewrite the schema's list from the table
    python3 cmake/rule_ids.py --check    # exit 1 when the schema or a source disagrees

ctest runs the check (rule_ids.check); config_schema_test.cc checks the schema's list too.
"""
import pathlib
import re
import sys

SOURCE = pathlib.Path(__file__).resolve().parent.parent
TABLE = SOURCE / "core/policy/rule_table.inc"
SCHEMA = SOURCE / "schemas/pushgate-config.schema.json"
LIST = re.compile(r'("propertyNames": \{\s*"anyOf": \[\s*\{\s*"enum": )\[[^\]]*\]')
EMITTERS = ("core", "validators", "hooks", "cli")
# A Kubernetes API version of the group "policy" ("policy/v1beta1") is no finding id.
API_VERSION = re.compile(r"v\d+((alpha|beta)\d+)?")


def rows(kind):
    return re.findall(r'^PUSHGATE_%s\("([^"]+)"' % kind, TABLE.read_text(), re.MULTILINE)


def code_of(line):
    """The line without a // comment (one outside a string literal)."""
    quotes = 0
    for i, c in enumerate(line):
        if c == '"' and (i == 0 or line[i - 1] != "\\"):
            quotes += 1
        elif line.startswith("//", i) and quotes % 2 == 0:
            return line[:i]
    return line


def emitted_ids(families):
    literal = re.compile(r'"((?:%s)/[a-z0-9][a-z0-9-]*)"' % "|".join(map(re.escape, families)))
    found = {}
    for folder in EMITTERS:
        for path in sorted((SOURCE / folder).rglob("*")):
            if path.suffix not in (".h", ".cc", ".inc") or path == TABLE:
                continue
            for number, line in enumerate(path.read_text(errors="replace").split("\n"), 1):
                for match in literal.finditer(code_of(line)):
                    name = match.group(1).split("/", 1)[1]
                    if not API_VERSION.fullmatch(name):
                        found.setdefault(match.group(1), "%s:%d" % (path.relative_to(SOURCE), number))
    return found


def main():
    check = "--check" in sys.argv[1:]
    text = SCHEMA.read_text()
    ids = ", ".join('"%s"' % i for i in sorted(rows("RULE")))
    updated, count = LIST.subn(lambda m: m.group(1) + "[" + ids + "]", text)
    if count != 1:
        sys.exit("rule_ids.py: no policies.rules.propertyNames enum in %s" % SCHEMA)
    if not check:
        if updated != text:
            SCHEMA.write_text(updated)
        return
    failed = False
    if updated != text:
        print("%s: the rule-id list differs from the table; run `python3 cmake/rule_ids.py`"
              % SCHEMA.relative_to(SOURCE))
        failed = True
    declared = set(rows("RULE")) | set(rows("FINDING"))
    families = sorted({i.split("/")[0] for i in declared})
    for finding, where in sorted(emitted_ids(families).items()):
        if finding not in declared:
            print("%s: emits %s, which has no row in core/policy/rule_table.inc (and a page "
                  "docs/rules/%s.md)" % (where, finding, finding))
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
