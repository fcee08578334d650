// Kustomization parsing (core/tree/kustomization_file): arbitrary kustomization.yaml text
// through the YAML reader, then the kustomization's root and every reference it names, each
// classified as remote or glob. Never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>

#include "core/document/document.h"
#include "core/tree/kustomization_file.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pushgate::ParseLimits limits;
  limits.max_depth = 64;
  limits.max_expanded_nodes = 10'000;
  const pushgate::ParsedFile file =
      pushgate::parse_yaml("base/kustomization.yaml", pushgate::fuzz::as_text(data, size), limits);
  const pushgate::NodeRef root = pushgate::kustomization_root(file);
  if (!root) return 0;
  for (const pushgate::KustomizeReference& ref : pushgate::kustomize_references(root)) {
    pushgate::is_remote_reference(ref.path);
    pushgate::is_glob_reference(ref.path);
  }
  return 0;
}
