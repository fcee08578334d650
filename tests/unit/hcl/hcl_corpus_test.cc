// The two real Terragrunt repositories of ../shared/corpus-hcl (SOURCES.md there): a live layout
// and a Stacks catalog. Every finding pushgate makes on them is pinned here. No reference error
// is expected: every include, read_terragrunt_config, dependency and local source resolves,
// and the catalog's stack units (values.*, find_in_parent_folders that resolve only once a stack
// generates them) are not judged in place but where the example stacks generate them, with the
// stacks' values: there every include, dependency and values key resolves. The one file that is not
// HCL by design, a Go-template scaffold, is noted as a template at info level, not reported as an
// error.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "core/engine/engine.h"
#include "core/source/directory_snapshot.h"
#include "test_paths.h"

namespace pushgate {
namespace {

using Pins = std::set<std::string>;

std::string corpus_dir(const std::string& repo) {
  return std::string(PUSHGATE_SHARED_DIR) + "/corpus-hcl/" + repo;
}

Pins findings_in(const std::string& dir, Severity severity) {
  EXPECT_TRUE(std::filesystem::is_directory(dir)) << "no shared corpus at " << dir;
  Result<std::unique_ptr<DirectorySnapshot>> snap = DirectorySnapshot::open(dir);
  EXPECT_TRUE(snap) << snap.error().message;
  if (!snap) return {};
  const Engine engine(Config{});
  CheckRequest request;
  request.snapshot = snap.value().get();
  request.files = snap.value()->entries();
  const CheckOutcome outcome = engine.check(request);
  Pins out;
  for (const Finding& f : outcome.findings) {
    if (f.severity != severity) continue;
    if (!f.rule.starts_with("hcl/") && !f.rule.starts_with("terragrunt/") &&
        !f.rule.starts_with("terraform/")) {
      continue;
    }
    out.insert(f.path + ":" + std::to_string(f.position.line) + ":" +
               std::to_string(f.position.column) + " " + f.rule);
  }
  return out;
}

Pins findings_of(const std::string& repo, Severity severity) {
  return findings_in(corpus_dir(repo), severity);
}

TEST(HclCorpus, LiveExampleHasNoFinding) {
  const std::string repo = "gruntwork-io__terragrunt-infrastructure-live-example";
  EXPECT_EQ(findings_of(repo, Severity::kError), Pins{});
  // Sources are "${include.envcommon.locals.base_source_url}?ref=v0.8.0": pinned tags.
  EXPECT_EQ(findings_of(repo, Severity::kWarning), Pins{});
}

TEST(HclCorpus, CatalogExampleHasNoFindingButTheScaffoldNote) {
  const std::string repo = "gruntwork-io__terragrunt-infrastructure-catalog-example";
  EXPECT_EQ(findings_of(repo, Severity::kError), Pins{});
  // Every remote source's ref is ${values.version}: chosen by the stacks, not judged here.
  EXPECT_EQ(findings_of(repo, Severity::kWarning), Pins{});
  // The boilerplate scaffold (`{{ range .requiredVariables }}` inside inputs = { ... }) is a Go
  // template, not HCL by design: HashiCorp's reader stops at 13:31 in it, as pushgate's does;
  // pushgate says once, quietly, that it is a template.
  EXPECT_EQ(findings_of(repo, Severity::kInfo),
            (Pins{"modules/ecs-fargate-service/.boilerplate/terragrunt.hcl:0:0 "
                  "hcl/template-skipped"}));
}

// The catalog's units are judged where its example stacks generate them: one dependency path
// changed in a stack's values (a copy of the corpus) is reported at that value, in the stack.
TEST(HclCorpus, CatalogStackUnitsAreJudgedWhereGenerated) {
  namespace fs = std::filesystem;
  const fs::path copy =
      fs::temp_directory_path() / ("pushgate-hcl-corpus-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::copy(corpus_dir("gruntwork-io__terragrunt-infrastructure-catalog-example"), copy,
           fs::copy_options::recursive);
  const fs::path stack =
      copy / "examples/terragrunt/stacks/stateful-ecs-service/terragrunt.stack.hcl";
  std::string text;
  {
    std::ifstream in(stack);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string from = "db_path              = \"../db\"";
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "db_path              = \"../dbx\"");
  fs::permissions(stack, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(stack) << text;
  EXPECT_EQ(findings_in(copy.string(), Severity::kError),
            (Pins{"examples/terragrunt/stacks/stateful-ecs-service/terragrunt.stack.hcl:51:28 "
                  "terragrunt/dependency-path"}));
  fs::remove_all(copy);
}

}  // namespace
}  // namespace pushgate
