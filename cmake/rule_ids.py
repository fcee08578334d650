#!/usr/bin/env python3
"""Writes the rule ids of core/policy/rule_table.inc into the rule-id list of
schemas/pushgate-config.schema.json (policies.rules.propertyNames), the one list outside C++ that
must name every built-in rule. The schema is a published file (editors, the package), so it is
kept in the repository; config_schema_test.cc fails when it and the table disagree and names this
command:

    python3 cmake/rule_ids.py            # rewrite the list from the table
    python3 cmake/rule_ids.py --check    # exit 1 when it differs
"""
import pathlib
import re
import sys

SOURCE = pathlib.Path(__file__).resolve().parent.parent
TABLE = SOURCE / "core/policy/rule_table.inc"
SCHEMA = SOURCE / "schemas/pushgate-config.schema.json"
LIST = re.compile(r'("propertyNames": \{\s*"anyOf": \[\s*\{\s*"enum": )\[[^\]]*\]')


def table_ids():
    return sorted(re.findall(r'^PUSHGATE_RULE\("([^"]+)"', TABLE.read_text(), re.MULTILINE))


def main():
    text = SCHEMA.read_text()
    ids = ", ".join('"%s"' % i for i in table_ids())
    updated, count = LIST.subn(lambda m: m.group(1) + "[" + ids + "]", text)
    if count != 1:
        sys.exit("rule_ids.py: no policies.rules.propertyNames enum in %s" % SCHEMA)
    if "--check" in sys.argv[1:]:
        sys.exit(0 if updated == text else 1)
    if updated != text:
        SCHEMA.write_text(updated)


if __name__ == "__main__":
    main()
