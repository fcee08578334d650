#include "core/schema/ecma_pattern.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

namespace pushgate {
namespace {

struct Translation {
  const char* ecma;
  const char* re2;
};

class EcmaTranslation : public testing::TestWithParam<Translation> {};

TEST_P(EcmaTranslation, BecomesRe2Syntax) {
  Result<std::string> out = ecma_regex_to_re2(GetParam().ecma);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out.value(), GetParam().re2);
  RE2 compiled(out.value());
  EXPECT_TRUE(compiled.ok()) << compiled.error();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EcmaTranslation,
    testing::Values(Translation{"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                                "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
                    Translation{"a.b", "a[^\\n\\r\\x{2028}\\x{2029}]b"},
                    Translation{"\\u00e9", "\\x{E9}"}, Translation{"\\uD83D\\uDE00", "\\x{1F600}"},
                    Translation{"\\u{1F600}", "\\x{1F600}"}, Translation{"\\cJ", "\\x{A}"},
                    Translation{"\\x41", "\\x{41}"}, Translation{"\\0", "\\x00"},
                    Translation{"\\/path\\.", "\\/path\\."}, Translation{"\\a", "a"},
                    Translation{"(?<year>\\d{4})", "(?P<year>\\d{4})"},
                    Translation{"[^]", "[\\x00-\\x{10FFFF}]"},
                    Translation{"[]", "[^\\x00-\\x{10FFFF}]"}, Translation{"[[:a]", "[\\[:a]"},
                    Translation{"[\\b]", "[\\x08]"}, Translation{"\\v", "\\x{0B}"}));

TEST(EcmaPattern, SpaceClassIsEcmas) {
  Result<std::string> out = ecma_regex_to_re2("^\\s+$");
  ASSERT_TRUE(out);
  RE2 re(out.value());
  EXPECT_TRUE(RE2::FullMatch("\xC2\xA0\t\xE2\x80\xA8", re));  // NBSP, tab, LINE SEPARATOR
  EXPECT_FALSE(RE2::FullMatch("a", re));
}

TEST(EcmaPattern, DotExcludesEcmaLineTerminators) {
  Result<std::string> out = ecma_regex_to_re2("^.$");
  ASSERT_TRUE(out);
  RE2 re(out.value());
  EXPECT_TRUE(RE2::FullMatch("\xC3\xA9", re));  // é is one character
  EXPECT_FALSE(RE2::FullMatch("\r", re));
  EXPECT_FALSE(RE2::FullMatch("\xE2\x80\xA9", re));  // PARAGRAPH SEPARATOR
}

struct Unsupported {
  const char* pattern;
  ErrorCode code;
  const char* words;
};

class EcmaUnsupported : public testing::TestWithParam<Unsupported> {};

TEST_P(EcmaUnsupported, IsAnErrorNamingTheConstruct) {
  Result<std::string> out = ecma_regex_to_re2(GetParam().pattern);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, GetParam().code);
  EXPECT_NE(out.error().message.find(GetParam().words), std::string::npos) << out.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EcmaUnsupported,
    testing::Values(Unsupported{"(?=a)", ErrorCode::kUnsupported, "lookahead"},
                    Unsupported{"a(?!b)", ErrorCode::kUnsupported, "lookahead"},
                    Unsupported{"(?<=a)b", ErrorCode::kUnsupported, "lookbehind"},
                    Unsupported{"(?<!a)b", ErrorCode::kUnsupported, "lookbehind"},
                    Unsupported{"(a)\\1", ErrorCode::kUnsupported, "backreference"},
                    Unsupported{"\\k<n>", ErrorCode::kUnsupported, "backreference"},
                    Unsupported{"[a", ErrorCode::kInvalid, "not closed"},
                    Unsupported{"a\\", ErrorCode::kInvalid, "lone backslash"},
                    Unsupported{"\\uD800", ErrorCode::kUnsupported, "surrogate"}));

TEST(EcmaPattern, UnicodeModeRejectsMeaninglessEscapes) {
  EXPECT_TRUE(ecma_regex_to_re2("\\Z"));
  EXPECT_FALSE(ecma_regex_to_re2("\\Z", EcmaEscapes::kUnicode));
  EXPECT_TRUE(ecma_regex_to_re2("\\d\\.", EcmaEscapes::kUnicode));
}

TEST(EcmaPattern, LongInputsStayLinear) {
  // The classic catastrophic-backtracking pattern, on a 50 KB string: RE2 answers at once.
  Result<std::string> out = ecma_regex_to_re2("^(a+)+$");
  ASSERT_TRUE(out);
  RE2 re(out.value());
  std::string text(50'000, 'a');
  text += '!';
  EXPECT_FALSE(RE2::FullMatch(text, re));
}

}  // namespace
}  // namespace pushgate
