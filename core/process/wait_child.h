#pragma once
// waitpid, retried when a signal interrupts it.
#include <sys/wait.h>

#include <cerrno>

namespace pushgate {

inline int wait_child(pid_t pid, int options, int& status) {
  int rc = 0;
  do {
    rc = ::waitpid(pid, &status, options);
  } while (rc < 0 && errno == EINTR);
  return rc;
}

}  // namespace pushgate
