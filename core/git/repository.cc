// Opening repositories (plain, discovered, inside a hook), their paths and their configuration.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/git/alternates.h"
#include "core/git/git_status.h"
#include "core/git/repository_impl.h"

namespace pushgate {
namespace {

std::string without_trailing_slash(const char* path) {
  std::string s = path != nullptr ? path : "";
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// libgit2 1.5 refuses SHA-256 repositories with "unsupported extension name
// extensions.objectformat"; read the config file ourselves to say what is really going on.
std::string object_format_of(const std::string& git_dir) {
  git::ConfigPtr config;
  git_config* raw = nullptr;
  std::string file = git_dir + "/config";
  if (!std::filesystem::exists(file) || git_config_open_ondisk(&raw, file.c_str()) != 0) return "";
  config.reset(raw);
  git_buf value = GIT_BUF_INIT;
  std::string format;
  if (git_config_get_string_buf(&value, config.get(), "extensions.objectformat") == 0) {
    format.assign(value.ptr, value.size);
  }
  git_buf_dispose(&value);
  return format;
}

Error sha256_unsupported(const std::string& where) {
  return Error{ErrorCode::kUnsupported,
               "open repository " + where +
                   ": it uses SHA-256 object ids (extensions.objectformat = sha256), which this "
                   "build of pushgate (libgit2 1.5) cannot read; use a SHA-1 repository"};
}

bool is_sha256(const std::string& git_dir) {
  std::string format = object_format_of(git_dir);
  return !format.empty() && format != "sha1";
}

// The git directories `path` may name: itself (bare or .git) or its .git.
bool any_sha256(const std::string& path) {
  return is_sha256(path) || is_sha256(path + "/.git");
}

}  // namespace

Result<Repository> Repository::open(const std::string& path) {
  auto impl = std::make_shared<Impl>();
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  if (rc != 0) {
    if (any_sha256(path)) return sha256_unsupported(path);
    return git::to_error(rc, "open repository " + path);
  }
  impl->repo.reset(raw);
  Repository repository(std::move(impl));
  if (is_sha256(repository.common_dir())) return sha256_unsupported(path);
  return repository;
}

Result<Repository> Repository::discover(const std::string& start_dir) {
  GitLibrary library;  // the search runs before any Repository (and its guard) exists
  git::Buf found;
  int rc = git_repository_discover(found.get(), start_dir.c_str(), 0, nullptr);
  if (rc != 0) return git::to_error(rc, "find a git repository at or above " + start_dir);
  return open(without_trailing_slash(found.str().c_str()));
}

Result<Repository> Repository::open_for_hook(const GitEnvironment& env) {
  const std::string git_dir = env.git_dir.empty() ? "." : env.git_dir;
  Result<Repository> opened = open(git_dir);
  if (!opened) return opened;

  std::vector<std::string> extra;
  for (const std::string* dir : {&env.object_directory, &env.quarantine_path}) {
    if (!dir->empty()) extra.push_back(*dir);
  }
  for (std::string& dir : git::split_alternates(env.alternate_object_directories)) {
    extra.push_back(std::move(dir));
  }
  if (extra.empty()) return opened;

  Impl& impl = *opened.value().impl_;
  std::lock_guard lock(impl.mutex);
  git_odb* raw_odb = nullptr;
  int rc = git_repository_odb(&raw_odb, impl.repo.get());
  if (rc != 0) return git::to_error(rc, "open the object database of " + git_dir);
  git::OdbPtr odb(raw_odb);
  std::vector<std::string> added;
  for (const std::string& dir : extra) {
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(dir, ec).lexically_normal().string();
    if (ec) absolute = dir;
    while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
    if (std::find(added.begin(), added.end(), absolute) != added.end()) continue;
    if (!std::filesystem::is_directory(absolute, ec)) {
      return Error{ErrorCode::kNotFound, "open the pushed objects: object directory " + absolute +
                                             " (from git's hook environment) does not exist"};
    }
    rc = git_odb_add_disk_alternate(odb.get(), absolute.c_str());
    if (rc != 0) return git::to_error(rc, "add object directory " + absolute);
    added.push_back(absolute);
  }
  return opened;
}

std::string Repository::git_dir() const {
  std::lock_guard lock(impl_->mutex);
  return without_trailing_slash(git_repository_path(impl_->repo.get()));
}

std::string Repository::common_dir() const {
  std::lock_guard lock(impl_->mutex);
  return without_trailing_slash(git_repository_commondir(impl_->repo.get()));
}

std::string Repository::work_dir() const {
  std::lock_guard lock(impl_->mutex);
  return without_trailing_slash(git_repository_workdir(impl_->repo.get()));
}

bool Repository::is_bare() const {
  std::lock_guard lock(impl_->mutex);
  return git_repository_is_bare(impl_->repo.get()) != 0;
}

std::string Repository::hooks_dir() const {
  Result<std::string> configured = config_string("core.hooksPath");
  if (!configured || configured.value().empty()) return common_dir() + "/hooks";
  std::filesystem::path path(configured.value());
  if (path.is_absolute()) return path.lexically_normal().string();
  // git resolves a relative core.hooksPath against the directory hooks run in: the working
  // tree's root, or the git directory of a bare repository.
  std::string base = is_bare() ? git_dir() : work_dir();
  return (std::filesystem::path(base) / path).lexically_normal().string();
}

Result<std::string> Repository::config_string(const std::string& name) const {
  std::lock_guard lock(impl_->mutex);
  git_config* raw = nullptr;
  int rc = git_repository_config_snapshot(&raw, impl_->repo.get());
  if (rc != 0) return git::to_error(rc, "read the repository configuration");
  git::ConfigPtr config(raw);
  const char* value = nullptr;
  rc = git_config_get_string(&value, config.get(), name.c_str());
  if (rc != 0) return git::to_error(rc, "read configuration " + name);
  return std::string(value);
}

Status Repository::set_config_bool(const std::string& name, bool value) const {
  std::lock_guard lock(impl_->mutex);
  git_config* raw = nullptr;
  int rc = git_repository_config(&raw, impl_->repo.get());
  if (rc != 0) return git::to_error(rc, "open the repository configuration");
  git::ConfigPtr config(raw);
  git_config* raw_local = nullptr;
  // Write to the repository's own file, never to the user's or the system's.
  rc = git_config_open_level(&raw_local, config.get(), GIT_CONFIG_LEVEL_LOCAL);
  if (rc != 0) return git::to_error(rc, "open the repository's config file");
  git::ConfigPtr local(raw_local);
  rc = git_config_set_bool(local.get(), name.c_str(), value ? 1 : 0);
  if (rc != 0) return git::to_error(rc, "set " + name);
  return Status::ok();
}

}  // namespace pushgate
