#include "core/engine/engine.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include "core/base/glob.h"
#include "core/document/jsonc.h"
#include "core/document/text_position.h"
#include "core/engine/template_detector.h"
#include "core/hcl/hcl.h"
#include "core/policy/policy_date.h"
#include "core/policy/policy_pass.h"
#include "core/tree/lazy_base_tree.h"
#include "validators/applied_forms.h"
#include "validators/hcl/hcl_validator.h"
#include "validators/validator.h"

namespace pushgate {
namespace {

// Code frames show at most this much of a line; minified JSON can have megabyte-long lines.
constexpr std::size_t kMaxSourceLine = 512;

// Runs `work` on `workers` threads, this one included, and returns when every one has ended.
// `work` takes its own items from a queue it shares with the others.
template <typename Work>
void run_on_workers(unsigned workers, const Work& work) {
  std::vector<std::jthread> pool;
  if (workers > 1) pool.reserve(workers - 1);
  for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
}  // jthreads join here
// A file to parse larger than this is first judged by its first kHeadBytes (a NUL byte).
constexpr std::size_t kHeadBytes = 64 * 1024;

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
  std::unique_ptr<HclFile> hcl;  // an HCL file read, lent to the whole-tree rules
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
  PolicyPass policy;  // profiles, overrides, scopes and exemptions, once per file
  std::vector<const HclValidator*> hcl_validators;  // those of `validators` that judge HCL
  bool read_every_file = false;                     // some validator scans all text files (secrets)
  bool keep_files = false;                          // some validator judges the whole run (OPA)
  bool wants_base = false;  // some validator compares with the tree before the change
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
      if (const auto* hcl = dynamic_cast<const HclValidator*>(v.get())) {
        hcl_validators.push_back(hcl);
      }
    }
    for (const auto& v : validators.all()) {
      keep_files = keep_files || v->wants_run() || v->wants_base_tree();
      wants_base = wants_base || v->wants_base_tree();
    }
  }

  // HCL files (Terraform, Terragrunt) are read wherever they are, unless files.exclude says not.
  bool selects_path(std::string_view path) const {
    return (include.matches(path) || is_hcl_path(path)) && !exclude.matches(path);
  }

  // An HCL file (core/hcl/hcl.h): read, then the validators' check_hcl, then the policy pass.
  void check_hcl(const Entry& entry, std::string_view content, std::string_view ref,
                 FileResult& result) const {
    HclLimits hcl_limits;
    hcl_limits.max_bytes = limits.max_bytes;
    HclFile file = parse_hcl(entry.path, content, hcl_limits);
    if (!file.complete && !file.findings.empty() && file.findings[0].rule == "hcl/syntax" &&
        line_text(content, file.findings[0].position.line).find("{{") != std::string_view::npos) {
      // Not HCL but a Go template (a boilerplate / `terragrunt scaffold` file): say so once,
      // quietly, instead of a syntax error, as for YAML templates.
      policy.apply(PolicyInput{entry.path, content, nullptr}, result.findings);
      result.findings.push_back(Finding::at(
          "hcl/template-skipped", Severity::kInfo, entry.path, Position{},
          "looks like a Go template (boilerplate, scaffold), not HCL; not validated (render it "
          "to check it)"));
      return;
    }
    result.parsed = true;
    result.bytes = content.size();
    result.findings.insert(result.findings.end(), std::make_move_iterator(file.findings.begin()),
                           std::make_move_iterator(file.findings.end()));
    file.findings.clear();  // moved into the result
    const HclFileContext context{file, content, ref};
    for (const HclValidator* v : hcl_validators) v->check_hcl(context, result.findings);
    policy.apply(PolicyInput{entry.path, content, nullptr}, result.findings);
    add_source_lines(result.findings, entry.path, content);
    // The whole-tree rules (Terragrunt references, duplicate-block across a module) read it
    // through TreeView::hcl instead of reading it again.
    if (keep_files) result.hcl = std::make_unique<HclFile>(std::move(file));
  }
  void check_one(const Snapshot& snapshot, const Entry& entry, std::string_view ref,
                 const TemplateDetector& templates, FileResult& result) const;
  // Every whole-run rule's check_run, side by side on up to `threads` workers (a shared queue of
  // rules); each rule's findings apart, then joined in the validators' order, so the result is
  // the same whatever ran where. An exception of a rule is rethrown here, after every worker
  // ended, as if the rules had run one after the other.
  FindingList run_rules(const RunContext& run) const;
  // The whole-run step (Validator::check_run) over the files check_one kept.
  void check_run(const CheckRequest& request, const TemplateDetector& templates,
                 std::vector<FileResult>& results, FindingList& out) const;
};

