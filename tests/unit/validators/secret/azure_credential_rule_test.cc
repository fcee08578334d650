#include "validators/secret/azure_credential_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(AzureCredentialRule, Fixture) { expect_fixture(AzureCredentialRule(), "secret/azure-credential.yaml"); }

}  // namespace
}  // namespace pushgate
