#include "hooks/ref_update_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace pushgate {
namespace {

const std::string kOld = "1111111111111111111111111111111111111111";
const std::string kNew = "2222222222222222222222222222222222222222";
const std::string kZero(40, '0');

TEST(ReadRefUpdates, ReadsEveryLineToEof) {
  std::istringstream in(kOld + " " + kNew + " refs/heads/main\n" + kZero + " " + kNew +
                        " refs/tags/v1\n" + kOld + " " + kZero + " refs/heads/gone");
  Result<std::vector<RefUpdate>> updates = read_ref_updates(in);
  ASSERT_TRUE(updates) << updates.error().message;
  ASSERT_EQ(updates.value().size(), 3u);
  EXPECT_EQ(updates.value()[0], (RefUpdate{kOld, kNew, "refs/heads/main"}));
  EXPECT_EQ(updates.value()[1], (RefUpdate{kZero, kNew, "refs/tags/v1"}));
  EXPECT_EQ(updates.value()[2], (RefUpdate{kOld, kZero, "refs/heads/gone"}));
}

TEST(ReadRefUpdates, EmptyInputIsNoUpdates) {
  std::istringstream in("");
  Result<std::vector<RefUpdate>> updates = read_ref_updates(in);
  ASSERT_TRUE(updates);
  EXPECT_TRUE(updates.value().empty());
}

struct MalformedCase {
  const char* name;
  std::string input;
  std::string says;
};

class MalformedRefUpdates : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedRefUpdates, AreRefusedNamingTheLine) {
  std::istringstream in(GetParam().input);
  Result<std::vector<RefUpdate>> updates = read_ref_updates(in);
  ASSERT_FALSE(updates);
  EXPECT_EQ(updates.error().code, ErrorCode::kInvalid);
  EXPECT_NE(updates.error().message.find(GetParam().says), std::string::npos)
      << updates.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedRefUpdates,
    ::testing::Values(
        MalformedCase{"two_fields", kOld + " " + kNew + "\n", "stdin line 1: expected"},
        MalformedCase{"short_id", "1234 " + kNew + " refs/heads/main\n", "not an object id"},
        MalformedCase{"both_zero", kZero + " " + kZero + " refs/heads/main\n", "both"},
        MalformedCase{"space_in_ref", kOld + " " + kNew + " refs/heads/a b\n", "has spaces"},
        MalformedCase{"empty_line", kOld + " " + kNew + " refs/heads/main\n\n", "stdin line 2"},
        MalformedCase{"crlf", kOld + " " + kNew + " refs/heads/main\r\n", "has spaces"},
        MalformedCase{"endless_line", std::string(kMaxRefUpdateLine + 10, 'a'), "longer than"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ValidateRefUpdate, ChecksEachPart) {
  EXPECT_TRUE(validate_ref_update({kOld, kNew, "refs/heads/main"}));
  EXPECT_FALSE(validate_ref_update({kOld, "HEAD", "refs/heads/main"}));
  EXPECT_FALSE(validate_ref_update({kOld, kNew, ""}));
}

}  // namespace
}  // namespace pushgate
