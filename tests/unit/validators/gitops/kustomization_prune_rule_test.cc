#include "validators/gitops/kustomization_prune_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(KustomizationPruneRule, Fixture) {
  expect_fixture(KustomizationPruneRule(), "gitops/kustomization-prune.yaml");
}

}  // namespace
}  // namespace pushgate
