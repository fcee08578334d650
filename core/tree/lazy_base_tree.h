#pragma once
// The tree before a change (the ref's old tip, the parent commit, HEAD), opened on first use.
// Cross-file rules consult it only to tell "broken by this change" from "already broken", so
// only when something is broken; most changes break nothing, and listing the old tip of a
// 10,000-file repository and building its view is then wasted work.
//
//   LazyBaseTree base([&]() -> Result<const TreeView*> { ...open, build, return the view... });
//   if (const TreeView* before = base.get()) ...   // opened here, once
//
// Fails closed: when opening fails, get() returns null (rules then judge as without a base,
// reporting every problem) and error() says why; the engine reports it as internal/error.
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>

#include "core/base/result.h"
#include "core/tree/tree_view.h"

namespace pushgate {

class LazyBaseTree {
 public:
  // Builds the view; called at most once. The view it returns must outlive this object.
  using Opener = std::function<Result<const TreeView*>()>;
  explicit LazyBaseTree(Opener open) : open_(std::move(open)) {}
  LazyBaseTree(const LazyBaseTree&) = delete;
  LazyBaseTree& operator=(const LazyBaseTree&) = delete;

  // The tree before the change, opened on the first call; null when opening failed.
  const TreeView* get() const;
  // True once get() was called (whether opening succeeded or not).
  bool tried() const { return tried_; }
  // Why opening failed; empty when it did not fail or was never tried.
  const std::optional<Error>& error() const { return error_; }

 private:
  Opener open_;
  mutable std::once_flag once_;
  mutable std::atomic<bool> tried_{false};
  mutable const TreeView* tree_ = nullptr;
  mutable std::optional<Error> error_;
};

}  // namespace pushgate
