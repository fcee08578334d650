#include "core/schema_store/cluster_schemas.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/process/isolated_process.h"
#include "core/process/scratch_dir.h"
#include "core/schema_store/kubernetes_version.h"

extern char** environ;

namespace pushgate {
namespace {

std::string find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (dir.empty()) dir = ".";
    std::string candidate = std::filesystem::absolute(dir + "/" + program).string();
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

Result<std::string> kubectl(const std::string& binary, const std::string& context,
                            const std::vector<std::string>& args) {
  IsolatedCommand command;
  command.argv = {binary};
  if (!context.empty()) command.argv.insert(command.argv.end(), {"--context", context});
  command.argv.insert(command.argv.end(), args.begin(), args.end());
  for (char** env = environ; *env != nullptr; ++env) command.environment.emplace_back(*env);
  command.timeout = std::chrono::seconds(60);
  command.max_output = 512 * 1024 * 1024;
  command.isolate_network = false;  // it talks to the cluster
  std::string shown = "kubectl";
  for (std::size_t i = 1; i < command.argv.size(); ++i) shown += " " + command.argv[i];
  Result<IsolatedRun> run = run_isolated(command);
  if (!run) return Error::wrap(run.error(), "`" + shown + "`");
  const IsolatedRun& done = run.value();
  if (done.timed_out) return Error{ErrorCode::kTimeout, "`" + shown + "` took over 60 s"};
  if (done.output_truncated)
    return Error{ErrorCode::kInvalid, "`" + shown + "` answered over 512 MiB"};
  if (done.exit_code != 0) {
    std::string errors = done.errors.substr(0, 400);
    while (!errors.empty() && (errors.back() == '\n' || errors.back() == ' ')) errors.pop_back();
    return Error{ErrorCode::kIo, "`" + shown + "` exited " + std::to_string(done.exit_code) +
                                     (errors.empty() ? "" : ": " + errors)};
  }
  return done.output;
}

Result<nlohmann::json> kubectl_json(const std::string& binary, const std::string& context,
                                    const std::vector<std::string>& args, const char* what) {
  Result<std::string> out = kubectl(binary, context, args);
  if (!out) return out.error();
  nlohmann::json json = nlohmann::json::parse(out.value(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Error{ErrorCode::kInvalid,
                 std::string("kubectl did not answer ") + what + " with a JSON object"};
  }
  return json;
}

}  // namespace

Result<ClusterImportReport> import_from_cluster(const ClusterImportOptions& options) {
  const std::string binary = find_on_path("kubectl");
  if (binary.empty()) {
    return Error{ErrorCode::kIo,
                 "kubectl is not on PATH; --from-cluster reads the cluster through it"};
  }
  ClusterImportReport report;

  Result<nlohmann::json> version =
      kubectl_json(binary, options.context, {"get", "--raw", "/version"}, "/version");
  if (!version) return version.error();
  const nlohmann::json& v = version.value();
  if (!v.contains("major") || !v["major"].is_string() || !v.contains("minor") ||
      !v["minor"].is_string()) {
    return Error{ErrorCode::kInvalid, "kubectl get --raw /version has no major/minor strings"};
  }
  std::string minor = v["minor"].get<std::string>();
  while (!minor.empty() && (minor.back() < '0' || minor.back() > '9')) minor.pop_back();  // "35+"
  report.version = v["major"].get<std::string>() + "." + minor;
  std::optional<KubernetesVersion> parsed = parse_kubernetes_version(report.version);
  if (!parsed) {
    return Error{ErrorCode::kInvalid, "the cluster's version " + report.version.substr(0, 40) +
                                          " is not a Kubernetes version like 1.35"};
  }

  ScratchDir scratch("schemas-from-cluster");
  if (scratch.path().empty())
    return Error{ErrorCode::kIo, "cannot create a scratch folder under /tmp"};
  Result<std::string> swagger = kubectl(binary, options.context, {"get", "--raw", "/openapi/v2"});
  if (!swagger) return swagger.error();
  const std::string swagger_path = scratch.path() + "/swagger.json";
  if (Status written = write_private_file(swagger_path, swagger.value()); !written) {
    return written.error();
  }
  Result<nlohmann::json> crds =
      kubectl_json(binary, options.context, {"get", "crd", "-o", "json"}, "get crd");
  if (!crds) return crds.error();
  if (!crds.value().contains("items") || !crds.value()["items"].is_array()) {
    return Error{ErrorCode::kInvalid, "kubectl get crd -o json has no items list"};
  }
  const std::string crd_dir = scratch.path() + "/crds";
  std::error_code ec;
  std::filesystem::create_directory(crd_dir, ec);
  if (ec) return Error{ErrorCode::kIo, "cannot create " + crd_dir + ": " + ec.message()};
  std::size_t n = 0;
  for (const nlohmann::json& item : crds.value()["items"]) {
    const std::string path = crd_dir + "/" + std::to_string(n++) + ".json";
    if (Status written = write_private_file(path, item.dump()); !written) return written.error();
  }

  ImportOptions import{.store = options.store, .version = parsed};
  Result<ImportReport> openapi = import_schemas(swagger_path, import);
  if (!openapi) return Error::wrap(openapi.error(), "the cluster's /openapi/v2");
  report.openapi = std::move(openapi.value());
  if (n > 0) {
    Result<ImportReport> imported = import_schemas(crd_dir, import);
    if (!imported) return Error::wrap(imported.error(), "the cluster's CRDs");
    report.crds = std::move(imported.value());
  }
  return report;
}

}  // namespace pushgate
