#pragma once
// Whether two nodes (of any documents) hold the same value as Kubernetes reads it: same type,
// same scalar, mappings with the same keys and equal values in any order, sequences item by
// item. Styles, tags and positions do not matter (`"2"` written quoted equals `'2'`; `1` equals
// `1.0`, as JSON numbers do).
#include "core/document/document.h"

namespace pushgate {

bool same_value(NodeRef a, NodeRef b);

}  // namespace pushgate
