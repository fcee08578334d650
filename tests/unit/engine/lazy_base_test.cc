// The tree before a change is opened only when a cross-file rule needs it (a broken reference in
// a file the change did not touch), once per run, and a base that cannot be opened fails closed.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/engine/engine.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::MemorySnapshot;
using Files = std::map<std::string, std::string>;

std::string git_repository(const std::string& name) {
  return "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: " +
         name + "\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.com/x\n";
}

std::string flux_kustomization(const std::string& name, const std::string& source,
                               const std::string& depends_on = "") {
  return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " +
         name + "\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./\n  prune: true\n" +
         "  sourceRef:\n    kind: GitRepository\n    name: " + source + "\n" +
         (depends_on.empty() ? "" : "  dependsOn:\n    - name: " + depends_on + "\n");
}

std::string config_map(const std::string& value) {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: \"" + value +
         "\"\n";
}

// A clean tree; `broken` adds what is broken already: a sourceRef to no source, a dependsOn
// cycle, an Argo CD Application whose AppProject is not defined.
Files tree_files(const std::string& value, bool broken) {
  Files files{{"flux/git.yaml", git_repository("fleet")},
              {"flux/apps.yaml", flux_kustomization("apps", "fleet")},
              {"apps/settings.yaml", config_map(value)}};
  if (broken) {
    files["flux/typo.yaml"] = flux_kustomization("typo", "flet");
    files["flux/a.yaml"] = flux_kustomization("a", "fleet", "b");
    files["flux/b.yaml"] = flux_kustomization("b", "fleet", "a");
    files["argo/app.yaml"] =
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n"
        "  namespace: argocd\nspec:\n  project: nowhere\n  destination:\n"
        "    server: https://kubernetes.default.svc\n    namespace: web\n";
  }
  return files;
}

struct BaseRun {
  FindingList findings;
  int opened = 0;  // how often the engine called the base opener
};

// Checks a change to `after` that edited apps/settings.yaml only, with `open` as the opener of
// the tree before it; counts its calls.
BaseRun check_change(const MemorySnapshot& after,
                     const std::function<Result<const Snapshot*>()>& open) {
  BaseRun run;
  const Engine engine(Config{}, 1);
  EXPECT_TRUE(engine.wants_base());
  CheckRequest request;
  request.snapshot = &after;
  request.ref = "refs/heads/main";
  for (const Entry& e : after.entries()) {
    if (e.path == "apps/settings.yaml") request.files.push_back(e);
  }
  request.base = [&]() {
    ++run.opened;
    return open();
  };
  run.findings = engine.check(request).findings;
  return run;
}

std::vector<std::string> rules_of(const FindingList& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    if (f.severity == Severity::kError) out.push_back(f.rule);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The same change, with a readable base: the tree before it (`broken` as after it).
BaseRun check_with_base(bool broken) {
  const MemorySnapshot before(tree_files("1", broken));
  return check_change(MemorySnapshot(tree_files("2", broken)),
                      [&]() -> Result<const Snapshot*> { return &before; });
}

TEST(LazyBase, NotOpenedWhenTheChangeBreaksNothing) {
  const BaseRun run = check_with_base(false);
  EXPECT_EQ(run.opened, 0);
  EXPECT_EQ(rules_of(run.findings), std::vector<std::string>{});
}

TEST(LazyBase, OpenedOnceWhenUnchangedFilesAreBroken) {
  const BaseRun run = check_with_base(true);
  // Three rules consulted it (flux-source-ref, flux-depends-on, argo-project): one opening.
  EXPECT_EQ(run.opened, 1);
  // All of it was broken before this change: nothing to report (with no base to compare with,
  // FailingOpenerFailsClosed below reports all three: the base was really read).
  EXPECT_EQ(rules_of(run.findings), std::vector<std::string>{});
}

TEST(LazyBase, FailingOpenerFailsClosed) {
  const MemorySnapshot after(tree_files("2", true));
  const BaseRun run = check_change(after, []() -> Result<const Snapshot*> {
    return Error{ErrorCode::kIo, "read commit 1a2b3c4: object not found"};
  });
  EXPECT_EQ(run.opened, 1);  // tried once, not once per rule
  // Every broken reference is reported (as without a base), and the run says why it could not
  // tell old breakage from new: an internal/error, which rejects.
  EXPECT_EQ(rules_of(run.findings),
            (std::vector<std::string>{"gitops/argo-project", "gitops/flux-depends-on",
                                      "gitops/flux-source-ref", "internal/error"}));
  const auto internal = std::find_if(run.findings.begin(), run.findings.end(),
                                     [](const Finding& f) { return f.rule == "internal/error"; });
  ASSERT_NE(internal, run.findings.end());
  EXPECT_NE(internal->message.find("read commit 1a2b3c4: object not found"), std::string::npos)
      << internal->message;
}

TEST(LazyBase, NullSnapshotFailsClosed) {
  const MemorySnapshot after(tree_files("2", true));
  const BaseRun run = check_change(after, []() -> Result<const Snapshot*> { return nullptr; });
  EXPECT_EQ(rules_of(run.findings).back(), "internal/error");
}

TEST(LazyBase, FailingOpenerNeverCalledWhenNothingIsBroken) {
  const MemorySnapshot after(tree_files("2", false));
  const BaseRun run = check_change(after, []() -> Result<const Snapshot*> {
    return Error{ErrorCode::kIo, "unreadable"};
  });
  EXPECT_EQ(run.opened, 0);
  EXPECT_EQ(rules_of(run.findings), std::vector<std::string>{});
}

}  // namespace
}  // namespace pushgate
