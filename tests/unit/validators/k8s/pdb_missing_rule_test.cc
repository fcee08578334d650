#include "validators/k8s/pdb_missing_rule.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/rule_fixture.h"

namespace pushgate {
namespace {

using testing::expect_fixture;

TEST(PdbMissingRule, Fixture) { expect_fixture(PdbMissingRule(), "k8s/pdb-missing.yaml"); }

// The budget usually sits in its own file: the rule looks across every file of the run.
TEST(PdbMissingRule, BudgetsInOtherFilesCount) {
  const std::string deployment =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
      "spec: {replicas: 2, template: {metadata: {labels: {app: web}}}}\n";
  const std::string budget =
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
      "spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}\n";
  const ParsedFile a = parse_yaml("deploy.yaml", deployment, ParseLimits{});
  const ParsedFile b = parse_yaml("pdb.yaml", budget, ParseLimits{});
  const std::vector<FileContext> both = {FileContext{a, deployment}, FileContext{b, budget}};
  FindingList out;
  PdbMissingRule().check_run(RunContext{both, "", "", "", ""}, out);
  EXPECT_TRUE(out.empty());
  out.clear();
  PdbMissingRule().check_run(RunContext{std::span(both).first(1), "", "", "", ""}, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "deploy.yaml");
  EXPECT_EQ(out[0].position, (Position{4, 18}));  // the 2 of `replicas: 2`
}

}  // namespace
}  // namespace pushgate
