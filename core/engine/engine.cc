#include "core/engine/engine.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include "core/base/glob.h"
#include "core/document/jsonc.h"
#include "core/document/text_position.h"
#include "core/engine/template_detector.h"
#include "core/policy/policy_date.h"
#include "core/policy/policy_pass.h"
#include "core/tree/lazy_base_tree.h"
#include "validators/validator.h"

namespace pushgate {
namespace {

// Code frames show at most this much of a line; minified JSON can have megabyte-long lines.
constexpr std::size_t kMaxSourceLine = 512;

GlobSet compile_or_empty(const std::vector<std::string>& globs) {
  // The config loader already rejected invalid globs; an empty set here can only mean a bug.
  Result<GlobSet> set = GlobSet::compile(globs);
  if (set) return std::move(set).value();
  Result<GlobSet> none = GlobSet::compile({});
  return std::move(none).value();
}

struct FileResult {
  FindingList findings;
  std::size_t documents = 0;
  std::uint64_t bytes = 0;
  bool parsed = false;
  // Kept for validators that judge the whole run (Validator::wants_run).
  std::unique_ptr<ParsedFile> file;
  std::string content;
};

// Code frames without file access later.
void add_source_lines(FindingList& findings, std::string_view path, std::string_view content) {
  for (Finding& f : findings) {
    if (f.position.line == 0 || f.path != path || !f.source_line.empty()) continue;
    const std::string_view line = line_text(content, f.position.line);
    // A cut line would misplace the caret: show no frame rather than a wrong one.
    if (line.size() <= kMaxSourceLine) f.source_line = std::string(line);
  }
}

}  // namespace

struct Engine::Impl {
  Config config;
  GlobSet include;
  GlobSet exclude;
  ParseLimits limits;
  ValidatorSet validators;
  PolicyPass policy;             // profiles, overrides, scopes and exemptions, once per file
  bool read_every_file = false;  // some validator scans all text files (secrets)
  bool keep_files = false;       // some validator judges the whole run (OPA)
  bool wants_base = false;       // some validator compares with the tree before the change
  unsigned threads;

  Impl(const Config& c, unsigned t)
      : config(c),
        include(compile_or_empty(c.files.include)),
        exclude(compile_or_empty(c.files.exclude)),
        validators(c),
        policy(c.policies, today_in_days()),
        threads(t != 0 ? t : std::max(1u, std::thread::hardware_concurrency())) {
    limits.max_bytes = c.files.max_size;
    limits.max_depth = c.files.max_depth;
    limits.max_expanded_nodes = c.files.max_expanded_nodes;
    for (const auto& v : validators.all())
      read_every_file = read_every_file || v->wants_every_file();
    for (const auto& v : validators.all()) {
      keep_files = keep_files || v->wants_run() || v->wants_base_tree();
      wants_base = wants_base || v->wants_base_tree();
    }
  }

  bool selects_path(std::string_view path) const {
    return include.matches(path) && !exclude.matches(path);
  }

