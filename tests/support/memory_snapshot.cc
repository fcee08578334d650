#include "tests/support/memory_snapshot.h"

#include "core/engine/engine.h"

#include <cstdint>
#include <cstdio>

namespace pushgate::testing {

MemorySnapshot::MemorySnapshot(const std::map<std::string, std::string>& files) : source_(files) {
  for (const auto& [path, content] : files) {
    Entry entry;
    entry.path = path;
    std::string bytes = content;
    if (content.rfind("symlink:", 0) == 0) {
      entry.mode = EntryMode::kSymlink;
      bytes = content.substr(8);
    } else if (content.rfind("submodule:", 0) == 0) {
      entry.mode = EntryMode::kSubmodule;
      bytes.clear();
    }
    entry.size = bytes.size();
    entry.size_known = true;
    // A stand-in blob id: equal contents share it, as in git (FNV-1a, not SHA-1: tests only).
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : content) h = (h ^ c) * 1099511628211ULL;
    char id[41];
    std::snprintf(id, sizeof id, "%016llx%024d", static_cast<unsigned long long>(h), 0);
    entry.id = id;
    entries_.push_back(entry);
    files_.emplace(path, std::move(bytes));
  }
}

Result<std::string> MemorySnapshot::read(const Entry& entry) const {
  auto it = files_.find(entry.path);
  if (it == files_.end()) return Error{ErrorCode::kNotFound, "no file " + entry.path};
  return it->second;
}

std::unique_ptr<MemorySnapshot> MemorySnapshot::only(std::span<const std::string> paths) const {
  std::map<std::string, std::string> kept;
  for (const std::string& path : paths) {
    if (auto it = source_.find(path); it != source_.end()) kept.insert(*it);
  }
  return std::make_unique<MemorySnapshot>(kept);
}

FindingList check_tree_findings(const MemorySnapshot& tree, const std::vector<std::string>& changed,
                                const std::vector<std::string>& deleted,
                                const std::string& rule_prefix, const Config& config) {
  const Engine engine(config, 1);
  CheckRequest request;
  request.snapshot = &tree;
  request.ref = "refs/heads/main";
  if (changed.empty() && deleted.empty()) {
    request.files = tree.entries();
  } else {
    for (const Entry& e : tree.entries()) {
      for (const std::string& path : changed) {
        if (e.path == path) request.files.push_back(e);
      }
    }
  }
  request.deleted = deleted;
  FindingList out;
  for (Finding& f : engine.check(request).findings) {
    if (f.rule.rfind(rule_prefix, 0) == 0) out.push_back(std::move(f));
  }
  return out;
}

FindingList check_change_findings(const MemorySnapshot& base, const MemorySnapshot& tree,
                                  const std::string& rule_prefix, const Config& config,
                                  SummaryCache* summaries) {
  const Engine engine(config, 1);
  CheckRequest request;
  request.snapshot = &tree;
  request.base = [&base]() -> Result<const Snapshot*> { return &base; };
  request.base_at =
      [&base](std::span<const std::string> paths) -> Result<std::unique_ptr<Snapshot>> {
    return std::unique_ptr<Snapshot>(base.only(paths));
  };
  request.summaries = summaries;
  request.ref = "refs/heads/main";
  std::map<std::string, const Entry*> before;
  for (const Entry& e : base.entries()) before[e.path] = &e;
  std::map<std::string, const Entry*> after;
  for (const Entry& e : tree.entries()) {
    after[e.path] = &e;
    auto it = before.find(e.path);
    if (it == before.end() || it->second->id != e.id || it->second->mode != e.mode) {
      request.files.push_back(e);
    }
  }
  for (const Entry& e : base.entries()) {
    if (!after.contains(e.path)) request.deleted.push_back(e.path);
  }
  FindingList out;
  for (Finding& f : engine.check(request).findings) {
    if (f.rule.rfind(rule_prefix, 0) == 0) out.push_back(std::move(f));
  }
  return out;
}

std::vector<std::string> describe_findings(const FindingList& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    out.push_back(f.path + ":" + std::to_string(f.position.line) + ":" +
                  std::to_string(f.position.column) + " " + f.rule);
  }
  return out;
}

std::vector<std::string> check_change(const MemorySnapshot& base, const MemorySnapshot& tree,
                                      const std::string& rule_prefix, const Config& config,
                                      SummaryCache* summaries) {
  return describe_findings(check_change_findings(base, tree, rule_prefix, config, summaries));
}

std::vector<std::string> check_tree(const MemorySnapshot& tree,
                                    const std::vector<std::string>& changed,
                                    const std::vector<std::string>& deleted,
                                    const std::string& rule_prefix, const Config& config) {
  std::vector<std::string> out;
  for (const Finding& f : check_tree_findings(tree, changed, deleted, rule_prefix, config)) {
    out.push_back(f.path + ":" + std::to_string(f.position.line) + ":" +
                  std::to_string(f.position.column) + " " + f.rule);
  }
  return out;
}

}  // namespace pushgate::testing
