#include "core/git/library.h"

#include <git2.h>

namespace pushgate {

GitLibrary::GitLibrary() {
  git_libgit2_init();
}
GitLibrary::~GitLibrary() {
  git_libgit2_shutdown();
}

}  // namespace pushgate
