// Kubernetes' own OpenAPI documents (v3 per group-version, v2 swagger.json) from ../shared.
#include "core/schema/openapi_loader.h"

#include <gtest/gtest.h>

#include "tests/unit/schema/kubernetes_test_schemas.h"

namespace pushgate {
namespace {

using schema_test::check_yaml;
using schema_test::describe;

TEST(OpenApiLoader, V3DocumentHasEveryKindOfItsGroup) {
  Result<KindSchemaSet> apps =
      load_openapi_file(schema_test::openapi_v3_dir() + "/apis__apps__v1_openapi.json");
  ASSERT_TRUE(apps) << apps.error().message;
  for (const char* kind : {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                           "ControllerRevision", "DeploymentList"}) {
    EXPECT_NE(apps.value().find("apps/v1", kind), nullptr) << kind;
  }
  EXPECT_EQ(apps.value().find("apps/v1beta1", "Deployment"), nullptr);
  EXPECT_EQ(apps.value().find("v1", "Deployment"), nullptr);
}

TEST(OpenApiLoader, DirectoryMergesAllGroups) {
  const KindSchemaSet& all = schema_test::kubernetes_schemas();
  EXPECT_GT(all.size(), 250u);
  EXPECT_NE(all.find("v1", "Service"), nullptr);
  EXPECT_NE(all.find("v1", "ConfigMap"), nullptr);
  EXPECT_NE(all.find("batch/v1", "CronJob"), nullptr);
  EXPECT_NE(all.find("networking.k8s.io/v1", "Ingress"), nullptr);
  EXPECT_NE(all.find("rbac.authorization.k8s.io/v1", "ClusterRole"), nullptr);
  EXPECT_NE(all.find("apiextensions.k8s.io/v1", "CustomResourceDefinition"), nullptr);
}

TEST(OpenApiLoader, V2SwaggerWorksToo) {
  Result<KindSchemaSet> swagger =
      load_openapi_file(schema_test::shared_dir() + "/kubernetes/openapi/v1.35/swagger.json");
  ASSERT_TRUE(swagger) << swagger.error().message;
  EXPECT_GT(swagger.value().size(), 250u);
  // IntOrString ({type: string, format: int-or-string}) takes numbers, and so does Quantity
  // (repaired: the swagger form says string only).
  schema_test::FileCheck ok = check_yaml(swagger.value(), R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx
          resources: {limits: {cpu: 1, memory: 512Mi}}
)");
  EXPECT_TRUE(ok.violations.empty()) << describe(ok.violations);
  schema_test::FileCheck bad = check_yaml(
      swagger.value(), "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {portz: []}\n");
  ASSERT_EQ(bad.violations.size(), 1u);
  EXPECT_EQ(bad.violations[0].message, "unknown field `portz` in spec; did you mean `ports`?");
}

TEST(OpenApiLoader, RejectsWhatIsNotAnOpenApiDocument) {
  Result<KindSchemaSet> none = load_openapi_schemas(nlohmann::json::parse(R"({"a": 1})"));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kInvalid);
  Result<KindSchemaSet> missing = load_openapi_file("/nonexistent/openapi.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  Result<KindSchemaSet> broken = load_openapi_schemas(nlohmann::json::parse(R"({
    "components": {"schemas": {"X": {"x-kubernetes-group-version-kind":
        [{"group": "", "version": "v1", "kind": "X"}], "$ref": "#/components/schemas/Y"}}}})"));
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("points at nothing"), std::string::npos);
}

TEST(OpenApiLoader, StrictIsAnOption) {
  Result<KindSchemaSet> lax = load_openapi_file(
      schema_test::openapi_v3_dir() + "/api__v1_openapi.json", KubernetesSchemaOptions{false});
  ASSERT_TRUE(lax);
  schema_test::FileCheck unknown = check_yaml(
      lax.value(), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndatta: {a: b}\n");
  EXPECT_TRUE(unknown.violations.empty());
}

}  // namespace
}  // namespace pushgate
