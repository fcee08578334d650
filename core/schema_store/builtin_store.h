#pragma once
// The built-in schema store: Kubernetes 1.35 and the Flux v2.9 / Argo CD v3.5 CRDs, imported at
// build time by `pushgate schemas import` from the documents in data/kubernetes/
// (cmake/BuiltinSchemas.cmake) and shipped in the package. It makes `kubernetes: {version:
// "1.35"}` work with no import step and no network.
//
// Where it is found, first hit wins:
//   1. $PUSHGATE_BUILTIN_SCHEMAS, if set (set but empty: no built-in store);
//   2. <directory of the running binary>/../share/pushgate/schema-store (installed:
//      /usr/bin/pushgate -> /usr/share/pushgate/schema-store; relocatable with the prefix);
//   3. <directory of the running binary>/schema-store (the build tree: build/pushgate beside
//      build/schema-store).
// The running binary is /proc/self/exe, so a symlink to pushgate still finds its store.
//
// Precedence with configured stores is the validator's business
// (validators/schema/kubernetes_schema_validator.cc): without `kubernetes.schemas`, the default
// store comes first and the built-in store after it; with `kubernetes.schemas`, only what is
// listed, where the word `builtin` stands for this store.
#include <string>
#include <string_view>
#include <vector>

namespace pushgate {

// The built-in store folder, or "" when there is none.
std::string builtin_schema_store();

// The stores a run reads, in order: `configured` (kubernetes.schemas) with `builtin` replaced by
// the built-in store; when nothing is configured, default_schema_store(hook_mode) and then the
// built-in store. A `builtin` that cannot be found stays in the list as a folder that does not
// exist, so the run fails closed with schema/store naming it.
std::vector<std::string> resolve_schema_stores(const std::vector<std::string>& configured,
                                               bool hook_mode);

// The word that names the built-in store in `kubernetes.schemas` and `--store`.
inline constexpr std::string_view kBuiltinStoreName = "builtin";

}  // namespace pushgate
