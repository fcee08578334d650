#include "core/tree/lazy_base_tree.h"

namespace pushgate {

const TreeView* LazyBaseTree::get() const {
  std::call_once(once_, [this] {
    tried_ = true;
    Result<const TreeView*> opened = open_();
    if (!opened) {
      error_ = opened.error();
    } else if (opened.value() == nullptr) {
      error_ = Error{ErrorCode::kInternal, "the tree before the change opened as nothing"};
    } else {
      tree_ = opened.value();
    }
  });
  return tree_;
}

}  // namespace pushgate
