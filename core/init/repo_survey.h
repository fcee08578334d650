#pragma once
// What `pushgate init` learns about a repository before writing its first config: which GitOps
// tools it uses and which of its files the defaults would misjudge (JSON with comments from
// editors, CRD bundles above the default size limit). Reads a Snapshot; writes nothing.
//
//   RepoSurvey survey = survey_repository(*snapshot);
//   std::string yaml = init_config_text(survey);      // a commented .pushgate.yaml
//
// Knows nothing about rules or findings: what the config still lets fail is the caller's run.
#include <cstdint>
#include <string>
#include <vector>

#include "core/source/snapshot.h"

namespace pushgate {

// Files read to look inside; bigger ones are judged by name and size only.
inline constexpr std::uint64_t kSurveyReadLimit = 64ull * 1024 * 1024;

struct LargeFile {
  std::string path;
  std::uint64_t size = 0;
  bool crd_bundle = false;  // holds CustomResourceDefinitions
};

struct RepoSurvey {
  std::size_t data_files = 0;            // *.yaml, *.yml, *.json
  std::size_t flux_objects = 0;          // apiVersion *.toolkit.fluxcd.io
  std::size_t argo_objects = 0;          // apiVersion argoproj.io/*
  std::size_t kustomizations = 0;        // kustomization.yaml files
  std::vector<std::string> helm_charts;  // folders holding a Chart.yaml
  std::size_t sops_files = 0;            // SOPS-encrypted (a `sops:` block with ENC[...] values)
  std::vector<std::string> jsonc_files;  // .json files that are JSON only once comments go
  std::vector<LargeFile> large_files;    // above the default files.max_size, largest first
};

RepoSurvey survey_repository(const Snapshot& snapshot);

// The `files.exclude` globs for the JSON-with-comments files: their editor folder
// (".vscode/**", ".devcontainer/**") or the anchored path, special characters escaped.
std::vector<std::string> jsonc_excludes(const RepoSurvey& survey);

// A commented `.pushgate.yaml` (version 1) that takes what the survey found into account.
std::string init_config_text(const RepoSurvey& survey);

// A commented server config: main protected from force pushes and deletion, tags immutable, an
// audit log, the same file checks as a local config (docs/hooks.md).
std::string server_config_text();

}  // namespace pushgate
