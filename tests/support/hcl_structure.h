#pragma once
// The structure pushgate's HCL reader read, printed in the line format of the test-only oracle
// tests/hcl_oracle/main.go (HashiCorp's reader), so the two can be compared line by line:
//   B <depth> <line>:<col> <type> ["label" ...] / A <depth> <line>:<col> <name> /
//   D <line>:<col> (a duplicate attribute) / E <line>:<col> (a syntax error; structure omitted).
// The error line carries no message: the two readers word errors differently.
#include <string>

#include "core/hcl/hcl.h"

namespace pushgate::testing {

std::string hcl_structure(const HclFile& file);

}  // namespace pushgate::testing
