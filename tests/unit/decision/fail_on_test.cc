#include "core/decision/fail_on.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

FindingList one_of_each() {
  return {Finding::at("yaml/syntax", Severity::kError, "a.yaml", {1, 1}, "e"),
          Finding::at("k8s/x", Severity::kWarning, "a.yaml", {2, 1}, "w"),
          Finding::at("yaml/template-skipped", Severity::kInfo, "b.yaml", {}, "i")};
}

TEST(FailOnTest, ThresholdDecides) {
  const FindingList warning_only = {one_of_each()[1]};
  const FindingList info_only = {one_of_each()[2]};
  EXPECT_EQ(decision_at(warning_only, Severity::kError), Decision::kAccept);
  EXPECT_EQ(decision_at(warning_only, Severity::kWarning), Decision::kReject);
  EXPECT_EQ(decision_at(info_only, Severity::kWarning), Decision::kAccept);
  EXPECT_EQ(decision_at(info_only, Severity::kInfo), Decision::kReject);
  EXPECT_EQ(decision_at({}, Severity::kInfo), Decision::kAccept);
  EXPECT_EQ(decision_at(one_of_each(), Severity::kError), Decision::kReject);
}

TEST(FailOnTest, MinSeverityHidesLowerFindings) {
  FindingList list = one_of_each();
  drop_below(list, Severity::kInfo);
  EXPECT_EQ(list.size(), 3u);
  drop_below(list, Severity::kWarning);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].severity, Severity::kWarning);
  drop_below(list, Severity::kError);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].rule, "yaml/syntax");
}

}  // namespace
}  // namespace pushgate
