#include "validators/k8s/image_registry_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;
using testing::run_rule;

PoliciesConfig allow(std::vector<std::string> registries) {
  PoliciesConfig policies;
  policies.rules["k8s/image-registry"].options.values["registries"] = std::move(registries);
  return policies;
}

TEST(ImageRegistryRule, Fixture) {
  expect_fixture(ImageRegistryRule(allow({"ghcr.io/acme", "docker.io/library/"})),
                 "k8s/image-registry.yaml");
}

TEST(ImageRegistryRule, WithoutRegistriesEverythingIsOutside) {
  // The loader refuses the rule without its option; the rule itself still fails closed.
  const FindingList out = run_rule(ImageRegistryRule(PoliciesConfig{}), "a.yaml",
                                   "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                                   "spec: {containers: [{name: a, image: 'nginx:1.27'}]}\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.find("none configured"), std::string::npos) << out[0].message;
}

}  // namespace
}  // namespace pushgate
