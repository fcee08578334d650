#include "validators/secret/gcp_api_key_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(GcpApiKeyRule, Fixture) { expect_fixture(GcpApiKeyRule(), "secret/gcp-api-key.yaml"); }

}  // namespace
}  // namespace pushgate
