#include "core/base/shared_pass.h"

namespace pushgate {

void SharedPass::run(const std::function<std::size_t()>& plan,
                     const std::function<void(std::size_t)>& item,
                     const std::function<void()>& finish) {
  std::unique_lock lock(mutex_);
  if (!planned_) {
    planned_ = true;
    try {
      items_ = plan();
    } catch (...) {
      failure_ = std::current_exception();
      items_ = 0;
    }
    if (items_ == 0) item_done_locked(finish);
  }
  while (next_ < items_) {
    const std::size_t i = next_++;
    lock.unlock();
    std::exception_ptr failed;
    try {
      item(i);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    if (failed && !failure_) failure_ = failed;
    if (++done_ == items_) item_done_locked(finish);
  }
  ended_.wait(lock, [this] { return finished_; });
  if (failure_) std::rethrow_exception(failure_);
}

void SharedPass::item_done_locked(const std::function<void()>& finish) {
  // Under mutex_: the waiters see finished_ only once the merged result is complete.
  if (!failure_) {
    try {
      finish();
    } catch (...) {
      failure_ = std::current_exception();
    }
  }
  finished_ = true;
  ended_.notify_all();
}

}  // namespace pushgate
