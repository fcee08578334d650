#include "core/kustomize/kustomize_build.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/document/document.h"
#include "core/process/isolated_process.h"
#include "core/process/scratch_dir.h"
#include "core/tree/kustomization_file.h"

namespace pushgate {
namespace {

constexpr std::string_view kOriginAnnotation = "config.kubernetes.io/origin";
// Where the copy of the tree goes inside the scratch folder, and the wrapper kustomization.
constexpr std::string_view kTreeFolder = "tree";
constexpr std::string_view kBuildFolder = "build";
// The wrapper sees the copy at this relative path; origins are written relative to it.
constexpr std::string_view kOriginPrefix = "../tree/";

bool executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// A tree path pushgate may write below the copy's root: no absolute path, no `.` or `..`.
bool safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  return true;
}

bool at_or_under(std::string_view path, std::string_view folder) {
  return folder.empty() || path == folder ||
         (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/');
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Replaces `from` where it starts a path (at the start, or after a space, quote, `=`, `(`, `:`
// or `[`), never inside one: `apps/tree/x` keeps its `/tree/`.
void replace_rooted(std::string& text, std::string_view from, std::string_view to) {
  constexpr std::string_view kBefore = " \t'\"`=(:[";
  for (std::size_t at = text.find(from); at != std::string::npos;) {
    if (at == 0 || kBefore.find(text[at - 1]) != std::string_view::npos) {
      // `/tree` alone must be the whole segment: `/treehouse` is another folder.
      const std::size_t end = at + from.size();
      if (from.back() == '/' || end == text.size() || text[end] == '/' ||
          kBefore.find(text[end]) != std::string_view::npos || text[end] == '\'' ||
          text[end] == ',' || text[end] == ')') {
        text.replace(at, from.size(), to);
        at = text.find(from, at + to.size());
        continue;
      }
    }
    at = text.find(from, at + 1);
  }
}

// kustomize's error, one line, with the copy's paths turned back into tree paths.
// kustomize wraps an error in one layer per kustomization on the way; the outermost is the
// wrapper's (`accumulating resources from '<folder>': ... must resolve to a file': ...`),
// which the user never wrote: drop it.
std::string without_wrapper_layer(std::string text, std::string_view folder) {
  const std::string target = folder.empty() ? "." : std::string(folder);
  const std::string outer =
      "accumulating resources: accumulation err='accumulating resources from '" + target + "': '" +
      target + "' must resolve to a file': ";
  if (!text.starts_with(outer)) return text;
  text.erase(0, outer.size());
  for (const std::string& layer : {"recursed accumulation of path '" + target + "': ",
                                   "couldn't make target for path '" + target + "': "}) {
    if (text.starts_with(layer)) return text.substr(layer.size());
  }
  return text;
}

// Any absolute path still in kustomize's error text once the copy's own are replaced lies
// outside the tree: it is hidden, whatever it is (a URL's `//` is left alone).
std::string hide_outside_paths(const std::string& text) {
  constexpr std::string_view kHidden = "(a path outside the repository)";
  constexpr std::string_view kStartsAfter = " \t'\"`,;([{=";
  constexpr std::string_view kEnds = " \t'\"`,;()[]{}";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const bool starts_path =
        text[i] == '/' && (i == 0 || kStartsAfter.find(text[i - 1]) != std::string_view::npos ||
                           (text[i - 1] == ':' && text.compare(i, 2, "//") != 0));
    if (!starts_path) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && kEnds.find(text[end]) == std::string_view::npos &&
           text[end] != ':') {
      ++end;
    }
    out += kHidden;
    i = end;
  }
  return out;
}

std::string tree_message(std::string text, const std::string& scratch, std::string_view folder) {
  // kubectl logs through klog: `E1127 ... run.go:72] "command failed" err="<the error>"`.
  if (const std::size_t at = text.find(" err=\""); at != std::string::npos) {
    const std::size_t end = text.rfind('"');
    if (end > at + 6) {
      text = text.substr(at + 6, end - at - 6);
      replace_all(text, "\\\"", "\"");
    }
  }
  if (scratch.empty()) {  // chrooted: the copy's paths start at `/`
    replace_rooted(text, "/" + std::string(kTreeFolder) + "/", "");
    replace_rooted(text, "/" + std::string(kTreeFolder), ".");
    replace_rooted(text, "/" + std::string(kBuildFolder), "(build)");
    replace_rooted(text, "/home", "(scratch)/home");
  } else {
    replace_all(text, scratch + "/" + std::string(kTreeFolder) + "/", "");
    replace_all(text, scratch + "/" + std::string(kTreeFolder), ".");
    replace_all(text, scratch + "/" + std::string(kBuildFolder), "(build)");
  }
  replace_all(text, kOriginPrefix, "");
  replace_all(text, scratch, "(scratch)");
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.starts_with("Error: ")) text.erase(0, 7);
  text = without_wrapper_layer(std::move(text), folder);
  text = hide_outside_paths(text);
  constexpr std::size_t kMaxMessage = 1000;
  if (text.size() > kMaxMessage) text = text.substr(0, kMaxMessage) + "…";
  return text;
}

// A tree path from an origin path (`../tree/apps/base/web.yaml` -> `apps/base/web.yaml`).
std::string tree_path_of(std::string_view origin_path) {
  if (!origin_path.starts_with(kOriginPrefix)) return {};
  return std::string(origin_path.substr(kOriginPrefix.size()));
}

ParseLimits output_limits(const KustomizeBuildLimits& limits) {
  ParseLimits parse;
  parse.max_bytes = limits.max_output;
  parse.max_expanded_nodes = 64'000'000;  // no aliases in kustomize output: nodes as printed
  return parse;
}

NodeRef origin_annotation(const Document& doc) {
  return doc.root().get("metadata").get("annotations").get(kOriginAnnotation);
}

// The last line a node occupies (its end is one past its last character).
std::uint32_t last_line(NodeRef node) {
  const Position end = node.end();
  return end.column <= 1 && end.line > node.position().line ? end.line - 1 : end.line;
}

// The rendered stream without the origin annotations pushgate asked for, and each document's
// origin. The annotation is cut by lines (kustomize prints block style, one key per line); if
// the result does not read back as the same documents, the annotations stay in.
void split_origins(std::string output, const KustomizeBuildLimits& limits, KustomizeBuild& build) {
  const ParsedFile rendered = parse_yaml("rendered", output, output_limits(limits));
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cut;  // line ranges, 1-based inclusive
  for (const Document& doc : rendered.documents) {
    RenderedOrigin origin;
    const NodeRef value = origin_annotation(doc);
    if (value.is_string()) {
      const ParsedFile fields = parse_yaml("origin", value.text(), ParseLimits{});
      if (!fields.documents.empty()) {
        const NodeRef root = fields.documents.front().root();
        origin.path = tree_path_of(root.get_string("path"));
        origin.configured_in = tree_path_of(root.get_string("configuredIn"));
      }
      const NodeRef annotations = doc.root().get("metadata").get("annotations");
      const NodeRef metadata = doc.root().get("metadata");
      if (annotations.size() == 1) {
        for (std::size_t i = 0; i < metadata.size(); ++i) {
          if (metadata.key(i).text() == "annotations") {
            // Its only value is the origin: the mapping ends where that value ends (a mapping's
            // own end mark lies at the next key).
            cut.emplace_back(metadata.key(i).position().line, last_line(value));
          }
        }
      } else {
        for (std::size_t i = 0; i < annotations.size(); ++i) {
          if (annotations.key(i).text() == kOriginAnnotation) {
            cut.emplace_back(annotations.key(i).position().line, last_line(value));
          }
        }
      }
    }
    build.origins.push_back(std::move(origin));
  }
  std::string cleaned;
  cleaned.reserve(output.size());
  std::size_t range = 0;
  std::uint32_t line = 1;
  for (std::size_t start = 0; start < output.size(); ++line) {
    const std::size_t end = std::min(output.find('\n', start), output.size() - 1) + 1;
    while (range < cut.size() && cut[range].second < line) ++range;
    const bool dropped = range < cut.size() && cut[range].first <= line;
    if (!dropped) cleaned.append(output, start, end - start);
    start = end;
  }
  const ParsedFile check = parse_yaml("rendered", cleaned, output_limits(limits));
  bool same = check.complete && check.documents.size() == rendered.documents.size();
  for (std::size_t i = 0; same && i < check.documents.size(); ++i) {
    same = !origin_annotation(check.documents[i]) &&
           check.documents[i].root().get_string("kind") ==
               rendered.documents[i].root().get_string("kind");
  }
  build.output = same ? std::move(cleaned) : std::move(output);
}

// True (and `build` says where) when the kustomization at `path` names a path that leaves the
// tree. Judged on the text alone: whether such a folder exists on this server is never asked.
bool names_path_outside(const std::string& path, const std::string& content,
                        KustomizeBuild& build) {
  const ParsedFile file = parse_yaml(path, content, ParseLimits{});
  const std::size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash);
  for (const KustomizeReference& ref : kustomize_read_paths(kustomization_root(file))) {
    if (path_in_tree(folder, ref.path)) continue;
    build.outcome = KustomizeBuild::Outcome::kOutsideTree;
    build.where_path = path;
    build.where = ref.node.position();
    std::string shown = ref.path.size() > 200 ? ref.path.substr(0, 200) + "…" : ref.path;
    build.message = "`" + shown + "` (" + ref.field + " in " + path +
                    ") leaves the repository; kustomize builds here only from files of the "
                    "repository: move what it needs into the tree, or reference it as a remote "
                    "base";
    return true;
  }
  return false;
}