  void check_one(const Snapshot& snapshot, const Entry& entry, std::string_view ref,
                 const TemplateDetector& templates, FileResult& result) const;
  // The whole-run step (Validator::check_run) over the files check_one kept.
  void check_run(const CheckRequest& request, const TemplateDetector& templates,
                 std::vector<FileResult>& results, FindingList& out) const;
};

void Engine::Impl::check_one(const Snapshot& snapshot, const Entry& entry, std::string_view ref,
                             const TemplateDetector& templates, FileResult& result) const {
  const bool regular = entry.mode == EntryMode::kFile || entry.mode == EntryMode::kExecutable;
  const bool parse =
      regular && selects_path(entry.path) && !templates.in_helm_chart_templates(entry.path);
  const bool scan_only =
      regular && !parse && read_every_file && !(entry.size_known && entry.size > limits.max_bytes);
  const bool needs_content = parse || scan_only || entry.mode == EntryMode::kSymlink;
  std::string content;
  if (needs_content) {
    if (entry.size_known && entry.size > limits.max_bytes && parse) {
      const bool json = entry.path.ends_with(".json");
      result.findings.push_back(Finding::at(
          json ? "json/too-large" : "yaml/too-large", Severity::kError, entry.path, Position{},
          "file is " + std::to_string(entry.size) + " bytes, over the limit of " +
              std::to_string(limits.max_bytes) +
              " bytes for parsing; split it into smaller files or raise files.max_size"));
      return;
    }
    Result<std::string> bytes = snapshot.read(entry);
    if (!bytes) {
      result.findings.push_back(
          Finding::at("internal/error", Severity::kError, entry.path, Position{},
                      "cannot read " + snapshot.describe() + ": " + bytes.error().message));
      return;
    }
    content = std::move(bytes).value();
    // Scanned-only files: binary content (a NUL byte) and oversized files are not text to scan.
    if (scan_only &&
        (content.size() > limits.max_bytes || content.find('\0') != std::string::npos)) {
      content.clear();
    }
  }
  const EntryContext entry_context{snapshot, entry, content, ref};
  for (const auto& v : validators.all()) v->check_entry(entry_context, result.findings);
  if (!parse) {
    policy.apply(PolicyInput{entry.path, content, nullptr}, result.findings);
    return;
  }

  const bool json = entry.path.ends_with(".json");
  // Editor and tool settings (.vscode/, tsconfig*.json, ...) are JSONC: read with their comments
  // and trailing commas blanked out, positions unchanged (core/document/jsonc.h).
  if (json && is_jsonc_path(entry.path)) content = strip_jsonc(content);
  ParsedFile file =
      json ? parse_json(entry.path, content, limits) : parse_yaml(entry.path, content, limits);
  if (!file.complete && !json && TemplateDetector::has_unquoted_template(content)) {
    policy.apply(PolicyInput{entry.path, content, nullptr}, result.findings);
    // Not YAML but a template: say so once, quietly, instead of a syntax error.
    result.findings.push_back(Finding::at(
        "yaml/template-skipped", Severity::kInfo, entry.path, Position{},
        "looks like a Go/Helm template, not YAML; not validated (render it in CI to check it)"));
    return;
  }
  result.parsed = true;
  result.bytes = content.size();
  result.documents = file.documents.size();
  result.findings.insert(result.findings.end(), std::make_move_iterator(file.findings.begin()),
                         std::make_move_iterator(file.findings.end()));
  const FileContext file_context{file, content, ref};
  for (const auto& v : validators.all()) v->check_file(file_context, result.findings);
  policy.apply(PolicyInput{entry.path, content, &file}, result.findings);
  add_source_lines(result.findings, entry.path, content);
  if (keep_files) {
    result.file = std::make_unique<ParsedFile>(std::move(file));
    result.content = std::move(content);
  }
}

void Engine::Impl::check_run(const CheckRequest& request, const TemplateDetector& templates,
                             std::vector<FileResult>& results, FindingList& out) const {
  std::vector<FileContext> files;
  for (const FileResult& r : results) {
    if (r.file) files.push_back(FileContext{*r.file, r.content, request.ref});
  }
  TreeView tree(
      *request.snapshot, limits,
      [&](std::string_view path) {
        return selects_path(path) && !templates.in_helm_chart_templates(path);
      },
      request.summaries);
  // The run parsed these already: the whole-tree rules must not read and parse them again.
  for (const FileContext& file : files) tree.adopt(file.file, file.content);
  // The tree before the change, opened only if a rule asks for it (lazy_base_tree.h).
  std::optional<TemplateDetector> base_templates;
  std::optional<TreeView> base_view;
  std::optional<LazyBaseTree> base_tree;
  if (wants_base && request.base) {
    base_tree.emplace([&]() -> Result<const TreeView*> {
      Result<const Snapshot*> opened = request.base();
      if (!opened) return opened.error();
      // No snapshot where one was promised: LazyBaseTree fails that closed too.
      if (opened.value() == nullptr) return static_cast<const TreeView*>(nullptr);
      const Snapshot& base = *opened.value();
      base_templates.emplace(base.entries());
      return &base_view.emplace(
          base, limits,
          [&](std::string_view path) {
            return selects_path(path) && !base_templates->in_helm_chart_templates(path);
          },
          request.summaries);
    });
  }
  const RunContext run{files,
                       request.ref,
                       request.commit,
                       request.repository,
                       request.pusher,
                       &tree,
                       request.files,
                       request.deleted,
                       base_tree ? &*base_tree : nullptr};
  FindingList findings;
  for (const auto& v : validators.all()) {
    if (v->wants_run()) v->check_run(run, findings);
  }
  // Fail closed: rules judged as without a base, and the change is rejected for it.
  if (base_tree && base_tree->error()) {
    findings.push_back(Finding::at(
        "internal/error", Severity::kError, "", Position{},
        "cannot read the tree before the change, which the cross-file rules compare with: " +
            base_tree->error()->message));
  }
  // Whole-run findings get the same policy pass as every file's, file by file.
  for (const FileContext& file : files) {
    FindingList of_file;
    for (Finding& f : findings) {
      if (f.rule.empty() || f.path != file.file.path) continue;
      of_file.push_back(std::move(f));
      f.rule.clear();  // taken (a moved-from string is valid but unspecified)
    }
    if (of_file.empty()) continue;
    policy.apply(PolicyInput{file.file.path, file.content, &file.file}, of_file);
    add_source_lines(of_file, file.file.path, file.content);
    out.insert(out.end(), std::make_move_iterator(of_file.begin()),
               std::make_move_iterator(of_file.end()));
  }
  std::erase_if(findings, [](const Finding& f) { return f.rule.empty(); });
  // Whole-tree rules report in files the run did not parse (a kustomization that lists a file the
  // push deleted): those get the policy pass too, with the file as the tree has it.
  std::vector<std::string> other_paths;
  for (const Finding& f : findings) {
    if (!f.path.empty() && tree.find(f.path) != nullptr) other_paths.push_back(f.path);
  }
  std::sort(other_paths.begin(), other_paths.end());
  other_paths.erase(std::unique(other_paths.begin(), other_paths.end()), other_paths.end());
  for (const std::string& path : other_paths) {
    const TreeFile* file = tree.file(path);
    FindingList of_file;
    for (Finding& f : findings) {
      if (f.rule.empty() || f.path != path) continue;
      of_file.push_back(std::move(f));
      f.rule.clear();
    }
    const ParsedFile* parsed = file->parsed;
    policy.apply(PolicyInput{path, file->content, parsed}, of_file);
    add_source_lines(of_file, path, file->content);
    out.insert(out.end(), std::make_move_iterator(of_file.begin()),
               std::make_move_iterator(of_file.end()));
  }
  std::erase_if(findings, [](const Finding& f) { return f.rule.empty(); });
  out.insert(out.end(), std::make_move_iterator(findings.begin()),
             std::make_move_iterator(findings.end()));
}

Engine::Engine(const Config& config, unsigned threads)
    : impl_(std::make_unique<Impl>(config, threads)) {}

Engine::~Engine() = default;

bool Engine::selects(const Snapshot& snapshot, const Entry& entry) const {
  if (entry.mode == EntryMode::kSymlink) return true;  // judged by entry validators
  if (entry.mode == EntryMode::kSubmodule) return false;
  if (!impl_->selects_path(entry.path)) return false;
  return !TemplateDetector(snapshot.entries()).in_helm_chart_templates(entry.path);
}

bool Engine::wants_base() const {
  return impl_->wants_base;
}

const ParseLimits& Engine::limits() const {
  return impl_->limits;
}

CheckOutcome Engine::check(const CheckRequest& request) const {
  CheckOutcome outcome;
  if (request.snapshot == nullptr) return outcome;
  // A change that only deletes files can still break what refers to them (whole-tree rules).
  if (request.files.empty() && (request.deleted.empty() || !impl_->keep_files)) return outcome;
  const Snapshot& snapshot = *request.snapshot;
  const TemplateDetector templates(snapshot.entries());
  std::vector<FileResult> results(request.files.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < request.files.size(); i = next++) {
      impl_->check_one(snapshot, request.files[i], request.ref, templates, results[i]);
    }
  };
  const unsigned workers =
      static_cast<unsigned>(std::min<std::size_t>(impl_->threads, request.files.size()));
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
  }  // jthreads join here
  if (impl_->keep_files) {
    FileResult run;  // the whole-run step's findings come after every file's
    impl_->check_run(request, templates, results, run.findings);
    results.push_back(std::move(run));
  }
  for (FileResult& r : results) {
    if (r.parsed) ++outcome.stats.files;
    outcome.stats.documents += r.documents;
    outcome.stats.bytes += r.bytes;
    for (Finding& f : r.findings) {
      if (f.ref.empty()) f.ref = request.ref;
      if (f.commit.empty()) f.commit = request.commit;
      outcome.findings.push_back(std::move(f));
    }
  }
  return outcome;
}

}  // namespace pushgate
