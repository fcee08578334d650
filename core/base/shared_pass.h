#pragma once
// A pass over independent items, done once, by every thread that needs its result: instead of
// one thread doing it while the others wait (std::call_once), each thread that asks takes items
// from a shared counter until none are left, then waits only for the items still in progress.
// The last item to end runs `finish` (gathering the per-item results in item order, so the
// outcome does not depend on which thread did what); every caller returns after it.
//
//   SharedPass pass_;   // a member beside per-item slots
//   pass_.run([&] { slots_.resize(n); return n; },        // first caller only
//             [&](std::size_t i) { slots_[i] = work(i); }, // any caller, each i once
//             [&] { merge(slots_); });                     // once, after every item
//
// An exception thrown by an item is kept and rethrown to every caller (now and later), after
// the pass ended: a failed pass never looks done, and no caller waits forever. Knows nothing
// about what the items are.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>

namespace pushgate {

class SharedPass {
 public:
  SharedPass() = default;
  SharedPass(const SharedPass&) = delete;
  SharedPass& operator=(const SharedPass&) = delete;

  // `plan` (run by the first caller only, before any item) says how many items there are.
  void run(const std::function<std::size_t()>& plan, const std::function<void(std::size_t)>& item,
           const std::function<void()>& finish);

 private:
  // After the last item (under mutex_): runs `finish` unless an item failed, wakes the waiters.
  void item_done_locked(const std::function<void()>& finish);

  std::mutex mutex_;
  std::condition_variable ended_;
  bool planned_ = false;
  bool finished_ = false;
  std::size_t items_ = 0;
  std::size_t next_ = 0;  // the next item to take (under mutex_: items are whole files)
  std::size_t done_ = 0;
  std::exception_ptr failure_;
};

}  // namespace pushgate
