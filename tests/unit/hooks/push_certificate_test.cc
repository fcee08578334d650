// Push certificates: GIT_PUSH_CERT_* name a pusher only when the blob git wrote is there, is a
// certificate for exactly this push, and its signature verifies against the server's keyring.
// What a file:// or ssh pusher can export or write into the repository is not enough.
#include "hooks/push_certificate.h"

#include <gtest/gtest.h>

#include "core/git/library.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;
using testing::TempRepo;

const std::string kOld(40, '0');
const std::string kNew = "1111111111111111111111111111111111111111";

std::string certificate(const std::string& nonce, const std::string& update_line) {
  return "certificate version 0.1\n"
         "pusher Alice <alice@example.com> 1700000000 +0000\n"
         "pushee file:///srv/git/app.git\n"
         "nonce " +
         nonce +
         "\n"
         "\n" +
         update_line +
         "\n"
         "-----BEGIN PGP SIGNATURE-----\n"
         "\n"
         "iHUEABYKAB0WIQQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFAmVWAAAACgkQAAAA\n"
         "=AAAA\n"
         "-----END PGP SIGNATURE-----\n";
}

TEST(PushCertificate, ParsesGitsFormat) {
  Result<PushCertificate> cert =
      parse_push_certificate(certificate("1700000000-abc", kOld + " " + kNew + " refs/heads/main"));
  ASSERT_TRUE(cert) << cert.error().message;
  EXPECT_EQ(cert.value().pusher, "Alice <alice@example.com> 1700000000 +0000");
  EXPECT_EQ(cert.value().nonce, "1700000000-abc");
  ASSERT_EQ(cert.value().updates.size(), 1u);
  EXPECT_EQ(cert.value().updates[0], (RefUpdate{kOld, kNew, "refs/heads/main"}));
  EXPECT_TRUE(cert.value().signed_payload.signature.starts_with("-----BEGIN PGP SIGNATURE-----"));
  EXPECT_TRUE(cert.value().signed_payload.payload.ends_with("refs/heads/main\n"));
}

TEST(PushCertificate, RejectsWhatIsNotOne) {
  for (const std::string& text :
       {std::string(""), std::string("hello\n"), std::string("alice\n"),
        certificate("n", "not an update line"),
        certificate("n", kOld + " " + kNew + " refs/heads/main").substr(8),  // no header
        std::string("certificate version 0.1\npusher A\n\n") + kOld + " " + kNew + " r\n"}) {
    EXPECT_FALSE(parse_push_certificate(text)) << text;
  }
}

class PushCertVerdictTest : public ::testing::Test {
 protected:
  GitLibrary library_;
  TempRepo repo_ = TempRepo::init_bare();
  std::vector<RefUpdate> updates_ = {{kOld, kNew, "refs/heads/main"}};

  std::string write_blob(const std::string& text) {
    return repo_.git({"hash-object", "-w", "--stdin"}, text);
  }
  PushCertVerdict verdict(std::map<std::string, std::string> variables,
                          const std::vector<std::string>& keyrings = {}) {
    Result<Repository> repository = Repository::open(repo_.path());
    EXPECT_TRUE(repository);
    return verify_push_certificate(Environment(std::move(variables)), repository.value(), updates_,
                                   keyrings);
  }
  std::map<std::string, std::string> git_says_good(const std::string& blob) {
    return {{"GIT_PUSH_CERT", blob},
            {"GIT_PUSH_CERT_KEY", "ABCD1234ABCD1234"},
            {"GIT_PUSH_CERT_STATUS", "G"},
            {"GIT_PUSH_CERT_NONCE", "1700000000-abc"},
            {"GIT_PUSH_CERT_NONCE_STATUS", "OK"}};
  }
};

TEST_F(PushCertVerdictTest, NoVariablesNoVerdict) {
  PushCertVerdict v = verdict({{"GL_USER", "alice"}});
  EXPECT_FALSE(v.present);
  EXPECT_FALSE(v.trusted);
}

// The reproduction from issue 11: the variables exported by hand, no signed push at all.
TEST_F(PushCertVerdictTest, ExportedVariablesWithoutACertificateAreNotTrusted) {
  PushCertVerdict v = verdict({{"GIT_PUSH_CERT_KEY", "alice"},
                               {"GIT_PUSH_CERT_STATUS", "G"},
                               {"GIT_PUSH_CERT_NONCE_STATUS", "OK"}});
  EXPECT_TRUE(v.present);
  EXPECT_FALSE(v.trusted);
  EXPECT_NE(v.problem.find("does not name a certificate object"), std::string::npos) << v.problem;
  // An id that is no object of the repository.
  std::map<std::string, std::string> env = git_says_good(kNew);
  v = verdict(env);
  EXPECT_FALSE(v.trusted);
  EXPECT_NE(v.problem.find("names no certificate in the repository"), std::string::npos)
      << v.problem;
}

TEST_F(PushCertVerdictTest, GitsOwnBadVerdictIsNeverOverridden) {
  const std::string blob =
      write_blob(certificate("1700000000-abc", kOld + " " + kNew + " refs/heads/main"));
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"GIT_PUSH_CERT_STATUS", "B"},
           {"GIT_PUSH_CERT_STATUS", "U"},
           {"GIT_PUSH_CERT_NONCE_STATUS", "SLOP"},
           {"GIT_PUSH_CERT_NONCE_STATUS", "BAD"},
           {"GIT_PUSH_CERT_KEY", ""}}) {
    std::map<std::string, std::string> env = git_says_good(blob);
    env[name] = value;
    EXPECT_FALSE(verdict(env).trusted) << name << "=" << value;
  }
}

TEST_F(PushCertVerdictTest, ACertificateForAnotherPushOrNonceIsNotTrusted) {
  const std::string other_push =
      write_blob(certificate("1700000000-abc", kOld + " " + kNew + " refs/heads/other"));
  PushCertVerdict v = verdict(git_says_good(other_push));
  EXPECT_FALSE(v.trusted);
  EXPECT_NE(v.problem.find("not this push's ref updates"), std::string::npos) << v.problem;
  const std::string other_nonce =
      write_blob(certificate("1600000000-old", kOld + " " + kNew + " refs/heads/main"));
  v = verdict(git_says_good(other_nonce));
  EXPECT_FALSE(v.trusted);
  EXPECT_NE(v.problem.find("nonce"), std::string::npos) << v.problem;
  v = verdict(git_says_good(write_blob("certificate version 0.1\n")));
  EXPECT_FALSE(v.trusted);
  EXPECT_NE(v.problem.find("not a push certificate"), std::string::npos) << v.problem;
}

// A pusher who can write objects can write a matching certificate too: only the signature,
// checked by pushgate against the server's keyring, makes it trusted.
TEST_F(PushCertVerdictTest, AForgedCertificateMatchingThePushNeedsAGoodSignature) {
  const std::string blob =
      write_blob(certificate("1700000000-abc", kOld + " " + kNew + " refs/heads/main"));
  PushCertVerdict without_keyring = verdict(git_says_good(blob));
  EXPECT_FALSE(without_keyring.trusted);
  EXPECT_NE(without_keyring.problem.find("trusts no OpenPGP keyring"), std::string::npos)
      << without_keyring.problem;
  TempDir keyring;  // an empty GnuPG home: no key can verify
  PushCertVerdict with_keyring = verdict(git_says_good(blob), {keyring.path()});
  EXPECT_FALSE(with_keyring.trusted);
  EXPECT_FALSE(with_keyring.problem.empty());
}

}  // namespace
}  // namespace pushgate
