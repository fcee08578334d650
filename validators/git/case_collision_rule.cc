#include "validators/git/case_collision_rule.h"

#include <map>
#include <set>

namespace pushgate {
namespace {

std::string fold(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string join(const std::string& directory, std::string_view name) {
  return directory.empty() ? std::string(name) : directory + "/" + std::string(name);
}

// Directory -> the names the commit's new entries have in it (each folder on their paths too,
// since a new folder "Docs" can collide with an existing "docs").
std::map<std::string, std::set<std::string>> names_by_directory(const std::vector<Entry>& entries) {
  std::map<std::string, std::set<std::string>> out;
  for (const Entry& entry : entries) {
    std::size_t start = 0;
    while (true) {
      const std::size_t slash = entry.path.find('/', start);
      const std::string directory = start == 0 ? "" : entry.path.substr(0, start - 1);
      out[directory].insert(entry.path.substr(start, slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  return out;
}

}  // namespace

void CaseCollisionRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.files.deny_case_collisions) return;
  std::set<std::string> reported;  // folded full paths, once per ref
  for (const CommitEntries& commit : context.new_entries) {
    for (const auto& [directory, new_names] : names_by_directory(commit.entries)) {
      Result<std::vector<std::string>> names =
          context.repository.list_directory(commit.commit, directory);
      if (!names) {
        out.push_back(
            file_finding(rule(), context, commit.commit, directory,
                         "cannot list directory \"" + directory + "\": " + names.error().message));
        continue;
      }
      std::map<std::string, std::vector<std::string>> by_folded;
      for (const std::string& name : names.value()) by_folded[fold(name)].push_back(name);
      for (const std::string& name : new_names) {
        const std::vector<std::string>& same = by_folded[fold(name)];
        if (same.size() < 2 || !reported.insert(fold(join(directory, name))).second) continue;
        std::string others;
        for (const std::string& other : same) {
          if (other == name) continue;
          others += (others.empty() ? "\"" : ", \"") + join(directory, other) + "\"";
        }
        out.push_back(file_finding(
            rule(), context, commit.commit, join(directory, name),
            "commit " + short_id(commit.commit) +
                " has paths that differ "
                "only in case (this one and " +
                others + "), one file on macOS and Windows; rename one with `git mv`"));
      }
    }
  }
}

}  // namespace pushgate
