#pragma once
// The files a rule that checks "this object points at a folder that exists" must judge in a run:
// every file the run parsed, and — only when the push deleted something, since folders disappear
// only through deletions — every other selected file of the tree (parsed once, by the tree view).
#include <functional>

#include "validators/validator.h"

namespace pushgate {

void for_each_path_target_file(const RunContext& run,
                               const std::function<void(const FileContext&)>& visit);

}  // namespace pushgate
