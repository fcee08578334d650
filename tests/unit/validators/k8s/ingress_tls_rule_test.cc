#include "validators/k8s/ingress_tls_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(IngressTlsRule, Fixture) {
  expect_fixture(IngressTlsRule(), "k8s/ingress-tls.yaml");
}

}  // namespace
}  // namespace pushgate
