#include "cli/uncaught.h"

#include <cstdio>
#include <new>

namespace pushgate::cli {

int report_uncaught(std::exception_ptr error) noexcept {
  // No allocation here: after std::bad_alloc there may be no memory for a string.
  const char* what = "unknown exception";
  try {
    std::rethrow_exception(error);
  } catch (const std::bad_alloc&) {
    what = "out of memory";
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  std::fprintf(stderr,
               "pushgate: internal error: %s; nothing was accepted (exit 1): give pushgate more "
               "memory or report the bug\n",
               what);
  return 1;
}

}  // namespace pushgate::cli
