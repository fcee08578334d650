#!/usr/bin/env python3
"""Tests for check_layers.py on small trees written to a temporary folder: it must fail on an
upward include, on an include of a later folder of the same layer, on a folder in no layer and
on a listed folder that is gone, and pass a tree whose includes all go down."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_layers  # noqa: E402

LAYERS = ["base:core/base,core/finding", "plans:core/tree,core/kustomize", "validators:validators",
          "hooks:hooks"]


class CheckLayersTest(unittest.TestCase):
    def run_on(self, files, layers=LAYERS):
        with tempfile.TemporaryDirectory() as root:
            for path, text in files.items():
                os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                    f.write(text)
            for spec in layers:  # every listed folder exists unless a case removes it
                for folder in spec.partition(":")[2].split(","):
                    os.makedirs(os.path.join(root, folder), exist_ok=True)
            return check_layers.check(root, check_layers.parse_layers(layers))

    def test_downward_includes_pass(self):
        problems = self.run_on({
            "core/finding/finding.h": '#include "core/base/result.h"\n',
            "core/kustomize/build.cc": '#include "core/tree/tree.h"\n#include <vector>\n',
            "validators/registry.cc": '#include "validators/k8s/a_rule.h"\n',
            "validators/k8s/a_rule.h": '#include "validators/validator.h"\n',
            "hooks/pre_receive.cc": '#include "validators/validator.h"\n#include "pushgate/version.h"\n',
        })
        self.assertEqual(problems, [])

    def test_upward_include_fails(self):
        problems = self.run_on({"core/base/glob.cc": '// x\n#include "validators/validator.h"\n'})
        self.assertEqual(len(problems), 1)
        self.assertIn("core/base/glob.cc:2: includes validators/validator.h from layer validators, "
                      "above base", problems[0])

    def test_later_folder_of_the_same_layer_fails(self):
        problems = self.run_on({"core/tree/file_summary.cc": '#include "core/kustomize/file.h"\n'})
        self.assertEqual(len(problems), 1)
        self.assertIn("core/tree/file_summary.cc:1: includes core/kustomize/file.h, but "
                      "core/kustomize comes after core/tree in layer plans", problems[0])

    def test_folder_in_no_layer_fails_once(self):
        problems = self.run_on({"core/stray/a.h": "", "core/stray/b.cc": '#include "core/stray/a.h"\n'})
        self.assertEqual(len(problems), 1)
        self.assertIn("folder core/stray is in no layer", problems[0])

    def test_listed_folder_that_is_gone_fails(self):
        problems = self.run_on({}, LAYERS + ["cli:cli"])
        self.assertEqual(problems, [])
        with tempfile.TemporaryDirectory() as root:
            problems = check_layers.check(root, check_layers.parse_layers(["cli:cli"]))
        self.assertEqual(problems, ["cmake/Layers.cmake: folder cli does not exist; remove it"])


if __name__ == "__main__":
    unittest.main()
