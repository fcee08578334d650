#include "core/signature/program_runner.h"

#include <gtest/gtest.h>

#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;

constexpr std::chrono::seconds kPatient{30};  // a bound on a hang, not a timing assertion

TEST(ProgramRunnerTest, StdinComesFromTheFileAndOutputIsCaptured) {
  TempDir dir;
  testing::write_file(dir / "payload", "signed bytes\n");
  Result<ProgramRun> run = run_program({"/bin/cat"}, dir / "payload", kPatient);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run.value().exit_code, 0);
  EXPECT_FALSE(run.value().timed_out);
  EXPECT_EQ(run.value().output, "signed bytes\n");
}

TEST(ProgramRunnerTest, ExitCodeAndStderrAreKept) {
  Result<ProgramRun> run = run_program({"/bin/sh", "-c", "echo oops >&2; exit 3"}, "", kPatient);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run.value().exit_code, 3);
  EXPECT_EQ(run.value().output, "oops\n");
}

// The child never sees the hook's environment (credentials behind smart HTTP, the pusher's
// choices over ssh): only a fixed PATH and locale.
TEST(ProgramRunnerTest, TheEnvironmentIsMinimal) {
  Result<ProgramRun> run = run_program({"/usr/bin/env"}, "", kPatient);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run.value().output, "PATH=/usr/bin:/bin\nLC_ALL=C\n");
}

TEST(ProgramRunnerTest, OnlyAbsolutePathsAndExistingPrograms) {
  EXPECT_FALSE(run_program({"cat"}, "", kPatient));
  Result<ProgramRun> missing = run_program({"/nonexistent/program"}, "", kPatient);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/nonexistent/program"), std::string::npos);
}

}  // namespace
}  // namespace pushgate
