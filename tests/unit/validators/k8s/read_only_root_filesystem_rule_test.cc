#include "validators/k8s/read_only_root_filesystem_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(ReadOnlyRootFilesystemRule, Fixture) {
  expect_fixture(ReadOnlyRootFilesystemRule(), "k8s/read-only-root-filesystem.yaml");
}

}  // namespace
}  // namespace pushgate
