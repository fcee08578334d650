#pragma once
// The last line of defence of a hook: a check that throws (out of memory, a bug in a library)
// must still end in a verdict, a message and an audit line, not in std::terminate.
//
//   return guard_check([&] { return check(...); },
//                      [&](const std::string& why) { return report_failure(why); });
//
// `on_failure` runs after the stack of the failed check is unwound (its memory is free again);
// if it throws too, the exit code is 1 (reject) without a report. Knows nothing about git.
#include <exception>
#include <new>
#include <string>

namespace pushgate {

template <typename Check, typename OnFailure>
int guard_check(Check&& check, OnFailure&& on_failure) {
  std::string failure;
  try {
    return check();
  } catch (const std::bad_alloc&) {
    failure = "out of memory";
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  try {
    return on_failure(failure);
  } catch (...) {
    return 1;  // fail closed
  }
}

}  // namespace pushgate
