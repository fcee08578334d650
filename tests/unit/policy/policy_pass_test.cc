// Profiles, severity overrides, `off`, scopes and every kind of exemption, through the real
// loader, the real rules and the policy pass.
#include "core/policy/policy_pass.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/policy_test_support.h"

namespace pushgate {
namespace {

using testing::check_with_policy;
using testing::summary;
using Rows = std::vector<std::string>;

// Privileged (baseline, error), :latest (recommended, warning), no readOnlyRootFilesystem
// (strict, warning), no probes/resources (recommended/strict).
const std::string kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {team: payments}
spec:
  containers:
    - name: web
      image: nginx:latest
      securityContext: {privileged: true}
      readinessProbe: {httpGet: {path: /, port: 80}}
      livenessProbe: {httpGet: {path: /, port: 80}}
      resources: {requests: {cpu: 1m, memory: 1Mi}, limits: {memory: 1Mi}}
)";

Rows rules_of(const FindingList& findings) {
  Rows rows;
  for (const Finding& f : findings)
    rows.push_back(f.rule + " " + std::string(to_string(f.severity)));
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(PolicyPass, ProfilesNest) {
  EXPECT_EQ(
      rules_of(check_with_policy("version: 1\npolicies: {profile: minimal}\n", "p.yaml", kPod)),
      (Rows{"k8s/privileged error"}));
  EXPECT_EQ(rules_of(check_with_policy("version: 1\n", "p.yaml", kPod)),
            (Rows{"k8s/image-latest warning", "k8s/privileged error"}));
  EXPECT_EQ(
      rules_of(check_with_policy("version: 1\npolicies: {profile: strict}\n", "p.yaml", kPod)),
      (Rows{"k8s/allow-privilege-escalation error", "k8s/automount-service-account-token warning",
            "k8s/capabilities-drop-all error", "k8s/image-latest warning", "k8s/privileged error",
            "k8s/read-only-root-filesystem warning", "k8s/run-as-non-root error",
            "k8s/seccomp-profile-missing error"}));
}

TEST(PolicyPass, PodSecurityLevelIsIndependentOfTheProfile) {
  const Rows rows = rules_of(check_with_policy(
      "version: 1\npolicies: {profile: minimal, pod_security: restricted}\n", "p.yaml", kPod));
  EXPECT_EQ(rows, (Rows{"k8s/allow-privilege-escalation error", "k8s/capabilities-drop-all error",
                        "k8s/privileged error", "k8s/run-as-non-root error",
                        "k8s/seccomp-profile-missing error"}));
}

TEST(PolicyPass, SeverityOverridesOffAndOptIn) {
  const std::string config = R"(version: 1
policies:
  rules:
    k8s/privileged: warning
    k8s/image-latest: "off"
    k8s/read-only-root-filesystem: error
    k8s/image-digest: {severity: info}
)";
  EXPECT_EQ(rules_of(check_with_policy(config, "p.yaml", kPod)),
            (Rows{"k8s/image-digest info", "k8s/privileged warning",
                  "k8s/read-only-root-filesystem error"}));
}

TEST(PolicyPass, ScopesByPathNamespaceKindAndLabels) {
  auto with_scope = [](const std::string& scope) {
    return "version: 1\npolicies:\n  rules:\n    k8s/privileged: " + scope + "\n";
  };
  auto privileged_reported = [&](const std::string& scope, const std::string& path) {
    const FindingList out = check_with_policy(with_scope(scope), path, kPod);
    return std::any_of(out.begin(), out.end(),
                       [](const Finding& f) { return f.rule == "k8s/privileged"; });
  };
  EXPECT_TRUE(privileged_reported("{paths: [clusters/prod/**]}", "clusters/prod/web.yaml"));
  EXPECT_FALSE(privileged_reported("{paths: [clusters/prod/**]}", "clusters/dev/web.yaml"));
  EXPECT_TRUE(privileged_reported("{namespaces: [shop]}", "p.yaml"));
  EXPECT_FALSE(privileged_reported("{namespaces: [kube-system]}", "p.yaml"));
  EXPECT_TRUE(privileged_reported("{kinds: [Pod, Deployment]}", "p.yaml"));
  EXPECT_FALSE(privileged_reported("{kinds: [Deployment]}", "p.yaml"));
  EXPECT_TRUE(privileged_reported("{labels: {team: payments}}", "p.yaml"));
  EXPECT_FALSE(privileged_reported("{labels: {team: search}}", "p.yaml"));
  // Every part must match.
  EXPECT_FALSE(privileged_reported("{namespaces: [shop], labels: {team: search}}", "p.yaml"));
}

TEST(PolicyPass, InlineIgnoreWithReasonIsUsedAndReported) {
  std::string pod = kPod;
  pod.replace(pod.find("{privileged: true}"), 18,
              "{privileged: true}  # pushgate:ignore k8s/privileged,k8s/host-pid needs /dev/kvm");
  const FindingList out =
      check_with_policy("version: 1\npolicies: {profile: minimal}\n", "p.yaml", pod);
  ASSERT_EQ(summary(out), (Rows{"policy/exemption-used info 11:37"}));
  EXPECT_NE(out[0].message.find("k8s/privileged exempted"), std::string::npos) << out[0].message;
  EXPECT_NE(out[0].message.find("needs /dev/kvm"), std::string::npos) << out[0].message;
}

TEST(PolicyPass, InlineIgnoreOnTheLineAbove) {
  std::string pod = kPod;
  pod.replace(pod.find("      securityContext: {privileged: true}"), 0,
              "      # pushgate:ignore k8s/privileged a device plugin, reviewed in SEC-12\n");
  const FindingList out =
      check_with_policy("version: 1\npolicies: {profile: minimal}\n", "p.yaml", pod);
  EXPECT_EQ(summary(out), (Rows{"policy/exemption-used info 12:37"}));
}

TEST(PolicyPass, InlineIgnoreWithoutReasonDoesNotApply) {
  std::string pod = kPod;
  pod.replace(pod.find("{privileged: true}"), 18,
              "{privileged: true}  # pushgate:ignore k8s/privileged");
  const FindingList out =
      check_with_policy("version: 1\npolicies: {profile: minimal}\n", "p.yaml", pod);
  EXPECT_EQ(summary(out),
            (Rows{"k8s/privileged error 11:37", "policy/exemption-invalid warning 11:37"}));
}

TEST(PolicyPass, InlineIgnoreForAnotherRuleDoesNothing) {
  std::string pod = kPod;
  pod.replace(pod.find("{privileged: true}"), 18,
              "{privileged: true}  # pushgate:ignore k8s/host-pid some reason");
  const FindingList out =
      check_with_policy("version: 1\npolicies: {profile: minimal}\n", "p.yaml", pod);
  EXPECT_EQ(summary(out), (Rows{"k8s/privileged error 11:37"}));
}

TEST(PolicyPass, AnnotationNeedsAReason) {
  std::string with_reason = kPod;
  with_reason.replace(
      with_reason.find("  labels: {team: payments}\n"), 0,
      "  annotations:\n    pushgate.dev/exempt: \"k8s/image-latest, k8s/privileged\"\n"
      "    pushgate.dev/exempt-reason: GPU driver installer, SEC-7\n");
  FindingList out = check_with_policy("version: 1\n", "p.yaml", with_reason);
  EXPECT_EQ(summary(out),
            (Rows{"policy/exemption-used info 13:14", "policy/exemption-used info 14:37"}));
  EXPECT_NE(out[0].message.find("GPU driver installer"), std::string::npos) << out[0].message;

  std::string without = kPod;
  without.replace(without.find("  labels: {team: payments}\n"), 0,
                  "  annotations:\n    pushgate.dev/exempt: k8s/privileged\n");
  out = check_with_policy("version: 1\npolicies: {profile: minimal}\n", "p.yaml", without);
  EXPECT_EQ(summary(out),
            (Rows{"k8s/privileged error 13:37", "policy/exemption-invalid warning 7:26"}));
}

TEST(PolicyPass, CentralExceptionsExpire) {
  auto exception = [](const std::string& extra) {
    return "version: 1\npolicies:\n  profile: minimal\n  exceptions:\n"
           "    - rule: k8s/privileged\n      paths: [infra/**]\n"
           "      reason: node agent, reviewed in SEC-9\n" +
           extra;
  };
  // No expiry: used, and said so.
  FindingList out = check_with_policy(exception(""), "infra/agent.yaml", kPod);
  ASSERT_EQ(summary(out), (Rows{"policy/exemption-used info 11:37"}));
  EXPECT_NE(out[0].message.find("policies.exceptions[0] (line 5)"), std::string::npos)
      << out[0].message;
  EXPECT_NE(out[0].message.find("SEC-9"), std::string::npos);
  // Another path: not used.
  EXPECT_EQ(summary(check_with_policy(exception(""), "apps/web.yaml", kPod)),
            (Rows{"k8s/privileged error 11:37"}));
  // Expires in 10 days: used, with a warning.
  out = check_with_policy(exception("      expires: 2025-06-11\n"), "infra/agent.yaml", kPod);
  EXPECT_EQ(summary(out),
            (Rows{"policy/exception-expiring warning 11:37", "policy/exemption-used info 11:37"}));
  // Expires on the last day it applies: today.
  out = check_with_policy(exception("      expires: 2025-06-01\n"), "infra/agent.yaml", kPod);
  EXPECT_EQ(summary(out),
            (Rows{"policy/exception-expiring warning 11:37", "policy/exemption-used info 11:37"}));
  // Expired yesterday: not applied, with a warning saying so.
  out = check_with_policy(exception("      expires: 2025-05-31\n"), "infra/agent.yaml", kPod);
  EXPECT_EQ(summary(out),
            (Rows{"k8s/privileged error 11:37", "policy/exception-expired warning 11:37"}));
  // Far from expiry: no warning.
  out = check_with_policy(exception("      expires: 2026-01-01\n"), "infra/agent.yaml", kPod);
  EXPECT_EQ(summary(out), (Rows{"policy/exemption-used info 11:37"}));
}

TEST(PolicyPass, CentralExceptionsByObject) {
  const std::string config = R"(version: 1
policies:
  profile: minimal
  exceptions:
    - rules: [k8s/privileged]
      object: {kind: Pod, namespace: shop, name: web}
      reason: legacy, being replaced in Q3
)";
  EXPECT_EQ(summary(check_with_policy(config, "any/where.yaml", kPod)),
            (Rows{"policy/exemption-used info 11:37"}));
  std::string other = kPod;
  other.replace(other.find("name: web\n"), 9, "name: api");
  EXPECT_EQ(summary(check_with_policy(config, "any/where.yaml", other)),
            (Rows{"k8s/privileged error 11:37"}));
}

