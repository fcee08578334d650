#include "validators/gitops/helm_chart_rule.h"

#include <gtest/gtest.h>

#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::check_tree;
using testing::MemorySnapshot;
using Strings = std::vector<std::string>;

constexpr const char* kRule = "gitops/helm-chart";

TEST(HelmChartRule, AcceptsWellFormedChartsAndLocalDependencies) {
  const MemorySnapshot tree({
      {"charts/web/Chart.yaml",
       "apiVersion: v2\nname: web\nversion: 1.4.2-rc.1+b7\ndependencies:\n"
       "- {name: common, version: 1.0.0, repository: file://../common}\n"
       "- {name: pkg, version: 1.0.0, repository: file://../pkg-1.0.0.tgz}\n"
       "- {name: redis, version: 18.x, repository: https://charts.bitnami.com/bitnami}\n"},
      {"charts/common/Chart.yaml", "apiVersion: v1\nname: common\nversion: v1.0\n"},
      {"charts/pkg-1.0.0.tgz", "binary"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule), Strings{});
}

TEST(HelmChartRule, ReportsWhatHelmRefuses) {
  const MemorySnapshot tree({
      {"a/Chart.yaml", "apiVersion: v3\nname: a\nversion: latest\n"},
      {"b/Chart.yaml", "name: ''\nversion: 1.2.3.4\n"},
      {"c/Chart.yaml",
       "apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n"
       "- name: x\n  repository: file://../missing\n"
       "- name: y\n  repository: file://../../../up\n"},
  });
  EXPECT_EQ(check_tree(tree, {}, {}, kRule),
            (Strings{"a/Chart.yaml:1:13 gitops/helm-chart", "a/Chart.yaml:3:10 gitops/helm-chart",
                     "b/Chart.yaml:1:1 gitops/helm-chart", "b/Chart.yaml:1:7 gitops/helm-chart",
                     "b/Chart.yaml:2:10 gitops/helm-chart", "c/Chart.yaml:6:15 gitops/helm-chart",
                     "c/Chart.yaml:8:15 gitops/helm-chart"}));
}

TEST(HelmChartRule, APushThatDeletesADependencyIsJudgedAtTheChartThatNeedsIt) {
  const MemorySnapshot tree({
      {"web/Chart.yaml",
       "apiVersion: v2\nname: web\nversion: 1.0.0\n"
       "dependencies: [{name: lib, repository: 'file://../lib'}]\n"},
      {"bad/Chart.yaml", "apiVersion: v2\nname: bad\nversion: x\n"},  // untouched: not judged
  });
  EXPECT_EQ(check_tree(tree, {}, {"lib/Chart.yaml"}, kRule),
            Strings{"web/Chart.yaml:4:40 gitops/helm-chart"});
  EXPECT_EQ(check_tree(tree, {"README.md"}, {}, kRule), Strings{});
}

}  // namespace
}  // namespace pushgate
