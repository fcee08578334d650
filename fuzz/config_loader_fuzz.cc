// The config loader on arbitrary pushgate.yaml text (core/config): every input is a valid Config
// or config/... findings, never a crash, a sanitizer report or a hang. The loader only reads files
// a config names (schemas, tokens, CODEOWNERS); fuzz/run.sh runs targets in a scratch folder.
#include <cstddef>
#include <cstdint>

#include "core/config/config.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pushgate::load_config_text("pushgate.yaml", pushgate::fuzz::as_text(data, size));
  return 0;
}
