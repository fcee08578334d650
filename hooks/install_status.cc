#include "hooks/install_status.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/base/path_entry.h"
#include "core/config/config.h"
#include "hooks/git_config_command.h"
#include "hooks/hook_config.h"
#include "hooks/hook_files.h"
#include "hooks/server_install.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

bool is_bare_repository(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "HEAD", ec) && fs::is_directory(dir / "objects", ec) &&
         fs::is_directory(dir / "refs", ec);
}

std::string canonical_text(const fs::path& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
  std::string text = resolved.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

bool executable(const std::string& path) {
  return access(path.c_str(), X_OK) == 0;
}

// Fills kind, hook, chained and config from the hooks git runs for the repository.
Status read_hooks(RepositoryGate& gate) {
  Result<std::optional<std::string>> hooks_path =
      git_config_get_in_repo(gate.repository, "core.hooksPath");
  if (!hooks_path) return hooks_path.error();
  if (hooks_path.value()) {
    fs::path p(*hooks_path.value());
    gate.hooks_dir = p.is_absolute() ? p.string() : (fs::path(gate.repository) / p).string();
  } else {
    gate.hooks_dir = gate.repository + "/hooks";
  }
  const std::string own = gate.repository + "/hooks";
  Result<ServerState> server = read_server_state(gate.hooks_dir);
  if (server) {
    const std::string own_hook = own + "/" + server.value().hook;
    // The server's gate hook runs a repository's own pushgate hook instead of itself.
    if (is_managed_hook(own_hook)) {
      gate.kind = GateKind::kRepo;
      gate.hook = server.value().hook;
      gate.config = managed_hook_config(own_hook);
      gate.chained = exists_no_follow(own_hook + ".chained");
      return Status::ok();
    }
    const std::string other = server.value().hook == "update" ? "pre-receive" : "update";
    if (!server.value().previous_hooks_path && is_managed_hook(own + "/" + other)) {
      gate.kind = GateKind::kRepo;
      gate.hook = other;
      gate.config = managed_hook_config(own + "/" + other);
      gate.chained = exists_no_follow(own + "/" + other + ".chained");
      return Status::ok();
    }
    gate.hook = server.value().hook;
    gate.kind = server_state_matches(server.value(), gate.repository) ? GateKind::kServer
                                                                      : GateKind::kSkipped;
    gate.config = server.value().config;
    const std::string hidden = server.value().previous_hooks_path
                                   ? *server.value().previous_hooks_path + "/" + gate.hook
                                   : own_hook;
    gate.chained = executable(hidden);
    return Status::ok();
  }
  for (const char* name : {"pre-receive", "update"}) {
    const std::string path = gate.hooks_dir + "/" + name;
    if (exists_no_follow(path) && is_managed_hook(path)) {
      gate.kind = GateKind::kRepo;
      gate.hook = name;
      gate.config = managed_hook_config(path);
      gate.chained = exists_no_follow(path + ".chained");
      return Status::ok();
    }
  }
  for (const char* name : {"pre-receive", "update"}) {
    if (executable(gate.hooks_dir + "/" + name)) {
      gate.kind = GateKind::kForeign;
      gate.hook = name;
      return Status::ok();
    }
  }
  return Status::ok();
}

// The config the hook would load, as load_server_config looks it up.
void read_config(RepositoryGate& gate, const std::string& system_path,
                 const std::string& audit_override) {
  if (gate.kind != GateKind::kRepo && gate.kind != GateKind::kServer) return;
  if (gate.config.empty()) {
    for (const std::string& candidate : {gate.repository + "/pushgate.yaml", system_path}) {
      if (probe_path_entry(candidate).claims_path()) {
        gate.config = candidate;
        break;
      }
    }
  }
  gate.audit_log = audit_override;
  if (gate.config.empty()) return;
  ConfigLoad load = load_config_file(gate.config);
  if (!load.config) {
    gate.config_error = load.findings.empty() ? "does not load" : load.findings.front().message;
    return;
  }
  if (gate.audit_log.empty() && load.config->audit) gate.audit_log = load.config->audit->file;
}

void read_last_decision(RepositoryGate& gate) {
  if (gate.audit_log.empty()) return;
  std::ifstream in(gate.audit_log);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) continue;
    auto repository = doc.find("repository");
    if (repository == doc.end() || !repository->is_string() ||
        repository->get<std::string>() != gate.repository) {
      continue;
    }
    auto decision = doc.find("decision");
    auto time = doc.find("time");
    if (decision == doc.end() || !decision->is_string()) continue;
    gate.last_decision = decision->get<std::string>();
    gate.last_time = time != doc.end() && time->is_string() ? time->get<std::string>() : "";
  }
}

}  // namespace

const char* gate_kind_name(GateKind kind) {
  switch (kind) {
    case GateKind::kNone:
      return "none";
    case GateKind::kRepo:
      return "repo";
    case GateKind::kServer:
      return "server";
    case GateKind::kSkipped:
      return "skipped";
    case GateKind::kForeign:
      return "foreign";
  }
  return "none";
}

Result<std::vector<RepositoryGate>> gate_status(const GateStatusOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(options.root, ec)) {
    return Error{ErrorCode::kNotFound, options.root + " is not a folder"};
  }
  const std::string system_path =
      options.system_config_path.empty() ? kSystemConfigPath : options.system_config_path;
  std::vector<RepositoryGate> gates;
  auto consider = [&](const fs::path& dir) -> Status {
    RepositoryGate gate;
    gate.repository = canonical_text(dir);
    Status hooks = read_hooks(gate);
    if (!hooks) return Error::wrap(hooks.error(), gate.repository);
    read_config(gate, system_path, options.audit_log);
    read_last_decision(gate);
    gates.push_back(std::move(gate));
    return Status::ok();
  };
  if (is_bare_repository(options.root)) {
    Status one = consider(options.root);
    if (!one) return one.error();
    return gates;
  }
  fs::recursive_directory_iterator it(options.root, fs::directory_options::skip_permission_denied,
                                      ec);
  if (ec) return Error{ErrorCode::kIo, "read " + options.root + ": " + ec.message()};
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Error{ErrorCode::kIo, "read " + options.root + ": " + ec.message()};
    if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
    if (!is_bare_repository(it->path())) continue;
    it.disable_recursion_pending();
    Status one = consider(it->path());
    if (!one) return one.error();
  }
  std::sort(gates.begin(), gates.end(), [](const RepositoryGate& a, const RepositoryGate& b) {
    return a.repository < b.repository;
  });
  return gates;
}

}  // namespace pushgate
