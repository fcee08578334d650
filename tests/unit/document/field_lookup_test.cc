// Finding the node a printed field path names (core/document/field_lookup.h): OPA results and
// rendered objects' schema findings point at fields this way.
#include "core/document/field_lookup.h"

#include <gtest/gtest.h>

namespace pushgate {
namespace {

ParsedFile parse(std::string_view yaml) {
  return parse_yaml("t.yaml", yaml, ParseLimits{});
}

TEST(FieldLookup, FindsFieldsAsFarAsTheyExist) {
  const ParsedFile file = parse(
      "spec:\n"
      "  replicas: 1\n"
      "  containers:\n"
      "    - name: a\n"
      "      image: web:latest\n"
      "metadata:\n"
      "  labels:\n"
      "    app.kubernetes.io/name: web\n");
  const NodeRef root = file.documents.at(0).root();
  FieldLookup f = find_field(root, "spec.replicas");
  EXPECT_TRUE(f.complete);
  EXPECT_EQ(f.node.position(), (Position{2, 13}));
  f = find_field(root, "spec.containers[0].image");
  EXPECT_TRUE(f.complete);
  EXPECT_EQ(f.node.position(), (Position{5, 14}));
  EXPECT_EQ(find_field(root, "spec.containers.0.image").node.position(), (Position{5, 14}));
  EXPECT_EQ(find_field(root, "$.spec.replicas").node.position(), (Position{2, 13}));
  EXPECT_EQ(find_field(root, "metadata.labels[app.kubernetes.io/name]").node.position(),
            (Position{8, 29}));
  EXPECT_EQ(find_field(root, "metadata.labels[\"app.kubernetes.io/name\"]").node.position(),
            (Position{8, 29}));
  // Missing: the deepest existing node.
  f = find_field(root, "spec.securityContext.runAsNonRoot");
  EXPECT_FALSE(f.complete);
  EXPECT_EQ(f.node.position(), (Position{2, 3}));  // spec's mapping
  f = find_field(root, "spec.containers[7]");
  EXPECT_FALSE(f.complete);
  f = find_field(root, "nothing");
  EXPECT_EQ(f.node.id(), root.id());
  EXPECT_EQ(find_field(root, "spec.containers[0").node.id(), root.id());  // malformed
}

}  // namespace
}  // namespace pushgate
