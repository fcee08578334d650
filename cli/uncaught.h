#pragma once
// What main() does with an exception no command caught (out of memory, a library's bug): one
// `pushgate: internal error: ...` line on stderr and exit code 1, which rejects in a hook.
#include <exception>

namespace pushgate::cli {

int report_uncaught(std::exception_ptr error) noexcept;

}  // namespace pushgate::cli
