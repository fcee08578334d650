// git/signature over real repositories, with a throw-away SSH key made by ssh-keygen (the OpenPGP
// path, which needs a GnuPG home and an agent to sign, is covered by
// tests/integration/test_signatures.sh).
#include "validators/git/signature_rule.h"

#include <gtest/gtest.h>

#include "core/git/library.h"
#include "core/push/push_plan.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;
using testing::TempRepo;

const std::string kZero(40, '0');

class SignatureRuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"author", "stranger"}) {
      const std::string key = keys / name;
      ASSERT_EQ(
          testing::run_command(
              {"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key}, keys.path())
              .exit_code,
          0);
    }
    allowed_signers = keys / "allowed_signers";
    testing::write_file(allowed_signers, "author@example.com namespaces=\"git\" " +
                                             testing::read_file(keys / "author.pub"));
  }

  std::string commit(const std::string& message, const std::string& key = "") {
    work.write(message + ".txt", message + "\n");
    work.git({"add", "-A"});
    std::vector<std::string> args = {"-c", "gpg.format=ssh"};
    if (!key.empty()) args.insert(args.end(), {"-c", "user.signingkey=" + key});
    args.insert(args.end(), {"commit", "-q", "-m", message});
    if (!key.empty()) args.push_back("-S");
    work.git(args);
    return work.head();
  }

  FindingList judge(const RefUpdate& update, const SignaturesConfig& signatures) {
    work.send_objects(server, update.new_id);
    Result<Repository> repo = Repository::open(server.path());
    EXPECT_TRUE(repo) << repo.error().message;
    Result<PushPlan> plan = plan_push(repo.value(), {update}, Config{});
    EXPECT_TRUE(plan) << plan.error().message;
    RefRuleConfig rule;
    rule.match = "refs/**";
    rule.signatures = signatures;
    const std::optional<Pusher> nobody;
    const RefContext context{repo.value(), plan.value().refs[0], rule, nobody, {}};
    FindingList out;
    SignatureRule().check_ref(context, out);
    return out;
  }

  SignaturesConfig ssh_commits(bool author = false) const {
    SignaturesConfig c;
    c.commits = true;
    c.ssh_allowed_signers = allowed_signers;
    c.signer_matches_author = author;
    return c;
  }

  GitLibrary library;
  TempDir keys;
  std::string allowed_signers;
  TempRepo server = TempRepo::init_bare();
  TempRepo work = TempRepo::init();
};

TEST_F(SignatureRuleTest, UnsignedCommitIsRejectedNamingIt) {
  const std::string c1 = commit("unsigned");
  FindingList found = judge({kZero, c1, "refs/heads/main"}, ssh_commits());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "git/signature");
  EXPECT_EQ(found[0].commit, c1);
  EXPECT_EQ(found[0].ref, "refs/heads/main");
  EXPECT_NE(found[0].message.find("is not signed"), std::string::npos) << found[0].message;
}

TEST_F(SignatureRuleTest, ListedSshKeyIsAcceptedAndAStrangersIsNot) {
  const std::string good = commit("good", keys / "author");
  EXPECT_TRUE(judge({kZero, good, "refs/heads/main"}, ssh_commits(true)).empty());
  const std::string bad = commit("bad", keys / "stranger");
  FindingList found = judge({good, bad, "refs/heads/main"}, ssh_commits());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].commit, bad);
  EXPECT_NE(found[0].message.find("not in the allowed signers file"), std::string::npos)
      << found[0].message;
}

TEST_F(SignatureRuleTest, OnlyNewCommitsAreJudged) {
  const std::string old_unsigned = commit("old");
  work.git({"push", "-q", server.path(), "HEAD:refs/heads/main"});
  const std::string signed_commit = commit("new", keys / "author");
  EXPECT_TRUE(judge({old_unsigned, signed_commit, "refs/heads/main"}, ssh_commits()).empty());
}

TEST_F(SignatureRuleTest, TagsMustBeAnnotatedOrSigned) {
  const std::string c1 = commit("base");
  work.git({"tag", "light"});
  SignaturesConfig annotated;
  annotated.tags = TagRequirement::kAnnotated;
  FindingList found = judge({kZero, c1, "refs/tags/light"}, annotated);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("lightweight tag"), std::string::npos) << found[0].message;

  work.git({"tag", "-a", "-m", "release", "v1"});
  const std::string tag = work.git({"rev-parse", "v1"});
  EXPECT_TRUE(judge({kZero, tag, "refs/tags/v1"}, annotated).empty());

  SignaturesConfig signed_tags;
  signed_tags.tags = TagRequirement::kSigned;
  signed_tags.ssh_allowed_signers = allowed_signers;
  found = judge({kZero, tag, "refs/tags/v1"}, signed_tags);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("is not signed"), std::string::npos) << found[0].message;

  work.git({"-c", "gpg.format=ssh", "-c", "user.signingkey=" + (keys / "author"), "tag", "-s", "-m",
            "release", "v2"});
  const std::string signed_tag = work.git({"rev-parse", "v2"});
  EXPECT_TRUE(judge({kZero, signed_tag, "refs/tags/v2"}, signed_tags).empty());
}

TEST_F(SignatureRuleTest, NotConfiguredMeansNothingToCheck) {
  const std::string c1 = commit("unsigned");
  EXPECT_TRUE(judge({kZero, c1, "refs/heads/main"}, SignaturesConfig{}).empty());
}

}  // namespace
}  // namespace pushgate
