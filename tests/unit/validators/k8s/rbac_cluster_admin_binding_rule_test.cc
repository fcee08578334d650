#include "validators/k8s/rbac_cluster_admin_binding_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(RbacClusterAdminBindingRule, Fixture) {
  expect_fixture(RbacClusterAdminBindingRule(), "k8s/rbac-cluster-admin-binding.yaml");
}

}  // namespace
}  // namespace pushgate