// Copies every regular file under `folders` into `root`; symlinks and submodules stay out.
Status copy_folders(const TreeView& tree, std::span<const std::string> folders,
                    const std::string& root, const KustomizeBuildLimits& limits,
                    KustomizeBuild& build) {
  std::vector<std::string> sorted(folders.begin(), folders.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  // A folder inside another listed folder is copied with it.
  std::vector<std::string> outermost;
  for (const std::string& folder : sorted) {
    if (outermost.empty() || !at_or_under(folder, outermost.back())) outermost.push_back(folder);
  }
  std::size_t files = 0;
  std::uint64_t bytes = 0;
  for (const std::string& folder : outermost) {
    for (const Entry& entry : tree.under(folder)) {
      if (entry.mode != EntryMode::kFile && entry.mode != EntryMode::kExecutable) continue;
      if (!safe_relative_path(entry.path)) continue;
      if (++files > limits.max_files) {
        build.outcome = KustomizeBuild::Outcome::kTooLarge;
        build.message =
            "the folders it reads hold more than " + std::to_string(limits.max_files) + " files";
        return Status{};
      }
      // What is left of the byte budget bounds the read: an oversized file is never loaded.
      Result<std::optional<std::string>> within = tree.read_within(entry, limits.max_bytes - bytes);
      if (!within) return within.error();
      bytes += within.value() ? within.value()->size() : limits.max_bytes + 1 - bytes;
      if (bytes > limits.max_bytes) {
        build.outcome = KustomizeBuild::Outcome::kTooLarge;
        build.message =
            "the folders it reads hold more than " + std::to_string(limits.max_bytes) + " bytes";
        return Status{};
      }
      const std::string& content = *within.value();
      if (is_kustomization_path(entry.path) && names_path_outside(entry.path, content, build)) {
        return Status{};
      }
      const std::filesystem::path target = std::filesystem::path(root) / entry.path;
      std::error_code ec;
      std::filesystem::create_directories(target.parent_path(), ec);
      if (ec) return Error{ErrorCode::kIo, "cannot create " + target.parent_path().string()};
      if (Status s = write_private_file(target.string(), content); !s) return s;
    }
  }
  return Status{};
}

std::vector<std::string> sandbox_environment(const std::string& home) {
  // No folder on PATH: kustomize finds no git (remote bases), no helm, no plugin to exec.
  // Proxies at a closed port: whatever still tries HTTP gets a refusal, not the network.
  const std::string closed = "http://127.0.0.1:9";
  return {"PATH=/nonexistent",
          "HOME=" + home,
          "XDG_CONFIG_HOME=" + home,
          "KUSTOMIZE_PLUGIN_HOME=" + home + "/plugins",
          "KUBECONFIG=" + home + "/kubeconfig",  // empty: no cluster; inside a chroot too
          "LC_ALL=C",
          "HTTP_PROXY=" + closed,
          "HTTPS_PROXY=" + closed,
          "ALL_PROXY=" + closed,
          "http_proxy=" + closed,
          "https_proxy=" + closed,
          "all_proxy=" + closed,
          "NO_PROXY=",
          "no_proxy=",
          "GIT_CONFIG_NOSYSTEM=1",
          "GIT_TERMINAL_PROMPT=0"};
}

}  // namespace

