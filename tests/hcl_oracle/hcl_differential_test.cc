// pushgate's HCL reader against HashiCorp's (tests/hcl_oracle/main.go, built from Debian's
// golang-github-hashicorp-hcl-v2-dev): on every .hcl/.tf/.tfvars file of the corpora, both must
// read the same structure (blocks, labels, attribute names, their positions, duplicates); on
// thousands of inputs mutated from them (a character deleted, inserted or the text cut short)
// and generated from the grammar, both must agree on whether the input is HCL at all, and where
// both read it, on its structure.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/hcl/hcl.h"
#include "test_paths.h"
#include "tests/support/hcl_structure.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> out;
  for (const char* root : {PUSHGATE_SHARED_DIR "/corpus-hcl", PUSHGATE_TEST_FIXTURES "/hcl"}) {
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file() && is_hcl_path(e.path().string())) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The oracle's output per file, run once over all of `files` (batched: argument lists are finite).
std::map<std::string, std::string> oracle(const std::vector<fs::path>& files) {
  std::map<std::string, std::string> out;
  for (std::size_t begin = 0; begin < files.size(); begin += 500) {
    std::string command = PUSHGATE_HCL_ORACLE;
    for (std::size_t i = begin; i < std::min(files.size(), begin + 500); ++i) {
      command += " '" + files[i].string() + "'";
    }
    FILE* pipe = popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    if (pipe == nullptr) return out;
    std::string text;
    char buffer[65536];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command;
    std::istringstream lines(text);
    std::string line, current;
    while (std::getline(lines, line)) {
      if (line.starts_with("F ")) {
        current = line.substr(2);
        out[current];
        continue;
      }
      // The error's summary stays out: the readers word errors differently.
      if (line.starts_with("E ")) line = line.substr(0, line.find(' ', 2));
      out[current] += line + "\n";
    }
  }
  return out;
}

std::string ours(const fs::path& p) {
  return testing::hcl_structure(parse_hcl(p.string(), read_file(p), HclLimits{}));
}

bool has_error(const std::string& structure) {
  return structure.find("E ") != std::string::npos;
}

TEST(HclDifferential, CorpusFilesReadTheSameAsHashiCorpsReader) {
  const std::vector<fs::path> files = corpus_files();
  ASSERT_GE(files.size(), 100u);  // the two corpora hold 100 HCL-family files
  const auto theirs = oracle(files);
  std::size_t errors = 0;
  for (const fs::path& p : files) {
    const std::string mine = ours(p);
    ASSERT_TRUE(theirs.count(p.string())) << p;
    EXPECT_EQ(mine, theirs.at(p.string())) << p;
    errors += has_error(mine);
  }
  // The one Go-template scaffold of the catalog corpus is not HCL by design (SOURCES.md).
  EXPECT_GE(errors, 1u);
}

// Deterministic mutations of the corpus files.
std::vector<std::string> mutations(const std::string& text, std::mt19937& rng, int count) {
  static const std::string kInsert = "{}[]()\"=\n$%#/*<>-.,:?!~\\ a1";
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (int i = 0; i < count; ++i) {
    std::string m = text;
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, m.size() - 1)(rng);
    switch (i % 4) {
      case 0:
        m.erase(at, 1);
        break;
      case 1:
        m.insert(at, 1, kInsert[rng() % kInsert.size()]);
        break;
      case 2:
        m.resize(at);
        break;
      default:
        m.insert(at, kInsert.substr(rng() % kInsert.size(), 2));
        break;
    }
    out.push_back(std::move(m));
  }
  return out;
}

