#include "core/config/signatures_config.h"

#include <gtest/gtest.h>

#include "core/config/config.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;

std::string describe(const FindingList& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::to_string(f.position.line) + ":" + std::to_string(f.position.column) + ": " +
           f.rule + ": " + f.message + "\n";
  }
  return out;
}

class SignaturesConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(dir / "allowed_signers", "a@example.com ssh-ed25519 AAAA\n");
  }
  ConfigLoad load(const std::string& entry) {
    return load_config_text(
        dir / "pushgate.yaml",
        "version: 1\nrefs:\n  - match: refs/heads/main\n    signatures: " + entry + "\n");
  }
  TempDir dir;
};

TEST_F(SignaturesConfigTest, EveryKeyIsReadAndPathsAreResolved) {
  ConfigLoad l = load(
      "{commits: true, tags: signed, gpg_keyring: ., ssh_allowed_signers: allowed_signers, "
      "signer_matches_author: true}");
  ASSERT_TRUE(l.config) << describe(l.findings);
  const SignaturesConfig& s = *l.config->refs[0].signatures;
  EXPECT_TRUE(s.commits);
  EXPECT_EQ(s.tags, TagRequirement::kSigned);
  EXPECT_EQ(s.gpg_keyring, dir.path());
  EXPECT_EQ(s.ssh_allowed_signers, dir / "allowed_signers");
  EXPECT_TRUE(s.signer_matches_author);
}

TEST_F(SignaturesConfigTest, AnnotatedTagsNeedNoKeys) {
  ConfigLoad l = load("{tags: annotated}");
  ASSERT_TRUE(l.config) << describe(l.findings);
  EXPECT_EQ(l.config->refs[0].signatures->tags, TagRequirement::kAnnotated);
}

TEST_F(SignaturesConfigTest, RequiringSignaturesWithoutKeysIsAnError) {
  ConfigLoad l = load("{commits: true}");
  ASSERT_FALSE(l.config);
  EXPECT_NE(describe(l.findings)
                .find("4:17: config/invalid: `refs[0].signatures` requires "
                      "signatures but trusts no key"),
            std::string::npos)
      << describe(l.findings);
}

TEST_F(SignaturesConfigTest, MissingKeyringAndSignersFileAreErrorsAtTheirPosition) {
  ConfigLoad l = load("{commits: true, gpg_keyring: nowhere, ssh_allowed_signers: missing}");
  ASSERT_FALSE(l.config);
  const std::string text = describe(l.findings);
  EXPECT_NE(text.find("4:46: config/invalid: `refs[0].signatures.gpg_keyring` "), std::string::npos)
      << text;
  EXPECT_NE(text.find("ssh_allowed_signers` "), std::string::npos) << text;
}

TEST_F(SignaturesConfigTest, UnknownTagModeIsAnError) {
  ConfigLoad l = load("{tags: gpg}");
  ASSERT_FALSE(l.config);
  EXPECT_NE(
      describe(l.findings).find("`refs[0].signatures.tags` must be one of any, annotated, signed"),
      std::string::npos)
      << describe(l.findings);
}

}  // namespace
}  // namespace pushgate
