#include "validators/k8s/api_syntax.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace pushgate {
namespace {

TEST(ApiSyntax, Dns1123Label) {
  EXPECT_EQ(dns1123_label_problem("web-1"), "");
  EXPECT_EQ(dns1123_label_problem(std::string(63, 'a')), "");
  EXPECT_NE(dns1123_label_problem(std::string(64, 'a')), "");
  EXPECT_NE(dns1123_label_problem("Web"), "");
  EXPECT_NE(dns1123_label_problem("-web"), "");
  EXPECT_NE(dns1123_label_problem("web-"), "");
  EXPECT_NE(dns1123_label_problem("a.b"), "");
  EXPECT_NE(dns1123_label_problem(""), "");
}

TEST(ApiSyntax, Dns1123Subdomain) {
  EXPECT_EQ(dns1123_subdomain_problem("web.frontend-v2"), "");
  EXPECT_NE(dns1123_subdomain_problem("web..frontend"), "");
  EXPECT_NE(dns1123_subdomain_problem("web.-x"), "");
  EXPECT_NE(dns1123_subdomain_problem(".web"), "");
  EXPECT_NE(dns1123_subdomain_problem(std::string(254, 'a')), "");
}

TEST(ApiSyntax, Dns1035Label) {
  EXPECT_EQ(dns1035_label_problem("web"), "");
  EXPECT_NE(dns1035_label_problem("1web"), "");
}

TEST(ApiSyntax, QualifiedNamesAndLabelValues) {
  EXPECT_EQ(qualified_name_problem("app.kubernetes.io/name"), "");
  EXPECT_EQ(qualified_name_problem("Team_Name.v2"), "");
  EXPECT_NE(qualified_name_problem("example.com/a/b"), "");
  EXPECT_NE(qualified_name_problem("Example.com/a"), "");
  EXPECT_NE(qualified_name_problem("example.com/"), "");
  EXPECT_NE(qualified_name_problem("-tier"), "");
  EXPECT_NE(qualified_name_problem(std::string(64, 'a')), "");
  EXPECT_EQ(label_value_problem(""), "");
  EXPECT_EQ(label_value_problem("v1.2.3_rc-1"), "");
  EXPECT_NE(label_value_problem("web frontend"), "");
  EXPECT_NE(label_value_problem("web_"), "");
  EXPECT_NE(label_value_problem(std::string(64, 'a')), "");
}

TEST(ApiSyntax, IanaServiceNames) {
  EXPECT_EQ(iana_service_name_problem("http"), "");
  EXPECT_EQ(iana_service_name_problem("metrics-2"), "");
  EXPECT_NE(iana_service_name_problem("8080"), "");
  EXPECT_NE(iana_service_name_problem("http_alt"), "");
  EXPECT_NE(iana_service_name_problem("a--b"), "");
  EXPECT_NE(iana_service_name_problem("sixteen-chars-xx"), "");
}

void expect_quantity(std::string_view text, long double want) {
  const std::optional<long double> got = parse_quantity(text);
  ASSERT_TRUE(got) << text;
  EXPECT_NEAR(static_cast<double>(*got), static_cast<double>(want),
              1e-9 * std::max(1.0, std::abs(static_cast<double>(want))))
      << text;
}

TEST(ApiSyntax, Quantities) {
  expect_quantity("500m", 0.5L);
  expect_quantity("2", 2.0L);
  expect_quantity("1Ki", 1024.0L);
  expect_quantity("1.5Gi", 1.5L * 1073741824.0L);
  expect_quantity("1e3", 1000.0L);
  expect_quantity("-1", -1.0L);
  expect_quantity(".5", 0.5L);
  EXPECT_FALSE(parse_quantity("512MB"));
  EXPECT_FALSE(parse_quantity("10 Gi"));
  EXPECT_FALSE(parse_quantity("Gi"));
  EXPECT_FALSE(parse_quantity("1.2.3"));
  EXPECT_FALSE(parse_quantity("1e"));
  EXPECT_FALSE(parse_quantity(""));
}

TEST(ApiSyntax, SubstitutedValuesAndPlaceholders) {
  EXPECT_TRUE(is_substituted("app-${cluster}"));
  EXPECT_TRUE(is_substituted("{{ .Values.name }}"));
  EXPECT_TRUE(is_substituted("_"));
  EXPECT_TRUE(is_substituted("FROM_OVERLAY"));
  EXPECT_TRUE(is_substituted("CHANGE_ME_2"));
  EXPECT_FALSE(is_substituted("WEB"));
  EXPECT_FALSE(is_substituted("Web_Frontend"));
  EXPECT_FALSE(is_substituted("512MB"));
  EXPECT_FALSE(is_substituted("A_"));
}

}  // namespace
}  // namespace pushgate
