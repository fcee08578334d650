#include "core/init/repo_survey.h"

#include <re2/re2.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "core/config/config.h"

namespace pushgate {
namespace {

bool ends_with_any(std::string_view path, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [path](std::string_view s) { return path.ends_with(s); });
}

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string parent(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string(".") : std::string(path.substr(0, slash));
}

std::size_t count_matches(std::string_view text, const RE2& re) {
  re2::StringPiece rest(text.data(), text.size());
  std::size_t n = 0;
  while (RE2::FindAndConsume(&rest, re)) ++n;
  return n;
}

bool contains(const std::string& text, const RE2& re) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

// A glob matching exactly `path`: glob special characters escaped, anchored at the root.
std::string literal_glob(std::string_view path) {
  std::string out = "/";
  for (char c : path) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == '{' || c == '}') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string mebibytes(std::uint64_t bytes) {
  const std::uint64_t mib = 1024 * 1024;
  if (bytes < mib) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes / mib) + "." + std::to_string((bytes % mib) * 10 / mib) + " MiB";
}

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

RepoSurvey survey_repository(const Snapshot& snapshot) {
  static const RE2 kFlux(R"((?m)^\s*apiVersion:\s*["']?[a-z.]+\.toolkit\.fluxcd\.io/)");
  static const RE2 kArgo(R"((?m)^\s*apiVersion:\s*["']?argoproj\.io/)");
  static const RE2 kCrd(R"((?m)^\s*kind:\s*["']?CustomResourceDefinition\b)");
  static const RE2 kSops(R"((?m)^sops:\s*$)");
  const std::uint64_t default_max = FilesConfig{}.max_size;
  RepoSurvey survey;
  std::set<std::string> charts;
  for (const Entry& entry : snapshot.entries()) {
    if (entry.mode != EntryMode::kFile) continue;
    const std::string_view name = base_name(entry.path);
    if (name == "Chart.yaml") charts.insert(parent(entry.path));
    const bool json = entry.path.ends_with(".json");
    if (!json && !ends_with_any(entry.path, {".yaml", ".yml"})) continue;
    ++survey.data_files;
    if (name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization") {
      ++survey.kustomizations;
    }
    if (entry.size_known && entry.size > kSurveyReadLimit) {
      survey.large_files.push_back({entry.path, entry.size, false});
      continue;
    }
    Result<std::string> text = snapshot.read(entry);
    if (!text) continue;  // the check itself reports unreadable files
    const std::string& body = text.value();
    survey.flux_objects += count_matches(body, kFlux);
    survey.argo_objects += count_matches(body, kArgo);
    if (contains(body, kSops) && body.find("ENC[") != std::string::npos) {
      ++survey.sops_files;
    }
    if (body.size() > default_max) {
      survey.large_files.push_back({entry.path, body.size(), contains(body, kCrd)});
    }
    if (json && nlohmann::json::parse(body, nullptr, false).is_discarded() &&
        !nlohmann::json::parse(body, nullptr, false, /*ignore_comments=*/true).is_discarded()) {
      survey.jsonc_files.push_back(entry.path);
    }
  }
  survey.helm_charts.assign(charts.begin(), charts.end());
  std::sort(survey.large_files.begin(), survey.large_files.end(),
            [](const LargeFile& a, const LargeFile& b) {
              return a.size != b.size ? a.size > b.size : a.path < b.path;
            });
  return survey;
}

std::vector<std::string> jsonc_excludes(const RepoSurvey& survey) {
  std::set<std::string> globs;
  for (const std::string& path : survey.jsonc_files) {
    if (path.starts_with(".vscode/")) {
      globs.insert(".vscode/**");
    } else if (path.starts_with(".devcontainer/")) {
      globs.insert(".devcontainer/**");
    } else {
      globs.insert(literal_glob(path));
    }
  }
  return {globs.begin(), globs.end()};
}

std::string init_config_text(const RepoSurvey& survey) {
  std::string out;
  out +=
      "# pushgate configuration, written by `pushgate init` (docs/config.md, docs/baseline.md).\n";
  out += "# What it found in this repository:\n";
  out += "#   " + std::to_string(survey.data_files) + " YAML/JSON files";
  out += survey.kustomizations > 0
             ? ", " + std::to_string(survey.kustomizations) + " kustomization files"
             : std::string();
  out += "\n";
  if (survey.flux_objects > 0) {
    out += "#   Flux: " + std::to_string(survey.flux_objects) +
           " objects; gitops/* rules check their references (docs/gitops.md)\n";
  }
  if (survey.argo_objects > 0) {
    out += "#   Argo CD: " + std::to_string(survey.argo_objects) + " objects\n";
  }
  if (!survey.helm_charts.empty()) {
    out += "#   Helm charts: " + std::to_string(survey.helm_charts.size()) +
           " (templates are recognised and skipped, yaml/template-skipped)\n";
  }
  if (survey.sops_files > 0) {
    out += "#   SOPS: " + std::to_string(survey.sops_files) +
           " encrypted files (ENC[...] values are not plaintext secrets)\n";
  }
  out += "version: 1\n";
  const std::vector<std::string> excludes = jsonc_excludes(survey);
  const bool raise_size = !survey.large_files.empty();
  if (!excludes.empty() || raise_size) out += "files:\n";
  if (!excludes.empty()) {
    out +=
        "  # JSON with comments (editor and tool settings), which strict JSON parsing rejects:\n";
    for (std::size_t i = 0; i < survey.jsonc_files.size() && i < 5; ++i) {
      out += "  #   " + survey.jsonc_files[i] + "\n";
    }
    out += "  exclude:\n";
    for (const std::string& glob : excludes) out += "    - " + yaml_quoted(glob) + "\n";
  }
  if (raise_size) {
    const LargeFile& largest = survey.large_files.front();
    const std::uint64_t mib = 1024 * 1024;
    std::uint64_t limit = (largest.size + mib - 1) / mib + 1;  // MiB, with room to grow
    limit = std::min<std::uint64_t>(limit, kMaxFileSizeCeiling / mib);
    out += "  # " + std::to_string(survey.large_files.size()) +
           (survey.large_files.size() == 1 ? " file is" : " files are") +
           " above the default limit of " + std::to_string(FilesConfig{}.max_size / mib) +
           "MiB; the largest, " + largest.path + " (" + mebibytes(largest.size) + ")" +
           (largest.crd_bundle ? ", is a bundle of CustomResourceDefinitions" : "") + ".\n";
    out += "  max_size: " + std::to_string(limit) + "MiB\n";
  }
  out +=
      "# Every built-in rule is on at its documented severity; `pushgate rules` lists them, and\n";
  out += "# `policies:` turns rules off or changes their severity (docs/policies.md).\n";
  return out;
}

std::string server_config_text() {
  return R"(# pushgate server configuration, written by `pushgate init --server`.
# Install it as $GIT_DIR/pushgate.yaml or /etc/pushgate/pushgate.yaml (docs/hooks.md); the
# server never reads policy from the pushed commits.
version: 1
# Validate every commit of a push, not only its tip.
validate: every-commit
refs:
  # main: no force pushes, no deletion.
  - match: refs/heads/main
    protect:
      deny_non_fast_forward: true
      deny_deletion: true
  # Tags are releases: never moved, never deleted.
  - match: refs/tags/**
    protect:
      deny_tag_move: true
      deny_deletion: true
# One JSON line per decision (docs/audit.md). The hook's user must be able to append to it.
audit:
  file: /var/log/pushgate/audit.jsonl
  on_error: reject
)";
}

}  // namespace pushgate
