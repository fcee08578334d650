#include "validators/secret/secret_text.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

TEST(SecretText, MasksAllButAShortPrefix) {
  EXPECT_EQ(mask_secret("ghp_abcdefghijklmnop"), "ghp_****");
  EXPECT_EQ(mask_secret("abcdefgh"), "ab****");  // short values show less
  EXPECT_EQ(mask_secret("abc"), "****");
  EXPECT_EQ(mask_in_line("key: s3cr3tvalue!", 5, 12), "key: s3c*********");
}

TEST(SecretText, Placeholders) {
  for (const char* p : {"", "xxxxxxxxxxxx", "${TOKEN}", "{{ .Values.token }}", "<your-token>",
                        "changeme", "AKIAIOSFODNN7EXAMPLE", "ENC[AES256_GCM,data:abc]", "REPLACE_ME",
                        "ghp_...", "\"\"", "00000000"}) {
    EXPECT_TRUE(is_placeholder(p)) << p;
  }
  for (const char* p : {"Zp9vQ2mX7rT4kL8w", "hunter2hunter2", "s3cr3t!"}) {
    EXPECT_FALSE(is_placeholder(p)) << p;
  }
}

TEST(SecretText, SopsFiles) {
  EXPECT_TRUE(is_sops_encrypted("a: ENC[AES256_GCM,data:x]\nsops:\n  mac: ENC[AES256_GCM,x]\n"));
  EXPECT_TRUE(is_sops_encrypted("{\"a\": \"ENC[AES256_GCM,data:x]\", \"sops\": {\"mac\": \"x\"}}"));
  EXPECT_FALSE(is_sops_encrypted("sops: is a tool\n"));
  EXPECT_FALSE(is_sops_encrypted("password: hunter2\n"));
}

TEST(SecretText, Base64AndEntropy) {
  EXPECT_EQ(decode_base64("aHVudGVyMg=="), "hunter2");
  EXPECT_EQ(decode_base64("aHVudGVyMg"), "hunter2");
  EXPECT_FALSE(decode_base64("not base64!"));
  EXPECT_LT(shannon_entropy("aaaaaaaa"), 0.01);
  EXPECT_GT(shannon_entropy("Zp9vQ2mX7rT4kL8w"), 3.9);
}

}  // namespace
}  // namespace pushgate
