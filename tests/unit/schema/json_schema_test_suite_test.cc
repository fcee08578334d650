// The official JSON-Schema-Test-Suite (Debian package json-schema-test-suite) for draft-04 and
// draft-07, every case of every keyword file, with each instance fed through the real JSON reader.
// Remote references resolve to the suite's remotes/ folder (served as http://localhost:1234/) and
// to the draft meta-schemas that python3-jsonschema ships.
//
// Set PUSHGATE_SCHEMA_SUITE_REPORT=<file> to write the per-file pass counts (a Markdown table, as
// published in docs/schema-engine.md) while the suite runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/unit/schema/schema_test_support.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using schema_test::read_text_file;

const fs::path kSuite = "/usr/share/json-schema-test-suite";
const fs::path kMetaSchemas = "/usr/lib/python3/dist-packages/jsonschema/schemas";

Result<json> load_json_file(const fs::path& path) {
  std::string text = read_text_file(path.string());
  if (text.empty()) return Error{ErrorCode::kNotFound, "no file " + path.string()};
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return Error{ErrorCode::kInvalid, "bad JSON in " + path.string()};
  return value;
}

// What a test harness would fetch over the network, from the files on disk.
Result<json> suite_resolver(const std::string& uri) {
  const std::string remote = "http://localhost:1234/";
  if (uri.rfind(remote, 0) == 0)
    return load_json_file(kSuite / "remotes" / uri.substr(remote.size()));
  if (uri == "http://json-schema.org/draft-04/schema")
    return load_json_file(kMetaSchemas / "draft4.json");
  if (uri == "http://json-schema.org/draft-07/schema")
    return load_json_file(kMetaSchemas / "draft7.json");
  return Error{ErrorCode::kNotFound, "the test resolver has no " + uri};
}

struct CaseResult {
  std::string description;
  bool passed = false;
  std::string detail;
};

struct FileResult {
  int passed = 0;
  int total = 0;
  std::vector<CaseResult> failures;
};

// Schemas are read with nlohmann (they are what compile() takes); instances are the `data` nodes
// of the same file read by pushgate's JSON reader, so numbers keep their spelling (a 52-digit
// integer stays an integer).
FileResult run_suite_file(const fs::path& file, SchemaDraft draft) {
  FileResult result;
  Result<json> groups = load_json_file(file);
  std::string text = read_text_file(file.string());
  ParsedFile parsed = parse_json(file.string(), text, ParseLimits{});
  if (!groups || parsed.documents.size() != 1 || !parsed.findings.empty()) {
    result.failures.push_back({file.string(), false, "cannot read the suite file"});
    return result;
  }
  NodeRef group_nodes = parsed.documents[0].root();
  for (std::size_t g = 0; g < groups.value().size(); ++g) {
    const json& group = groups.value()[g];
    CompileOptions options;
    options.draft = draft;
    options.resolver = suite_resolver;
    CompiledSchema schema = CompiledSchema::compile(group["schema"], options);
    NodeRef test_nodes = group_nodes.item(g).get("tests");
    for (std::size_t t = 0; t < group["tests"].size(); ++t) {
      const json& test = group["tests"][t];
      ++result.total;
      std::string name =
          group["description"].get<std::string>() + " / " + test["description"].get<std::string>();
      if (!schema.ok()) {
        result.failures.push_back({name, false, "compile: " + schema.error().message});
        continue;
      }
      NodeRef data = test_nodes.item(t).get("data");
      bool expected = test["valid"].get<bool>();
      bool valid = schema.is_valid(data);
      ViolationList violations = schema.validate(data);
      // The predicate and the collecting walk must agree, and a failure must say why.
      bool consistent = valid == violations.empty();
      if (valid == expected && consistent) {
        ++result.passed;
        continue;
      }
      std::string detail = "data " + test["data"].dump() + ": expected " +
                           (expected ? "valid" : "invalid") + ", is_valid says " +
                           (valid ? "valid" : "invalid") + ", validate found " +
                           std::to_string(violations.size()) + " violations";
      if (!violations.empty()) detail += " (first: " + violations[0].message + ")";
      result.failures.push_back({name, false, detail});
    }
  }
  return result;
}

struct SuiteFile {
  std::string draft;  // "draft4" / "draft7"
  std::string name;   // "ref.json", "optional/format.json", "optional/format/date.json"
};

