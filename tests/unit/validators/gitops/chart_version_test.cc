#include "validators/gitops/chart_version.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

TEST(ChartVersion, ExactVersionsAndRanges) {
  for (const char* exact : {"1.4.2", "v2.0.0-rc.1", "0.1.0+build.7", "10", "1.2"}) {
    EXPECT_TRUE(is_exact_version(exact)) << exact;
  }
  for (const char* range : {"", "*", ">=6.0.0", "~1.4", "^2", "1.x", "1.2.X", "1.2.*", "1.0 - 2.0",
                            "1.2 || 1.3", "latest", "<2", "=1.2.3"}) {
    EXPECT_FALSE(is_exact_version(range)) << range;
  }
}

}  // namespace
}  // namespace pushgate