void Engine::Impl::check_one(const Snapshot& snapshot, const Entry& entry, std::string_view ref,
                             const TemplateDetector& templates, FileResult& result) const {
  const bool regular = entry.mode == EntryMode::kFile || entry.mode == EntryMode::kExecutable;
  const bool parse = regular && selects_path(entry.path) && !templates.is_template(entry.path);
  const bool scan_only =
      regular && !parse && read_every_file && !(entry.size_known && entry.size > limits.max_bytes);
  const bool needs_content = parse || scan_only || entry.mode == EntryMode::kSymlink;
  std::string content;
  auto too_large = [&](std::optional<std::uint64_t> size) {
    const bool json = entry.path.ends_with(".json");
    const char* rule = is_hcl_path(entry.path) ? "hcl/too-large"
                       : json                  ? "json/too-large"
                                               : "yaml/too-large";
    result.findings.push_back(Finding::at(
        rule, Severity::kError, entry.path, Position{},
        "file is " + (size ? std::to_string(*size) + " bytes, over" : std::string("over")) +
            " the limit of " + std::to_string(limits.max_bytes) +
            " bytes for parsing; split it into smaller files or raise files.max_size"));
  };
  auto cannot_read = [&](const Error& error) {
    result.findings.push_back(
        Finding::at("internal/error", Severity::kError, entry.path, Position{},
                    "cannot read " + snapshot.describe() + ": " + error.message));
  };
  if (needs_content) {
    if (entry.size_known && entry.size > limits.max_bytes && parse) {
      too_large(entry.size);
      return;
    }
    bool judged_by_head = false;
    // A large file to parse is judged by its start first: a NUL byte makes it no text at all,
    // whatever follows, and the rest is never loaded (a 300 MB file of NULs costs 64 KiB).
    if (parse && entry.mode != EntryMode::kSymlink && entry.size_known && entry.size > kHeadBytes) {
      Result<std::string> head = snapshot.read_head(entry, kHeadBytes);
      if (!head) return cannot_read(head.error());
      if (const std::size_t nul = head.value().find('\0'); nul != std::string::npos) {
        content = std::move(head).value();
        content.resize(nul + 1);  // the parser stops at the NUL as it would in the whole file
        judged_by_head = true;
      }
    }
    if (entry.mode == EntryMode::kSymlink) {
      Result<std::string> bytes = snapshot.read(entry);
      if (!bytes) return cannot_read(bytes.error());
      content = std::move(bytes).value();
    } else if (!judged_by_head) {
      // Over the limit is told by the object header (or the listing): such a file is never read.
      Result<std::optional<std::string>> bytes = snapshot.read_within(entry, limits.max_bytes);
      if (!bytes) return cannot_read(bytes.error());
      if (bytes.value()) {
        content = std::move(*bytes.value());
      } else if (parse) {
        too_large(std::nullopt);
        return;
      }
    }
    // Scanned-only files: binary content (a NUL byte) is not text to scan.
    if (scan_only && content.find('\0') != std::string::npos) content.clear();
  }
  const EntryContext entry_context{snapshot, entry, content, ref};
  for (const auto& v : validators.all()) v->check_entry(entry_context, result.findings);
  if (!parse) {
    policy.apply(PolicyInput{entry.path, content, nullptr}, result.findings);
    return;
  }

  if (is_hcl_path(entry.path)) {
    check_hcl(entry, content, ref, result);
    return;
  }
  const bool json = entry.path.ends_with(".json");
  // Editor and tool settings (.vscode/, tsconfig*.json, ...) are JSONC: read with their comments
  // and trailing commas blanked out, positions unchanged (core/document/jsonc.h).
  if (json && is_jsonc_path(entry.path)) content = strip_jsonc(content);
  ParsedFile file =
      json ? parse_json(entry.path, content, limits) : parse_yaml(entry.path, content, limits);
  // A file that fails to parse is an error even when it holds `{{`: only a chart's templates
  // that no kustomization names are templates, and those are never parsed (template_detector.h).
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

FindingList Engine::Impl::run_rules(const RunContext& run) const {
  std::vector<const Validator*> rules;
  for (const auto& v : validators.all()) {
    if (v->wants_run()) rules.push_back(v.get());
  }
  std::vector<FindingList> found(rules.size());
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;  // the first rule's exception; the others stop taking rules
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (std::size_t i = next++; i < rules.size() && !failed; i = next++) {
      try {
        rules[i]->check_run(run, found[i]);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
      }
    }
  };
  run_on_workers(static_cast<unsigned>(std::min<std::size_t>(threads, rules.size())), work);
  if (failure) std::rethrow_exception(failure);
  FindingList findings;
  for (FindingList& of_rule : found) {
    findings.insert(findings.end(), std::make_move_iterator(of_rule.begin()),
                    std::make_move_iterator(of_rule.end()));
  }
  return findings;
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
        return selects_path(path) && !is_hcl_path(path) && !templates.is_template(path);
      },
      request.summaries);
  // The run parsed these already: the whole-tree rules must not read and parse them again.
  for (const FileContext& file : files) tree.adopt(file.file, file.content);
  for (const FileResult& r : results) {
    if (r.hcl) tree.adopt_hcl(*r.hcl);
  }
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
      base_templates.emplace(base, limits);
      return &base_view.emplace(
          base, limits,
          [&](std::string_view path) {
            return selects_path(path) && !is_hcl_path(path) && !base_templates->is_template(path);
          },
          request.summaries);
    });
  }
  // The same, at the paths the change touched only (CheckRequest::base_at).
  std::unique_ptr<Snapshot> base_paths;
  std::optional<TreeView> base_paths_view;
  std::optional<LazyBaseTree> base_changes;
  if (wants_base && request.base_at) {
    base_changes.emplace([&]() -> Result<const TreeView*> {
      std::vector<std::string> paths(request.deleted.begin(), request.deleted.end());
      for (const Entry& e : request.files) paths.push_back(e.path);
      std::sort(paths.begin(), paths.end());
      paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
      Result<std::unique_ptr<Snapshot>> opened = request.base_at(paths);
      if (!opened) return opened.error();
      if (opened.value() == nullptr) return static_cast<const TreeView*>(nullptr);
      base_paths = std::move(opened).value();
      // The new tree's selection: the callers of base_of_changes() make sure the change could
      // not alter it (no Chart.yaml, no kustomization touched).
      return &base_paths_view.emplace(
          *base_paths, limits,
          [&](std::string_view path) {
            return selects_path(path) && !is_hcl_path(path) && !templates.is_template(path);
          },
          request.summaries);
    });
  }
  RunContext run{files,
                 request.ref,
                 request.commit,
                 request.repository,
                 request.pusher,
                 &tree,
                 request.files,
                 request.deleted,
                 base_tree ? &*base_tree : nullptr};
  run.base_changes = base_changes ? &*base_changes : nullptr;
  // The applied forms and values, built once for the whole-run rules that need them (any
  // worker may build them first; the others wait for that one build).
  const AppliedRunScope applied_scope(run);
  FindingList findings = run_rules(run);
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
    // HCL files are read, not parsed as YAML: the policy pass needs only their text.
    std::string hcl_text;
    std::string_view content;
    const ParsedFile* parsed = nullptr;
    if (is_hcl_path(path)) {
      if (Result<std::string> bytes = tree.read(*tree.find(path))) {
        hcl_text = std::move(bytes).value();
      }
      content = hcl_text;
    } else {
      const TreeFile* file = tree.file(path);
      content = file->content;
      parsed = file->parsed;
    }
    FindingList of_file;
    for (Finding& f : findings) {
      if (f.rule.empty() || f.path != path) continue;
      of_file.push_back(std::move(f));
      f.rule.clear();
    }
    policy.apply(PolicyInput{path, content, parsed}, of_file);
    add_source_lines(of_file, path, content);
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
  // A chart's templates count as selected here: whether a kustomization names them (and they
  // are parsed after all) is decided by check(), which reads the kustomizations once.
  (void)snapshot;
  return impl_->selects_path(entry.path);
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
  const TemplateDetector templates(snapshot, impl_->limits);
  // The bound on what one check holds: the bytes of the files it would read, from the sizes the
  // listing knows (object headers for a push), checked before any file is read.
  std::uint64_t to_read = 0;
  for (const Entry& entry : request.files) {
    const bool regular = entry.mode == EntryMode::kFile || entry.mode == EntryMode::kExecutable;
    if (!regular || !entry.size_known || entry.size > impl_->limits.max_bytes) continue;
    const bool parse =
        impl_->selects_path(entry.path) && !templates.in_helm_chart_templates(entry.path);
    if (parse || impl_->read_every_file) to_read += entry.size;  // chart templates: not counted
  }
  if (to_read > impl_->config.files.max_push_bytes) {
    Finding f = Finding::at(
        "git/push-too-large", Severity::kError, "", Position{},
        "the changed files to check hold " + std::to_string(to_read) + " bytes, over " +
            "files.max_push_bytes (" + std::to_string(impl_->config.files.max_push_bytes) +
            " bytes); nothing was read: push the change in smaller parts, or raise the limit");
    f.ref = request.ref;
    f.commit = request.commit;
    outcome.findings.push_back(std::move(f));
    return outcome;
  }
  std::vector<FileResult> results(request.files.size());
  std::atomic<std::size_t> next{0};
  // A worker never lets an exception out (that would end the process without a verdict):
  // out of memory or any other failure becomes an internal/error finding at the file, the
  // file's partial state is dropped, and the other workers stop taking files.
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (std::size_t i = next++; i < request.files.size() && !failed; i = next++) {
      std::string failure;
      try {
        impl_->check_one(snapshot, request.files[i], request.ref, templates, results[i]);
        continue;
      } catch (const std::bad_alloc&) {
        failure = "out of memory";
      } catch (const std::exception& e) {
        failure = e.what();
      } catch (...) {
        failure = "unknown exception";
      }
      failed = true;
      results[i] = FileResult{};
      results[i].findings.push_back(Finding::at(
          "internal/error", Severity::kError, request.files[i].path, Position{},
          "checking this file failed (" + failure +
              "); the push is rejected: lower files.max_push_bytes or give the hook more memory"));
    }
  };
  run_on_workers(static_cast<unsigned>(std::min<std::size_t>(impl_->threads, request.files.size())),
                 work);
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
