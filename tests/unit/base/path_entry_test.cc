#include "core/base/path_entry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(PathEntry, NothingThereClaimsNothing) {
  TempDir dir;
  const PathEntry e = probe_path_entry(dir / "absent.yaml");
  EXPECT_FALSE(e.present);
  EXPECT_FALSE(e.claims_path());
  // A parent that is a file ("not a directory") is absent too, not an error.
  write_file(dir / "file", "x");
  EXPECT_FALSE(probe_path_entry(dir / "file/child.yaml").claims_path());
}

TEST(PathEntry, AFileOrALiveLinkIsPresent) {
  TempDir dir;
  write_file(dir / "real.yaml", "version: 1\n");
  EXPECT_TRUE(probe_path_entry(dir / "real.yaml").claims_path());
  ASSERT_EQ(::symlink((dir / "real.yaml").c_str(), (dir / "link.yaml").c_str()), 0);
  const PathEntry e = probe_path_entry(dir / "link.yaml");
  EXPECT_TRUE(e.claims_path());
  EXPECT_FALSE(e.dangling_link);
  EXPECT_EQ(e.link_target, dir / "real.yaml");
}

TEST(PathEntry, ADanglingLinkIsPresentAndSaysWhereItPoints) {
  TempDir dir;
  ASSERT_EQ(::symlink("moved/away.yaml", (dir / "link.yaml").c_str()), 0);
  const PathEntry e = probe_path_entry(dir / "link.yaml");
  EXPECT_TRUE(e.present);
  EXPECT_TRUE(e.claims_path());
  EXPECT_TRUE(e.dangling_link);
  EXPECT_EQ(e.link_target, "moved/away.yaml");
}

TEST(PathEntry, ALinkLoopIsPresentButNotDangling) {
  TempDir dir;
  ASSERT_EQ(::symlink((dir / "b").c_str(), (dir / "a").c_str()), 0);
  ASSERT_EQ(::symlink((dir / "a").c_str(), (dir / "b").c_str()), 0);
  const PathEntry e = probe_path_entry(dir / "a");
  EXPECT_TRUE(e.claims_path());
  EXPECT_FALSE(e.dangling_link);
}

}  // namespace
}  // namespace pushgate
