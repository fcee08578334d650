#include "validators/gitops/helm_chart_version_unpinned_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(HelmChartVersionUnpinnedRule, Fixture) {
  expect_fixture(HelmChartVersionUnpinnedRule(), "gitops/helm-chart-version-unpinned.yaml");
}

}  // namespace
}  // namespace pushgate
