#include "core/git/library.h"

#include <git2.h>

namespace pushgate {

GitLibrary::GitLibrary() {
  // Debian's libgit2 1.5 (built with mbedTLS) parses the system CA bundle here, ≈ 55 M
  // instructions a hook never needs: the path is compiled in (GIT_DEFAULT_CERT_LOCATION), read
  // unconditionally by git_mbedtls_stream_global_init, and no option or environment variable
  // turns it off or defers it (docs/benchmarks.md, "Session 4 of issue 15").
  git_libgit2_init();
}
GitLibrary::~GitLibrary() {
  git_libgit2_shutdown();
}

}  // namespace pushgate
