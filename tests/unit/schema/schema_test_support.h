#pragma once
// Helpers shared by the schema tests: parse with the real readers, compile, validate.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/document/document.h"
#include "core/schema/compiled_schema.h"
#include "test_paths.h"

namespace pushgate::schema_test {

inline ParsedFile parse_yaml_text(std::string_view text, std::string path = "test.yaml") {
  ParsedFile file = parse_yaml(std::move(path), text, ParseLimits{});
  EXPECT_TRUE(file.findings.empty()) << (file.findings.empty() ? "" : file.findings[0].message);
  return file;
}

inline ParsedFile parse_json_text(std::string_view text, std::string path = "test.json") {
  ParsedFile file = parse_json(std::move(path), text, ParseLimits{});
  EXPECT_TRUE(file.findings.empty()) << (file.findings.empty() ? "" : file.findings[0].message);
  return file;
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline CompiledSchema compile_ok(const nlohmann::json& schema, const CompileOptions& options = {}) {
  CompiledSchema compiled = CompiledSchema::compile(schema, options);
  EXPECT_TRUE(compiled.ok()) << compiled.error().message;
  return compiled;
}

// Validates the first document of `yaml` and returns its violations.
inline ViolationList violations_of(const CompiledSchema& schema, const ParsedFile& file) {
  EXPECT_FALSE(file.documents.empty());
  if (file.documents.empty()) return {};
  return schema.validate(file.documents[0].root());
}

inline std::string describe(const ViolationList& violations) {
  std::string out;
  for (const Violation& v : violations) {
    out += v.rule + " at " + std::to_string(v.node.position().line) + ":" +
           std::to_string(v.node.position().column) + " [" + v.json_path + "] " + v.message + "\n";
  }
  return out;
}

inline std::string shared_dir() {
  return PUSHGATE_SHARED_DIR;
}

}  // namespace pushgate::schema_test
