#!/usr/bin/env python3
"""Checks that every #include in pushgate's code goes down the layers, never up or around.

The layers come from cmake/Layers.cmake (ctest passes them: `ctest -R layers`), lowest first, as
"name:folder,folder,...". Every folder is ranked by its place in that list, and a file may
include a header of its own folder or of a folder ranked before it: above its layer is an upward
include (the link would fail too, or worse, pass by luck through a header-only call), and a later
folder of the same layer would allow a cycle between folders. validators/ is one folder here:
the registry includes every family, and the families include validators/validator.h.

    check_layers.py ROOT base:core/base,core/finding git:core/git,core/source ...

Exits 1 after printing one line per problem (path:line: what, and how to fix it), 0 when clean.
Reads nothing but the source tree: no compiler, no build folder.
"""
import os
import re
import sys

CHECKED_TOPS = ("core", "validators", "hooks", "cli")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(path):
    """The unit a file belongs to: core/<name>, or the top folder (validators, hooks, cli)."""
    parts = path.split("/")
    if parts[0] == "core" and len(parts) > 2:
        return "core/" + parts[1]
    return parts[0]


def parse_layers(specs):
    rank = {}  # folder -> (index in the flattened list, layer name)
    for spec in specs:
        name, _, folders = spec.partition(":")
        for folder in folders.split(","):
            rank[folder] = (len(rank), name)
    return rank


def source_files(root):
    for top in CHECKED_TOPS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".h", ".cc")):
                    yield os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")


def check(root, rank):
    problems = []
    for folder in rank:
        if not os.path.isdir(os.path.join(root, folder)):
            problems.append(f"cmake/Layers.cmake: folder {folder} does not exist; remove it")
    unplaced = set()
    for path in source_files(root):
        here = folder_of(path)
        if here not in rank:
            if here not in unplaced:
                unplaced.add(here)
                problems.append(f"{path}: folder {here} is in no layer; add it to the line of the "
                                "lowest layer in cmake/Layers.cmake that holds what it includes")
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = match.group(1)
                if not target.startswith(tuple(t + "/" for t in CHECKED_TOPS)):
                    continue  # generated headers (pushgate/version.h), tests' helpers
                there = folder_of(target)
                if there == here or there not in rank:
                    continue  # a folder in no layer is reported once, above
                (mine, my_layer), (theirs, their_layer) = rank[here], rank[there]
                if theirs < mine:
                    continue
                if my_layer != their_layer:
                    problems.append(
                        f"{path}:{number}: includes {target} from layer {their_layer}, above "
                        f"{my_layer}; move what it needs down to {my_layer} or below")
                else:
                    problems.append(
                        f"{path}:{number}: includes {target}, but {there} comes after {here} in "
                        f"layer {my_layer}; folders of a layer include only those listed before "
                        "them (reorder the line in cmake/Layers.cmake if that leaves no cycle)")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = check(argv[1], parse_layers(argv[2:]))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} layering problem(s)")
        return 1
    print("layers: every include goes down")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
