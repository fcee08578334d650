// Fuzz target: the HCL native-syntax reader (core/hcl/hcl.h) on arbitrary bytes. It must never
// crash, hang or exhaust the stack; every input is either read or rejected with exactly one
// finding. Built by fuzz/CMakeLists.txt (every fuzz/*_fuzz.cc) with -fsanitize=fuzzer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/hcl/hcl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const pushgate::HclFile file = pushgate::parse_hcl("fuzz.hcl", bytes, pushgate::HclLimits{});
  // A rejected input says why, once; an accepted one says nothing.
  if (file.complete != file.findings.empty() || file.findings.size() > 1) std::abort();
  for (const pushgate::HclExpr& e : file.exprs) {
    for (pushgate::HclExprId child : e.children) {
      if (child >= file.exprs.size()) std::abort();
    }
  }
  return 0;
}