// Random HCL from the grammar: every expression form, nested, with heredocs and blocks.
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string body(int depth = 0) {
    std::string out;
    const int items = 1 + pick(4);
    for (int i = 0; i < items; ++i) {
      const std::string n = std::to_string(i);
      const int r = pick(10);
      if (r < 5) {
        out += "a" + n + " = " + expr() + "\n";
      } else if (r < 6) {
        out += "h" + n + " = <<" + (pick(2) ? "-" : "") +
               "EOT\n  line ${x}\n    %{if a}b%{endif}\n  EOT\n";
      } else if (r < 7) {
        out += "b" + n + " { x = " + expr() + " }\n";
      } else if (depth < 3) {
        out += "blk \"l" + n + "\" lab {\n" + body(depth + 1) + "}\n";
      }
    }
    return out;
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

  std::string expr(int depth = 0) {
    static const char* kAtoms[] = {"1",
                                   "2.5",
                                   "1e3",
                                   "true",
                                   "false",
                                   "null",
                                   "x",
                                   "var.a",
                                   "local.b[0]",
                                   "\"s\"",
                                   "\"a${x}b\"",
                                   "\"%{if c}y%{else}z%{endif}\"",
                                   "\"%{for k,v in m}${k}%{endfor}\"",
                                   "f()",
                                   "f(1, 2)",
                                   "f(x...)",
                                   "[1,2]",
                                   "[]",
                                   "{}",
                                   "{a=1}",
                                   "{\"k\":2, b = 3}",
                                   "a.*.b",
                                   "a[*].c",
                                   "[for x in y: x]",
                                   "{for k,v in m: k=>v}",
                                   "{for k,v in m: k=>v... if v}",
                                   "(1)",
                                   "-1",
                                   "!a",
                                   "a ? b : c",
                                   "a + b * c",
                                   "a == b && c || d",
                                   "\"\\n\\t\\\"\\u00e9\"",
                                   "a.0.b",
                                   "\"$${x}\"",
                                   "\"%%{x}\"",
                                   "true(1)"};
    if (depth > 3 || pick(10) < 4) return kAtoms[pick(std::size(kAtoms))];
    static const char* kOps[] = {
        "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"};
    switch (pick(8)) {
      case 0:
        return "[" + expr(depth + 1) + ", " + expr(depth + 1) + "]";
      case 1:
        return "{k = " + expr(depth + 1) + ", j = " + expr(depth + 1) + "}";
      case 2:
        return "f(" + expr(depth + 1) + ", " + expr(depth + 1) + ")";
      case 3:
        return expr(depth + 1) + " ? " + expr(depth + 1) + " : " + expr(depth + 1);
      case 4:
        return "(" + expr(depth + 1) + " " + kOps[pick(std::size(kOps))] + " " + expr(depth + 1) +
               ")";
      case 5:
        return "\"pre ${" + expr(depth + 1) + "} post\"";
      case 6:
        return "[for v in " + expr(depth + 1) + " : " + expr(depth + 1) + " if " + expr(depth + 1) +
               "]";
      default:
        return "{\n  k = " + expr(depth + 1) + "\n  j = " + expr(depth + 1) + "\n}";
    }
  }

  std::mt19937 rng_;
};

// Compares the two readers on `inputs` written to files: the same verdict on every one, the
// same structure where both read it.
void compare(const std::vector<std::string>& inputs, const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("pushgate-hcl-" + name + "-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<fs::path> files;
  for (const std::string& text : inputs) {
    const fs::path out = dir / (std::to_string(files.size()) + ".hcl");
    std::ofstream(out, std::ios::binary) << text;
    files.push_back(out);
  }
  const auto theirs = oracle(files);
  std::size_t both_invalid = 0, same_error_line = 0, disagreements = 0;
  for (const fs::path& p : files) {
    const std::string mine = ours(p);
    const std::string& other = theirs.at(p.string());
    if (has_error(mine) != has_error(other)) {
      ++disagreements;
      ADD_FAILURE() << p << " validity differs\n--- pushgate\n"
                    << mine << "--- hashicorp\n"
                    << other << "--- input\n"
                    << read_file(p);
      continue;
    }
    if (!has_error(mine)) {
      EXPECT_EQ(mine, other) << p << "\n--- input\n" << read_file(p);
      continue;
    }
    ++both_invalid;
    const auto error_line = [](const std::string& s) {
      const std::size_t e = s.find("E ");
      return s.substr(e, s.find(':', e) - e);
    };
    same_error_line += error_line(mine) == error_line(other);
  }
  std::printf("%s: %zu inputs, %zu invalid for both, first error on the same line in %zu\n",
              name.c_str(), files.size(), both_invalid, same_error_line);
  EXPECT_EQ(disagreements, 0u);
  fs::remove_all(dir);
}

TEST(HclDifferential, MutatedInputsAgreeOnWhatIsHcl) {
  std::mt19937 rng(17);
  std::vector<std::string> inputs;
  for (const fs::path& p : corpus_files()) {
    const std::string text = read_file(p);
    if (text.size() > 20000) continue;
    for (std::string& m : mutations(text, rng, 24)) inputs.push_back(std::move(m));
  }
  compare(inputs, "mutated");
}

TEST(HclDifferential, GeneratedInputsAgreeOnWhatIsHcl) {
  Generator generate(5);
  std::mt19937 rng(5);
  std::vector<std::string> inputs;
  for (int i = 0; i < 1000; ++i) {
    const std::string text = generate.body();
    inputs.push_back(text);
    for (std::string& m : mutations(text, rng, 2)) inputs.push_back(std::move(m));
  }
  compare(inputs, "generated");
}

}  // namespace
}  // namespace pushgate
