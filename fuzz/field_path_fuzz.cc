// Custom rules' field paths (core/policy/assertion_path) and the custom rules built on them
// (core/policy/custom_rule, validators/custom). Input: line 1 a field path, line 2 an RE2 pattern,
// the rest a manifest. The path is parsed and selected over every document; then path and
// pattern go into a real policies.custom entry through the config loader, and the compiled rule
// judges the manifest. Never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config/config.h"
#include "core/document/document.h"
#include "core/policy/assertion_path.h"
#include "core/policy/custom_rule.h"
#include "fuzz/fuzz_support.h"
#include "validators/custom/custom_rule_validator.h"

namespace {

// A YAML double-quoted scalar holding `text` (JSON string syntax is valid YAML; invalid UTF-8
// becomes U+FFFD, which the loader must then handle like any other odd path).
std::string quoted(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [path_text, after_path] =
      pushgate::fuzz::split_first_line(pushgate::fuzz::as_text(data, size));
  const auto [pattern, manifest] = pushgate::fuzz::split_first_line(after_path);

  pushgate::ParseLimits limits;
  limits.max_depth = 64;
  limits.max_expanded_nodes = 10'000;
  const pushgate::ParsedFile file = pushgate::parse_yaml("app.yaml", manifest, limits);

  pushgate::Result<pushgate::AssertionPath> path = pushgate::AssertionPath::parse(path_text);
  if (path) {
    path.value().has_wildcard();
    for (const pushgate::Document& doc : file.documents) {
      path.value().select(doc.root(), [](pushgate::NodeRef value, const std::string& where) {
        (void)value.kind();
        (void)where.size();
      });
    }
  }
  pushgate::render_message(pattern, path_text, manifest.substr(0, 256));

  const std::string config =
      "version: 1\npolicies:\n  profile: minimal\n  custom:\n    - id: fuzz\n"
      "      message: \"{{path}} is {{value}}\"\n      assert:\n"
      "        - {path: " +
      quoted(path_text) + ", matches: " + quoted(pattern) + "}\n" +
      "        - {path: " + quoted(path_text) + ", min_length: 1, max_length: 64, count_max: 4}\n" +
      "        - {path: " + quoted(path_text) + ", in: [a, 1, true, null], minimum: -1}\n";
  const pushgate::ConfigLoad load = pushgate::load_config_text("pushgate.yaml", config);
  if (!load.config) return 0;
  pushgate::FindingList out;
  const pushgate::FileContext context{file, manifest};
  for (const auto& rule : load.config->policies.custom) {
    pushgate::CustomRuleValidator(rule).check_file(context, out);
  }
  return 0;
}