void PrintTo(const SuiteFile& file, std::ostream* out) {
  *out << file.draft << "/" << file.name;
}

SchemaDraft draft_for(const std::string& draft) {
  return draft == "draft4" ? SchemaDraft::kDraft4 : SchemaDraft::kDraft7;
}

std::vector<SuiteFile> suite_files(bool optional) {
  std::vector<SuiteFile> files;
  for (const char* draft : {"draft4", "draft7"}) {
    fs::path dir = kSuite / "tests" / draft;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      std::string relative = fs::relative(entry.path(), dir).string();
      bool is_optional = relative.rfind("optional/", 0) == 0;
      if (is_optional == optional) files.push_back({draft, relative});
    }
  }
  std::sort(files.begin(), files.end(), [](const SuiteFile& a, const SuiteFile& b) {
    return std::tie(a.draft, a.name) < std::tie(b.draft, b.name);
  });
  return files;
}

std::string test_name(const testing::TestParamInfo<SuiteFile>& info) {
  std::string name = info.param.draft + "_" + info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// Every required keyword file: 100% of its cases must pass.
class JsonSchemaTestSuite : public testing::TestWithParam<SuiteFile> {};

TEST_P(JsonSchemaTestSuite, EveryCasePasses) {
  const SuiteFile& file = GetParam();
  FileResult result =
      run_suite_file(kSuite / "tests" / file.draft / file.name, draft_for(file.draft));
  EXPECT_GT(result.total, 0);
  for (const CaseResult& failure : result.failures) {
    ADD_FAILURE() << file.draft << "/" << file.name << ": " << failure.description << ": "
                  << failure.detail;
  }
}

INSTANTIATE_TEST_SUITE_P(Required, JsonSchemaTestSuite, testing::ValuesIn(suite_files(false)),
                         test_name);

// The optional files (formats, ECMA regex corner cases, big numbers) test behaviour the spec
// leaves open. Each known miss is listed here, so a regression or an unexpected fix both fail.
const std::set<std::string>& known_optional_misses() {
  static const std::set<std::string> misses = {
#include "tests/unit/schema/json_schema_suite_optional_misses.inc"
  };
  return misses;
}

class JsonSchemaTestSuiteOptional : public testing::TestWithParam<SuiteFile> {};

TEST_P(JsonSchemaTestSuiteOptional, OnlyKnownMisses) {
  const SuiteFile& file = GetParam();
  FileResult result =
      run_suite_file(kSuite / "tests" / file.draft / file.name, draft_for(file.draft));
  std::set<std::string> missed;
  for (const CaseResult& failure : result.failures) {
    std::string key = file.draft + "/" + file.name + ": " + failure.description;
    missed.insert(key);
    EXPECT_TRUE(known_optional_misses().count(key))
        << "new miss: " << key << ": " << failure.detail;
  }
  std::string prefix = file.draft + "/" + file.name + ": ";
  for (const std::string& known : known_optional_misses()) {
    if (known.rfind(prefix, 0) == 0) {
      EXPECT_TRUE(missed.count(known)) << "now passes, remove it from the list: " << known;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Optional, JsonSchemaTestSuiteOptional,
                         testing::ValuesIn(suite_files(true)), test_name);

TEST(JsonSchemaTestSuiteReport, WritesPassCounts) {
  const char* target = std::getenv("PUSHGATE_SCHEMA_SUITE_REPORT");
  if (target == nullptr) GTEST_SKIP() << "set PUSHGATE_SCHEMA_SUITE_REPORT=<file> to write it";
  std::ofstream out(target);
  ASSERT_TRUE(out) << target;
  out << "| draft | file | passed | cases |\n| --- | --- | ---: | ---: |\n";
  std::map<std::string, std::pair<int, int>> totals;
  for (bool optional : {false, true}) {
    for (const SuiteFile& file : suite_files(optional)) {
      FileResult r =
          run_suite_file(kSuite / "tests" / file.draft / file.name, draft_for(file.draft));
      out << "| " << file.draft << " | " << file.name << " | " << r.passed << " | " << r.total
          << " |\n";
      auto& total = totals[file.draft + (optional ? " optional" : " required")];
      total.first += r.passed;
      total.second += r.total;
    }
  }
  for (const auto& [name, total] : totals) {
    out << "| **" << name << "** | all | **" << total.first << "** | **" << total.second
        << "** |\n";
  }
}

}  // namespace
}  // namespace pushgate
