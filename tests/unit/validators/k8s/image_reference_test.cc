#include "validators/k8s/image_reference.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

TEST(ImageReference, SplitsRegistryRepositoryTagAndDigest) {
  const ImageReference a = ImageReference::parse("ghcr.io/acme/web:1.4@sha256:abc");
  EXPECT_EQ(a.registry, "ghcr.io");
  EXPECT_EQ(a.repository, "acme/web");
  EXPECT_EQ(a.tag, "1.4");
  EXPECT_EQ(a.digest, "sha256:abc");
  EXPECT_FALSE(a.mutable_tag());

  const ImageReference port = ImageReference::parse("registry.local:5000/team/app");
  EXPECT_EQ(port.registry, "registry.local:5000");
  EXPECT_EQ(port.tag, "");
  EXPECT_TRUE(port.mutable_tag());

  const ImageReference hub = ImageReference::parse("nginx");
  EXPECT_EQ(hub.full_name(), "docker.io/library/nginx");
  EXPECT_EQ(ImageReference::parse("bitnami/redis:7").full_name(), "docker.io/bitnami/redis");
  EXPECT_EQ(ImageReference::parse("localhost/app:1").registry, "localhost");
  EXPECT_TRUE(ImageReference::parse("nginx:latest").mutable_tag());
}

TEST(ImageReference, Substitutions) {
  EXPECT_TRUE(has_substitution("ghcr.io/acme/web:${TAG}"));
  EXPECT_TRUE(has_substitution("{{ .Values.image }}"));
  EXPECT_FALSE(has_substitution("nginx:1.27"));
}

}  // namespace
}  // namespace pushgate
