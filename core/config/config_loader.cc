// load_config_text / load_config_file: parse with the project's YAML reader, walk the key tables
// (config_keys.cc), and collect every problem as a positioned finding. Fail closed: any error
// finding leaves ConfigLoad::config empty.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/base/path_entry.h"
#include "core/config/config.h"
#include "core/config/config_keys.h"
#include "core/config/config_reader.h"
#include "core/document/document.h"
#include "core/document/text_position.h"

namespace pushgate {
namespace {

// A real config is a few KiB; anything this large is a mistake (or an attack on the loader).
constexpr std::size_t kMaxConfigBytes = 1024 * 1024;

Finding file_finding(std::string rule, const std::string& path, std::string message) {
  return Finding::at(std::move(rule), Severity::kError, path, Position{}, std::move(message));
}

bool has_error(const FindingList& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

}  // namespace

ConfigLoad load_config_text(std::string_view origin, std::string_view yaml_text) {
  ConfigLoad load;
  const std::string path(origin);
  if (yaml_text.size() > kMaxConfigBytes) {
    load.findings.push_back(
        file_finding("config/invalid", path,
                     "the config is " + std::to_string(yaml_text.size()) +
                         " bytes, over the limit of 1MiB; a pushgate config is a few KiB of YAML"));
    return load;
  }

  ParseLimits limits;
  limits.max_bytes = kMaxConfigBytes;
  ParsedFile file = parse_yaml(path, yaml_text, limits);
  load.findings = std::move(file.findings);
  for (Finding& f : load.findings) {
    if (f.source_line.empty()) f.source_line = std::string(line_text(yaml_text, f.position.line));
  }
  // A syntax error leaves partial documents: reading them would report noise, or worse, accept.
  if (!file.complete) return load;

  ConfigReader reader(origin, yaml_text);
  Config config;
  config.origin = path;
  if (file.documents.empty()) {
    reader.report(Position{1, 1}, "the config is empty; start it with `version: 1`");
  } else {
    if (file.documents.size() > 1) {
      reader.report(file.documents[1].start(),
                    "the config must be one YAML document, found " +
                        std::to_string(file.documents.size()) +
                        "; merge them into the first or remove the others");
    }
    reader.read_mapping(file.documents[0].root(), "", config_keys(), config);
  }
  FindingList walked = reader.take_findings();
  load.findings.insert(load.findings.end(), std::make_move_iterator(walked.begin()),
                       std::make_move_iterator(walked.end()));
  sort_for_report(load.findings);
  if (!has_error(load.findings)) load.config = std::move(config);
  return load;
}

ConfigLoad load_config_file(const std::string& path) {
  ConfigLoad load;
  const PathEntry entry = probe_path_entry(path);
  if (entry.dangling_link) {
    load.findings.push_back(file_finding(
        "config/unreadable", path,
        "config file " + path + " is a dangling symbolic link to " + entry.link_target +
            "; restore the target or replace the link with the config file (pushgate does not "
            "fall back to another config or the defaults)"));
    return load;
  }
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    load.findings.push_back(file_finding("config/unreadable", path,
                                         "cannot read config file " + path + ": " + ec.message()));
    return load;
  }
  if (!std::filesystem::exists(status)) {
    load.findings.push_back(
        file_finding("config/missing", path,
                     "config file " + path +
                         " does not exist; create it (see docs/config.md) or pass "
                         "--config with the right path"));
    return load;
  }
  if (std::filesystem::is_directory(status)) {
    load.findings.push_back(file_finding(
        "config/unreadable", path,
        "config file " + path + " is a directory; point to the pushgate.yaml inside it"));
    return load;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    load.findings.push_back(
        file_finding("config/unreadable", path,
                     "cannot read config file " + path + ": " + std::strerror(errno) +
                         "; check its permissions for the user the hook runs as"));
    return load;
  }
  // Read one byte past the limit, so that an oversized file (or a device) is caught unparsed.
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    load.findings.push_back(
        file_finding("config/unreadable", path,
                     "cannot read config file " + path + ": " + std::strerror(errno)));
    return load;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  return load_config_text(path, text);
}

}  // namespace pushgate
