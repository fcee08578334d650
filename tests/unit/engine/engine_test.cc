#include "core/engine/engine.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include "core/source/directory_snapshot.h"
#include "tests/support/temp_repo.h"

namespace pushgate {
namespace {

using testing::TempDir;
using testing::write_file;

CheckOutcome check_dir(const std::string& dir, const Config& config = Config{},
                       unsigned threads = 2) {
  Result<std::unique_ptr<DirectorySnapshot>> snap = DirectorySnapshot::open(dir);
  EXPECT_TRUE(snap) << (snap ? "" : snap.error().message);
  if (!snap) return {};
  const Engine engine(config, threads);
  CheckRequest request;
  request.snapshot = snap.value().get();
  request.files = snap.value()->entries();
  request.ref = "refs/heads/main";
  return engine.check(request);
}

std::vector<std::string> ids(const CheckOutcome& o) {
  std::vector<std::string> out;
  for (const Finding& f : o.findings) {
    out.push_back(f.path + ":" + std::to_string(f.position.line) + ":" +
                  std::to_string(f.position.column) + " " + f.rule);
  }
  return out;
}

TEST(Engine, SelectsYamlAndJsonByDefaultAndHonoursExclude) {
  TempDir dir;
  write_file(dir / "a.yaml", "a: [\n");
  write_file(dir / "b.yml", "b: 1\nb: 2\n");
  write_file(dir / "c.json", "{,}");
  write_file(dir / "notes.txt", "a: [\n");
  write_file(dir / "vendor/x.yaml", "a: [\n");
  Config config;
  config.files.exclude = {"vendor/**"};
  const CheckOutcome o = check_dir(dir.path(), config);
  EXPECT_EQ(ids(o),
            (std::vector<std::string>{"a.yaml:2:1 yaml/syntax", "b.yml:2:1 yaml/duplicate-key",
                                      "c.json:1:2 json/syntax"}));
  EXPECT_EQ(o.stats.files, 3u);
  for (const Finding& f : o.findings) EXPECT_EQ(f.ref, "refs/heads/main");
}

TEST(Engine, AttachesTheSourceLineForCodeFrames) {
  TempDir dir;
  write_file(dir / "a.yaml", "metadata:\n  name: a\n  name: b\n");
  const CheckOutcome o = check_dir(dir.path());
  ASSERT_EQ(o.findings.size(), 1u);
  EXPECT_EQ(o.findings[0].source_line, "  name: b");
}

TEST(Engine, HelmChartTemplatesAreNotParsed) {
  TempDir dir;
  write_file(dir / "chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
  write_file(dir / "chart/templates/deploy.yaml", "{{- if .Values.x }}\nkind: {{ .Values.k }}\n");
  write_file(dir / "other/templates/deploy.yaml", "a: [\n");  // no chart: parsed
  const CheckOutcome o = check_dir(dir.path());
  EXPECT_EQ(ids(o), (std::vector<std::string>{"other/templates/deploy.yaml:2:1 yaml/syntax"}));
}

TEST(Engine, BrokenFilesWithTemplatesOutsideChartsAreErrors) {
  TempDir dir;
  write_file(dir / "t.yaml", "kind: ConfigMap\ndata:\n  {{- range .items }}\n  x: y\n");
  write_file(dir / "quoted.yaml", "a: '{{ x }}'\nb: [\n");  // templates only in strings: an error
  const CheckOutcome o = check_dir(dir.path());
  ASSERT_EQ(o.findings.size(), 2u);
  EXPECT_EQ(o.findings[0].rule, "yaml/syntax");
  EXPECT_EQ(o.findings[0].path, "quoted.yaml");
  // Not under a chart's templates/: YAML that must parse, `{{` or not.
  EXPECT_EQ(o.findings[1].rule, "yaml/syntax");
  EXPECT_EQ(o.findings[1].path, "t.yaml");
  EXPECT_EQ(o.findings[1].severity, Severity::kError);
}

TEST(Engine, ChartFilesAKustomizationNamesAreValidated) {
  TempDir dir;
  write_file(dir / "app/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
  write_file(dir / "app/kustomization.yaml",
             "resources: [templates/cm.yaml]\npatches:\n- path: ./templates/patch.yaml\n");
  write_file(dir / "app/templates/cm.yaml", "kind: ConfigMap\ndata: [\n");
  write_file(dir / "app/templates/patch.yaml", "kind: ConfigMap\n  bad: indent\n");
  write_file(dir / "app/templates/real.yaml", "{{- if .Values.x }}\nkind: {{ .Values.k }}\n");
  // Named from another folder, through `..`.
  write_file(dir / "chart2/Chart.yaml", "apiVersion: v2\nname: d\nversion: 1.0.0\n");
  write_file(dir / "chart2/templates/svc.yaml", "kind: Service\nspec: {\n");
  write_file(dir / "overlay/kustomization.yaml", "resources:\n- ../chart2/templates/svc.yaml\n");
  const CheckOutcome o = check_dir(dir.path());
  std::vector<std::string> paths;
  for (const Finding& f : o.findings) {
    if (f.severity == Severity::kError && f.rule.starts_with("yaml/")) paths.push_back(f.path);
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"app/templates/cm.yaml", "app/templates/patch.yaml",
                                             "chart2/templates/svc.yaml"}))
      << ::testing::PrintToString(ids(o));
}

TEST(Engine, APushOverMaxPushBytesIsRefusedBeforeAnyRead) {
  TempDir dir;
  write_file(dir / "a.yaml", "a: " + std::string(100, 'x') + "\n");
  write_file(dir / "b.yaml", "b: [\n");  // broken: never read, so never reported
  Config config;
  config.files.max_push_bytes = 100;
  const CheckOutcome o = check_dir(dir.path(), config);
  EXPECT_EQ(ids(o), (std::vector<std::string>{":0:0 git/push-too-large"}));
  EXPECT_EQ(o.stats.files, 0u);
  config.files.max_push_bytes = 1000;
  EXPECT_EQ(ids(check_dir(dir.path(), config)),
            (std::vector<std::string>{"b.yaml:2:1 yaml/syntax"}));
}

TEST(Engine, ALargeFileIsJudgedByANulInItsStart) {
  TempDir dir;
  std::string big = "a: 1\n";
  big += '\0';
  big += std::string(200 * 1024, 'x');
  write_file(dir / "big.yaml", big);
  Config config;
  config.files.max_size = 1024 * 1024;
  const CheckOutcome o = check_dir(dir.path(), config);
  EXPECT_EQ(ids(o), (std::vector<std::string>{"big.yaml:2:1 yaml/encoding"}));
}

// Issue 13, class 8: the default files.max_size (16 MiB) parses a 5 MB ConfigMap, and the
// object is refused for what the API server refuses, its size; a file over 16 MiB is not read.
TEST(Engine, ByDefaultA5MBConfigMapIsRefusedForItsObjectSize) {
  TempDir dir;
  write_file(dir / "big.yaml",
             "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n"
             "  blob: " +
                 std::string(5'000'000, 'x') + "\n");
  write_file(dir / "huge.yaml", "a: " + std::string(16 * 1024 * 1024, 'x') + "\n");
  const CheckOutcome o = check_dir(dir.path());
  EXPECT_EQ(ids(o), (std::vector<std::string>{"big.yaml:1:1 k8s/object-size",
                                              "huge.yaml:0:0 yaml/too-large"}));
}

TEST(Engine, TooLargeFilesAreNotRead) {
  TempDir dir;
  write_file(dir / "big.yaml", "a: " + std::string(2000, 'x') + "\n");
  Config config;
  config.files.max_size = 1000;
  const CheckOutcome o = check_dir(dir.path(), config);
  EXPECT_EQ(ids(o), (std::vector<std::string>{"big.yaml:0:0 yaml/too-large"}));
}

TEST(Engine, SymlinksOutsideTheTreeAreErrorsAndNeverFollowed) {
  TempDir dir;
  write_file(dir / "apps/real.yaml", "a: 1\n");
  ASSERT_EQ(symlink("/etc/passwd", (dir / "apps/abs.yaml").c_str()), 0);
  ASSERT_EQ(symlink("../../outside.yaml", (dir / "apps/up.yaml").c_str()), 0);
  ASSERT_EQ(symlink("../apps/real.yaml", (dir / "apps/inside.yaml").c_str()), 0);
  const CheckOutcome o = check_dir(dir.path());
  EXPECT_EQ(ids(o), (std::vector<std::string>{"apps/abs.yaml:0:0 gitops/symlink-escape",
                                              "apps/up.yaml:0:0 gitops/symlink-escape"}));
}

TEST(Engine, ResultsDoNotDependOnTheNumberOfWorkers) {
  TempDir dir;
  for (int i = 0; i < 60; ++i) {
    write_file(dir / ("f" + std::to_string(i) + ".yaml"),
               i % 3 == 0 ? "a: [\n" : (i % 3 == 1 ? "k: 1\nk: 2\n" : "ok: true\n"));
  }
  const CheckOutcome one = check_dir(dir.path(), Config{}, 1);
  const CheckOutcome many = check_dir(dir.path(), Config{}, 8);
  EXPECT_EQ(ids(one), ids(many));
  EXPECT_EQ(one.findings.size(), 40u);
  EXPECT_EQ(one.stats.documents, many.stats.documents);
}

TEST(Engine, ApiVersionWithoutKindIsAnError) {
  TempDir dir;
  write_file(dir / "a.yaml", "apiVersion: v1\nmetadata: {name: x}\n---\nfoo: bar\n");
  const CheckOutcome o = check_dir(dir.path());
  EXPECT_EQ(ids(o), (std::vector<std::string>{"a.yaml:1:1 schema/api-version-kind"}));
}

}  // namespace
}  // namespace pushgate
