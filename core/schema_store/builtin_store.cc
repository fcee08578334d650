#include "core/schema_store/builtin_store.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/schema_store/schema_store.h"

namespace pushgate {

std::string builtin_schema_store() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("PUSHGATE_BUILTIN_SCHEMAS"); env != nullptr) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const fs::path dir = exe.parent_path();
  for (const fs::path& candidate :
       {dir.parent_path() / "share" / "pushgate" / "schema-store", dir / "schema-store"}) {
    std::error_code dir_ec;
    if (fs::is_directory(candidate / "kubernetes", dir_ec)) {
      return candidate.lexically_normal().string();
    }
  }
  return "";
}

std::vector<std::string> resolve_schema_stores(const std::vector<std::string>& configured,
                                               bool hook_mode) {
  const std::string builtin = builtin_schema_store();
  std::vector<std::string> stores;
  if (configured.empty()) {
    stores.push_back(default_schema_store(hook_mode));
    if (!builtin.empty()) stores.push_back(builtin);
    return stores;
  }
  for (const std::string& store : configured) {
    if (store != kBuiltinStoreName) {
      stores.push_back(store);
    } else {
      stores.push_back(builtin.empty() ? "/nonexistent/pushgate-builtin-schema-store" : builtin);
    }
  }
  return stores;
}

}  // namespace pushgate
