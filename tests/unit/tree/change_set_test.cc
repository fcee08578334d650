#include "core/tree/change_set.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

Entry file(std::string path) {
  Entry entry;
  entry.path = std::move(path);
  return entry;
}

TEST(ChangeSet, AffectsAPathThroughItsFolders) {
  const std::vector<Entry> changed = {file("apps/web/deploy.yaml"), file("base")};
  const std::vector<std::string> deleted = {"charts/old/values.yaml"};
  const ChangeSet changes(changed, deleted);
  EXPECT_TRUE(changes.affects("apps/web/deploy.yaml"));     // itself
  EXPECT_TRUE(changes.affects("apps/web"));                 // something under it
  EXPECT_TRUE(changes.affects("charts/old"));               // something deleted under it
  EXPECT_TRUE(changes.affects("base/kustomization.yaml"));  // its folder became a file
  EXPECT_FALSE(changes.touches("base/kustomization.yaml"));
  EXPECT_FALSE(changes.affects("apps/api"));
  EXPECT_FALSE(changes.affects("apps/web-2/deploy.yaml"));
  EXPECT_FALSE(changes.affects("baseline/a.yaml"));  // "base" is not a folder of it
}

}  // namespace
}  // namespace pushgate