// Git rules' findings: `off` drops them, an override sets their severity, and without one they
// keep their own (an info notice outside a push stays info). Each is judged by its own path.
TEST(PolicyPass, GitFindingsAreGradedWithoutAFile) {
  PoliciesConfig policies;
  policies.profile = PolicyProfile::kMinimal;
  policies.rules["git/signoff"].enabled = false;
  policies.rules["git/blob-size"].severity = Severity::kWarning;
  policies.rules["git/blob-size"].scope.paths = {"big/**"};
  FindingList findings = {
      Finding::at("git/signoff", Severity::kError, "", {1, 1}, "no sign-off"),
      Finding::at("git/blob-size", Severity::kError, "big/a.bin", {}, "too big"),
      Finding::at("git/blob-size", Severity::kError, "small/b.bin", {}, "too big"),
      Finding::at("git/committer-is-pusher", Severity::kInfo, "", {}, "not checked here"),
      Finding::at("git/ref-deletion", Severity::kError, "", {}, "deleted"),
      Finding::at("internal/error", Severity::kError, "", {}, "broken")};
  PolicyPass(policies, 0).apply_unfiled(findings);
  EXPECT_EQ(summary(findings),
            (Rows{"git/blob-size warning 0:0", "git/committer-is-pusher info 0:0",
                  "git/ref-deletion error 0:0", "internal/error error 0:0"}));
}