std::optional<KustomizeProgram> find_kustomize(std::string_view configured) {
  std::vector<std::string> candidates;
  if (!configured.empty()) {
    if (configured.front() != '/') return std::nullopt;
    candidates.emplace_back(configured);
  } else {
    candidates = {"/usr/local/bin/kustomize", "/usr/bin/kustomize", "/usr/local/bin/kubectl",
                  "/usr/bin/kubectl"};
  }
  for (const std::string& path : candidates) {
    // Only a program named like one: a config can never turn this into "run any binary".
    const std::string name = std::filesystem::path(path).filename().string();
    const bool kubectl = name.starts_with("kubectl");
    if (!kubectl && !name.starts_with("kustomize")) continue;
    if (!executable_file(path)) continue;
    return KustomizeProgram{path, kubectl};
  }
  return std::nullopt;
}

Result<KustomizeBuild> kustomize_build(const KustomizeProgram& program, const TreeView& tree,
                                       std::string_view folder,
                                       std::span<const std::string> folders,
                                       const KustomizeBuildLimits& limits) {
  ScratchDir scratch("kustomize");
  if (scratch.path().empty()) {
    return Error{ErrorCode::kIo, "cannot create a scratch folder in /tmp"};
  }
  KustomizeBuild build;
  const std::string tree_root = scratch.path() + "/" + std::string(kTreeFolder);
  const std::string build_root = scratch.path() + "/" + std::string(kBuildFolder);
  const std::string home = scratch.path() + "/home";
  for (const std::string& dir : {tree_root, build_root, home}) {
    if (::mkdir(dir.c_str(), 0700) != 0) return Error{ErrorCode::kIo, "cannot create " + dir};
  }
  if (Status s = write_private_file(home + "/kubeconfig", ""); !s) return s.error();
  if (Status s = copy_folders(tree, folders, tree_root, limits, build); !s) return s.error();
  if (build.outcome == KustomizeBuild::Outcome::kTooLarge ||
      build.outcome == KustomizeBuild::Outcome::kOutsideTree) {
    return build;
  }

  // The wrapper adds origin annotations without touching the user's kustomization.
  std::string target(kOriginPrefix);
  target += folder;
  if (target.back() == '/') target.pop_back();
  const std::string wrapper =
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- " +
      nlohmann::json(target).dump() + "\nbuildMetadata: [originAnnotations]\n";
  if (Status s = write_private_file(build_root + "/kustomization.yaml", wrapper); !s) {
    return s.error();
  }

  IsolatedCommand command;
  command.argv = {program.path};
  // `.`: the working directory is the wrapper's folder, whether or not the build is chrooted.
  if (program.kubectl) {
    command.argv.insert(command.argv.end(), {"kustomize", "."});
  } else {
    command.argv.insert(command.argv.end(), {"build", "."});
  }
  command.argv.insert(command.argv.end(),
                      {"--enable-alpha-plugins=false", "--enable-helm=false", "--network=false",
                       "--load-restrictor=LoadRestrictionsRootOnly"});
  command.directory = build_root;
  command.environment = sandbox_environment(home);
  // Where the kernel allows it, the scratch folder is all kustomize sees of the filesystem.
  command.root = scratch.path();
  command.directory_confined = "/" + std::string(kBuildFolder);
  command.environment_confined = sandbox_environment("/home");
  command.timeout = limits.timeout;
  command.max_output = limits.max_output;
  Result<IsolatedRun> run = run_isolated(command);
  if (!run) return run.error();
  build.network_isolated = run.value().network_isolated;
  build.root_confined = run.value().root_confined;
  if (run.value().timed_out) {
    build.outcome = KustomizeBuild::Outcome::kTimedOut;
    build.message = "did not finish within " + std::to_string(limits.timeout.count()) + " ms";
    return build;
  }
  if (run.value().output_truncated) {
    build.outcome = KustomizeBuild::Outcome::kTooLarge;
    build.message = "it prints more than " + std::to_string(limits.max_output) + " bytes";
    return build;
  }
  if (run.value().exit_code != 0) {
    build.outcome = KustomizeBuild::Outcome::kFailed;
    // Inside the chroot the scratch folder is `/`: its paths read `/tree/...`, `/build`.
    build.message = tree_message(
        run.value().errors, run.value().root_confined ? std::string() : scratch.path(), folder);
    // A kustomize that predates the field refuses the wrapper's buildMetadata as unknown. Only
    // that exact complaint: any other error naming buildMetadata (the user's own, invalid) is
    // the tree's failure and must reject, not pass as "too old".
    if (build.message.find("unknown field \"buildMetadata\"") != std::string::npos) {
      build.outcome = KustomizeBuild::Outcome::kTooOld;
    }
    if (build.message.empty()) {
      build.message = "exit code " + std::to_string(run.value().exit_code);
    }
    return build;
  }
  build.outcome = KustomizeBuild::Outcome::kBuilt;
  split_origins(std::move(run.value().output), limits, build);
  return build;
}

}  // namespace pushgate
