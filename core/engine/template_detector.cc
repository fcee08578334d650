#include "core/engine/template_detector.h"

#include "core/tree/kustomization_file.h"

namespace pushgate {
namespace {

std::string_view dirname(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view basename(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

TemplateDetector::TemplateDetector(const std::vector<Entry>& all_entries) {
  for (const Entry& e : all_entries) {
    if (basename(e.path) == "Chart.yaml") chart_dirs_.emplace(dirname(e.path));
  }
}

TemplateDetector::TemplateDetector(const Snapshot& snapshot, const ParseLimits& limits)
    : TemplateDetector(snapshot.entries()) {
  snapshot_ = &snapshot;
  limits_ = limits;
}

const std::set<std::string, std::less<>>& TemplateDetector::named_by_kustomizations() const {
  auto plan = [this] {
    if (snapshot_ == nullptr) return std::size_t{0};
    for (const Entry& entry : snapshot_->entries()) {
      if (entry.mode != EntryMode::kFile && entry.mode != EntryMode::kExecutable) continue;
      if (is_kustomization_path(entry.path)) kustomizations_.push_back(&entry);
    }
    named_per_file_.resize(kustomizations_.size());
    return kustomizations_.size();
  };
  auto read_one = [this](std::size_t i) {
    const Entry& entry = *kustomizations_[i];
    // Unreadable or oversized: it names nothing pushgate can see (and is reported as a file).
    Result<std::optional<std::string>> bytes = snapshot_->read_within(entry, limits_.max_bytes);
    if (!bytes || !bytes.value()) return;
    const ParsedFile file = parse_yaml(entry.path, *bytes.value(), limits_);
    const std::string folder(dirname(entry.path));
    for (const KustomizeReference& ref : kustomize_references(kustomization_root(file))) {
      if (std::optional<std::string> path = path_in_tree(folder, ref.path)) {
        named_per_file_[i].push_back(std::move(*path));
      }
    }
  };
  auto merge = [this] {
    for (std::vector<std::string>& paths : named_per_file_) {
      for (std::string& path : paths) named_.insert(std::move(path));
    }
    named_per_file_.clear();
  };
  named_pass_.run(plan, read_one, merge);
  return named_;
}

bool TemplateDetector::is_template(std::string_view path) const {
  return in_helm_chart_templates(path) && !named_by_kustomizations().contains(path);
}

bool TemplateDetector::in_helm_chart_templates(std::string_view path) const {
  if (chart_dirs_.empty()) return false;
  // For every "templates" segment, is its parent folder a chart?
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) return false;
    if (path.substr(start, slash - start) == "templates") {
      const std::string_view parent = start == 0 ? std::string_view{} : path.substr(0, start - 1);
      if (chart_dirs_.count(parent) != 0) return true;
    }
    start = slash + 1;
  }
}

bool TemplateDetector::has_unquoted_template(std::string_view content) {
  std::size_t line_start = 0;
  while (line_start < content.size()) {
    std::size_t end = content.find('\n', line_start);
    if (end == std::string_view::npos) end = content.size();
    const std::string_view line = content.substr(line_start, end - line_start);
    const std::size_t at = line.find("{{");
    if (at != std::string_view::npos) {
      // What precedes the braces, ignoring spaces: nothing, a list dash or a key's colon.
      std::size_t i = at;
      while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) --i;
      if (i == 0 || line[i - 1] == '-' || line[i - 1] == ':') return true;
    }
    line_start = end + 1;
  }
  return false;
}

}  // namespace pushgate
