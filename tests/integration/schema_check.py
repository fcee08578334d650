#!/usr/bin/env python3
"""Validates files against a JSON Schema (draft-07, or the draft its "$schema" names) and checks
the verdict is the expected one.

    python3 schema_check.py SCHEMA valid|invalid FILE...

.yaml/.yml files are read with PyYAML, everything else as JSON. Prints one line per file and
exits 1 if any file got the other verdict (a valid file rejected, or an invalid one accepted).
"""
import json
import sys

import jsonschema
import yaml


def load(path):
    with open(path, encoding="utf-8") as f:
        if path.endswith((".yaml", ".yml")):
            return yaml.safe_load(f)
        return json.load(f)


def main(schema_path, want, files):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    # The SARIF schema is draft-04; ours are draft-07 (the default when "$schema" is absent).
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    validator = cls(schema)
    wrong = 0
    for path in files:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
        if (want == "valid") == bool(errors):
            wrong += 1
            print(f"{path}: expected {want}, got {'invalid' if errors else 'valid'}")
            for e in errors:
                print(f"  {'/'.join(map(str, e.path)) or '(root)'}: {e.message}")
        else:
            print(f"{path}: {want} as expected" + (f" ({errors[0].message})" if errors else ""))
    return 1 if wrong else 0


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] not in ("valid", "invalid"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
