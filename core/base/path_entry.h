#pragma once
// Whether a path names a directory entry, judged on the entry itself: a symbolic link is an
// entry even when its target is gone. Lookups that walk a list of candidate files ("the first
// one that exists wins") use this so that a dangling link stops the walk instead of falling
// through to the next candidate (or to built-in defaults) and silently swapping the policy.
//
//   PathEntry e = probe_path_entry("/srv/git/app.git/pushgate.yaml");
//   if (e.claims_path()) load(...);          // present, dangling, or not even checkable
//   if (e.dangling_link) report(e.link_target);
//
// Knows nothing about what the file holds or who reads it.
#include <string>
#include <system_error>

namespace pushgate {

struct PathEntry {
  bool present = false;        // an entry of any type (file, directory, link) is there
  bool dangling_link = false;  // a symbolic link whose target is missing (a loop is not)
  std::string link_target;     // what the link points to, as written in it (when a link)
  std::error_code error;       // a failure other than "no such file" while checking

  // The path must be treated as "the file": loading it decides, never the next candidate.
  bool claims_path() const { return present || static_cast<bool>(error); }
};

PathEntry probe_path_entry(const std::string& path);

}  // namespace pushgate
