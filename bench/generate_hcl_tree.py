#!/usr/bin/env python3
"""Writes a Terraform + Terragrunt tree into a folder, deterministic for a given N: N Terraform
modules of 5 `.tf` files each (variables, main, outputs, versions, locals) under modules/, a
Terragrunt live layout of N units (live/<env>/<component>/terragrunt.hcl including root.hcl,
with a local source and a dependency), and N/10 stacks generating units from units/. For
measuring the whole-tree HCL rules (docs/benchmarks.md, HCL section).

  generate_hcl_tree.py N DIR
"""
import os
import sys


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def main():
    n, root = int(sys.argv[1]), sys.argv[2]
    for i in range(n):
        m = f"modules/m{i}"
        write(root, f"{m}/variables.tf", "".join(
            f'variable "v{j}" {{\n  type    = string\n  default = "x{j}"\n}}\n' for j in range(8)))
        write(root, f"{m}/main.tf", "".join(
            f'resource "aws_s3_bucket" "b{j}" {{\n  bucket = "${{var.v{j}}}-{i}"\n'
            f'  tags = {{ Name = "b{j}", Env = var.v0 }}\n}}\n' for j in range(8)))
        write(root, f"{m}/outputs.tf", "".join(
            f'output "o{j}" {{\n  value = aws_s3_bucket.b{j}.id\n}}\n' for j in range(8)))
        write(root, f"{m}/versions.tf",
              'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n'
              '    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n  }\n}\n')
        write(root, f"{m}/locals.tf", 'locals {\n  name = "m' + str(i) + '"\n  n = 1\n}\n')
    write(root, "live/root.hcl",
          'remote_state {\n  backend = "s3"\n  config = {\n    bucket = "state"\n'
          '    key = "${path_relative_to_include()}/tf.tfstate"\n  }\n}\n')
    for i in range(n):
        env, comp = f"env{i // 10}", f"c{i % 10}"
        dep = f'dependency "prev" {{\n  config_path = "../c{i % 10 - 1}"\n}}\n' if i % 10 else ""
        write(root, f"live/{env}/{comp}/terragrunt.hcl",
              'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n'
              f'terraform {{\n  source = "../../../modules//m{i}"\n}}\n{dep}'
              'inputs = {\n  v0 = "a"\n}\n')
    write(root, "units/app/terragrunt.hcl",
          'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n'
          'dependency "db" {\n  config_path = values.db_path\n}\n'
          'inputs = { name = values.name }\n')
    write(root, "units/db/terragrunt.hcl",
          'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n'
          'inputs = { name = values.name }\n')
    for s in range(max(1, n // 10)):
        write(root, f"live/stacks/s{s}/terragrunt.stack.hcl",
              'unit "db" {\n  source = "../../../units/db"\n  path = "db"\n'
              f'  values = {{ name = "db{s}" }}\n}}\n'
              'unit "app" {\n  source = "../../../units/app"\n  path = "app"\n'
              f'  values = {{ name = "app{s}", db_path = "../db" }}\n}}\n')


if __name__ == "__main__":
    main()
