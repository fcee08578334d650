#pragma once
// files.max_blob_size: no new blob larger than N bytes (sizes from the object headers, so a
// huge blob is refused without being loaded).
#include "validators/git/git_rule.h"

namespace pushgate {

class BlobSizeRule final : public GitRule {
 public:
  std::string_view rule() const override { return "git/blob-size"; }
  void check_ref(const RefContext& context, FindingList& out) const override;
};

}  // namespace pushgate