TEST(PolicyPass, OtherFamiliesPassUntouched) {
  PoliciesConfig policies;
  policies.profile = PolicyProfile::kMinimal;
  FindingList findings = {
      Finding::at("yaml/syntax", Severity::kError, "a.yaml", {1, 1}, "x"),
      Finding::at("opa/deny", Severity::kError, "a.yaml", {2, 1}, "y"),
      Finding::at("k8s/image-latest", Severity::kWarning, "a.yaml", {3, 1}, "z")};
  PolicyPass(policies, 0).apply(PolicyInput{"a.yaml", "", nullptr}, findings);
  EXPECT_EQ(summary(findings), (Rows{"opa/deny error 2:1", "yaml/syntax error 1:1"}));
}

TEST(PolicyPass, SecretsInTextFilesAreExemptedInline) {
  const std::string env =
      "API_TOKEN=ghp_Zx8Kq2Lm5Np7Rt9Vw3Yb6Cd1Fg4Hj0Ks2Mn5  # pushgate:ignore "
      "secret/github-token revoked test token, kept for the parser tests\n";
  const FindingList out = check_with_policy("version: 1\n", "tests/data/.env", env);
  // (The generic rule leaves tokens with a rule of their own alone.)
  EXPECT_EQ(summary(out), (Rows{"policy/exemption-used info 1:11"}));
}

}  // namespace
}  // namespace pushgate
