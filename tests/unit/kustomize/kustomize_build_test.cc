#include "core/kustomize/kustomize_build.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/process/isolated_process.h"
#include "core/process/scratch_dir.h"
#include "core/tree/kustomization_file.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::MemorySnapshot;

const std::string kBase = "resources: [web.yaml]\n";
const std::string kWeb =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations: {team: a}\n"
    "spec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - {name: web, image: "
    "nginx:1.25}\n";
const std::string kOverlay =
    "namespace: prod\nnamePrefix: p-\nresources: [../base]\nconfigMapGenerator:\n- name: cfg\n"
    "  literals: [a=b]\n";

// The real binary, when this machine has one (kubectl ships kustomize); the tests that need
// it say so and skip elsewhere. The stand-in tests below run everywhere.
std::optional<KustomizeProgram> real_kustomize() {
  return find_kustomize("");
}

Result<KustomizeBuild> build(const MemorySnapshot& snapshot, const std::string& folder,
                             const std::vector<std::string>& folders,
                             const KustomizeBuildLimits& limits = {},
                             std::optional<KustomizeProgram> program = real_kustomize()) {
  const TreeView tree(snapshot, ParseLimits{});
  return kustomize_build(*program, tree, folder, folders, limits);
}

// A stand-in `kustomize` the test writes: a shell script (the test's own, never pushed content).
class StandIn {
 public:
  explicit StandIn(const std::string& body) : dir_("test") {
    path_ = dir_.path() + "/kustomize";
    (void)write_private_file(path_, "#!/bin/bash\n" + body);
    ::chmod(path_.c_str(), 0700);
  }
  KustomizeProgram program() const { return KustomizeProgram{path_, false}; }
  const std::string& path() const { return path_; }

 private:
  ScratchDir dir_;
  std::string path_;
};

TEST(KustomizeBuild, RendersAnOverlayWithEachObjectsOrigin) {
  if (!real_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot snapshot({{"apps/base/kustomization.yaml", kBase},
                                 {"apps/base/web.yaml", kWeb},
                                 {"apps/prod/kustomization.yaml", kOverlay}});
  Result<KustomizeBuild> result = build(snapshot, "apps/prod", {"apps/prod", "apps/base"});
  ASSERT_TRUE(result) << result.error().message;
  const KustomizeBuild& b = result.value();
  ASSERT_EQ(b.outcome, KustomizeBuild::Outcome::kBuilt) << b.message;
  const ParsedFile rendered = parse_yaml("out.yaml", b.output, ParseLimits{});
  ASSERT_EQ(rendered.documents.size(), 2u) << b.output;
  ASSERT_EQ(b.origins.size(), 2u);
  // kustomize orders ConfigMaps before Deployments.
  EXPECT_EQ(rendered.documents[0].root().get_string("kind"), "ConfigMap");
  EXPECT_EQ(b.origins[0].path, "");
  EXPECT_EQ(b.origins[0].configured_in, "apps/prod/kustomization.yaml");
  const NodeRef web = rendered.documents[1].root();
  EXPECT_EQ(web.get("metadata").get_string("name"), "p-web");
  EXPECT_EQ(web.get("metadata").get_string("namespace"), "prod");
  EXPECT_EQ(b.origins[1].path, "apps/base/web.yaml");
  // The origin annotations pushgate asked for are gone again; the object's own stay.
  EXPECT_EQ(b.output.find("config.kubernetes.io/origin"), std::string::npos) << b.output;
  EXPECT_EQ(web.get("metadata").get("annotations").get_string("team"), "a");
  EXPECT_FALSE(rendered.documents[0].root().get("metadata").get("annotations"));
  EXPECT_TRUE(rendered.documents[0].root().get("metadata").get_string("name").starts_with("p-cfg-"))
      << b.output;
  // As root, a static kubectl or kustomize runs chrooted into the scratch folder.
  if (::getuid() == 0 && statically_linked(real_kustomize()->path)) {
    EXPECT_TRUE(b.root_confined);
  }
}

TEST(KustomizeBuild, FailuresSpeakOfTreePathsNotTheScratchCopy) {
  if (!real_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot snapshot(std::map<std::string, std::string>{
      {"apps/prod/kustomization.yaml", "resources: [x.yaml]\n"}});
  Result<KustomizeBuild> result = build(snapshot, "apps/prod", {"apps/prod"});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result.value().outcome, KustomizeBuild::Outcome::kFailed);
  EXPECT_NE(result.value().message.find("apps/prod/x.yaml"), std::string::npos)
      << result.value().message;
  EXPECT_EQ(result.value().message.find("/tmp/"), std::string::npos) << result.value().message;
  // The wrapper's own layer of the error (pushgate's, not the user's) is gone.
  EXPECT_EQ(result.value().message.find("'apps/prod' must resolve"), std::string::npos)
      << result.value().message;
}

TEST(KustomizeBuild, NeverFollowsSymlinksOutOfTheTree) {
  if (!real_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot snapshot({{"k/kustomization.yaml", "resources: [passwd.yaml]\n"},
                                 {"k/passwd.yaml", "symlink:/etc/passwd"}});
  Result<KustomizeBuild> result = build(snapshot, "k", {"k"});
  ASSERT_TRUE(result);
  EXPECT_EQ(result.value().outcome, KustomizeBuild::Outcome::kFailed);
  EXPECT_EQ(result.value().output.find("root:"), std::string::npos);
}

TEST(KustomizeBuild, FetchesNothingFromTheNetwork) {
  if (!real_kustomize()) GTEST_SKIP() << "no kustomize or kubectl binary on this machine";
  const MemorySnapshot snapshot(std::map<std::string, std::string>{
      {"k/kustomization.yaml",
       "resources:\n- https://raw.githubusercontent.com/kubernetes/website/main/x.yaml\n"
       "- github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n"}});
  Result<KustomizeBuild> result = build(snapshot, "k", {"k"});
  ASSERT_TRUE(result);
  EXPECT_EQ(result.value().outcome, KustomizeBuild::Outcome::kFailed) << result.value().output;
}

TEST(KustomizeBuild, StandInSeesTheConfinedInvocation) {
  const StandIn stand_in(
      "echo \"args: $*\" >&2; echo \"cwd: $PWD\" >&2; /bin/ls -A \"$PWD\" >&2; "
      "/bin/ls -A \"$PWD/../tree/k\" >&2; /usr/bin/env | /bin/grep -E '^(PATH|HTTPS_PROXY|HOME)=' "
      "| /bin/sed 's|^PATH=/|PATH=@|' >&2; exit 1\n");
  const MemorySnapshot snapshot({{"k/kustomization.yaml", "resources: [a.yaml]\n"},
                                 {"k/a.yaml", "kind: ConfigMap\n"},
                                 {"k/link.yaml", "symlink:/etc/passwd"},
                                 {"other/b.yaml", "kind: ConfigMap\n"}});
  Result<KustomizeBuild> result = build(snapshot, "k", {"k"}, {}, stand_in.program());
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result.value().outcome, KustomizeBuild::Outcome::kFailed);
  const std::string& seen = result.value().message;
  // kustomize build <wrapper> with every dangerous feature off, explicitly.
  EXPECT_NE(seen.find("args: build . --enable-alpha-plugins=false --enable-helm=false "
                      "--network=false --load-restrictor=LoadRestrictionsRootOnly"),
            std::string::npos)
      << seen;
  EXPECT_NE(seen.find("cwd: (build)"), std::string::npos) << seen;
  EXPECT_NE(seen.find("PATH=@nonexistent"), std::string::npos) << seen;
  EXPECT_NE(seen.find("HTTPS_PROXY=http://127.0.0.1:9"), std::string::npos) << seen;
  EXPECT_NE(seen.find("HOME=(scratch)/home"), std::string::npos) << seen;
  // The copy: the wrapper in the build folder; the kustomization's folder without the symlink.
  EXPECT_NE(seen.find("kustomization.yaml a.yaml kustomization.yaml"), std::string::npos) << seen;
  EXPECT_EQ(seen.find("link.yaml"), std::string::npos) << seen;
  EXPECT_EQ(seen.find("b.yaml"), std::string::npos) << seen;
}

TEST(KustomizeBuild, PathsThatLeaveTheTreeAreRefusedBeforeAnyBuild) {
  ScratchDir marks("test");
  const StandIn stand_in("/usr/bin/touch " + marks.path() + "/ran; exit 0\n");
  // In the kustomization built, and in a base it includes; absolute paths and `..` past the root.
  const std::vector<std::pair<std::string, Position>> cases = {
      {"resources:\n- ../base\n- ../../../srv/app\n", Position{3, 3}},
      {"resources: [../base]\ncomponents: [/etc]\n", Position{2, 14}},
      {"resources: [../base]\npatches:\n- path: ../../../x.yaml\n", Position{3, 9}},
      {"resources: [../base]\ntransformers: [../../../t.yaml]\n", Position{2, 16}},
      {"resources: [../base]\nconfigMapGenerator:\n- name: c\n  files: [k=../../../../f]\n",
       Position{4, 11}},
  };
  for (const auto& [overlay, where] : cases) {
    const MemorySnapshot snapshot({{"apps/base/kustomization.yaml", kBase},
                                   {"apps/base/web.yaml", kWeb},
                                   {"apps/prod/kustomization.yaml", overlay}});
    Result<KustomizeBuild> result =
        build(snapshot, "apps/prod", {"apps/prod", "apps/base"}, {}, stand_in.program());
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result.value().outcome, KustomizeBuild::Outcome::kOutsideTree) << overlay;
    EXPECT_EQ(result.value().where_path, "apps/prod/kustomization.yaml");
    EXPECT_EQ(result.value().where.line, where.line) << overlay;
    EXPECT_EQ(result.value().where.column, where.column) << overlay;
    EXPECT_NE(result.value().message.find("leaves the repository"), std::string::npos);
  }
  const MemorySnapshot in_base({{"apps/base/kustomization.yaml", "resources: [../../../srv]\n"},
                                {"apps/prod/kustomization.yaml", kOverlay}});
  Result<KustomizeBuild> base =
      build(in_base, "apps/prod", {"apps/prod", "apps/base"}, {}, stand_in.program());
  ASSERT_TRUE(base);
  EXPECT_EQ(base.value().outcome, KustomizeBuild::Outcome::kOutsideTree);
  EXPECT_EQ(base.value().where_path, "apps/base/kustomization.yaml");
  EXPECT_FALSE(std::filesystem::exists(marks.path() + "/ran")) << "kustomize ran";
  // `..` that stays inside the tree is fine.
  const MemorySnapshot inside({{"apps/base/kustomization.yaml", kBase},
                               {"apps/base/web.yaml", kWeb},
                               {"apps/prod/kustomization.yaml", kOverlay}});
  Result<KustomizeBuild> ok =
      build(inside, "apps/prod", {"apps/prod", "apps/base"}, {}, stand_in.program());
  ASSERT_TRUE(ok);
  EXPECT_NE(ok.value().outcome, KustomizeBuild::Outcome::kOutsideTree);
  EXPECT_TRUE(std::filesystem::exists(marks.path() + "/ran"));
}

TEST(KustomizeBuild, ErrorTextNeverShowsAPathOutsideTheTree) {
  const StandIn stand_in(
      "echo \"Error: accumulating resources: '/srv/secret/app': evalsymlink failure on "
      "'/srv/secret/app' : lstat /srv/secret/app: no such file, see https://kubectl.docs/x\" >&2; "
      "exit 1\n");
  const MemorySnapshot snapshot(
      std::map<std::string, std::string>{{"k/kustomization.yaml", "resources: []\n"}});
  Result<KustomizeBuild> result = build(snapshot, "k", {"k"}, {}, stand_in.program());
  ASSERT_TRUE(result);
  const std::string& message = result.value().message;
  EXPECT_EQ(message.find("/srv"), std::string::npos) << message;
  EXPECT_NE(message.find("'(a path outside the repository)'"), std::string::npos) << message;
  EXPECT_NE(message.find("https://kubectl.docs/x"), std::string::npos) << message;
}

TEST(KustomizationPaths, PathInTreeIsWorkedOutOnTheTextAlone) {
  EXPECT_EQ(path_in_tree("apps/prod", "../base"), "apps/base");
  EXPECT_EQ(path_in_tree("apps/prod", "./x/../y.yaml"), "apps/prod/y.yaml");
  EXPECT_EQ(path_in_tree("apps/prod", "../.."), "");
  EXPECT_EQ(path_in_tree("", "a//b/"), "a/b");
  EXPECT_FALSE(path_in_tree("apps/prod", "../../.."));
  EXPECT_FALSE(path_in_tree("", ".."));
  EXPECT_FALSE(path_in_tree("apps", "/etc"));
  EXPECT_FALSE(path_in_tree("apps", "a/../../../b"));
}

TEST(KustomizeBuild, StandInThatHangsIsStoppedAtTheTimeLimit) {
  const StandIn stand_in("/bin/sleep 60\n");
  const MemorySnapshot snapshot(
      std::map<std::string, std::string>{{"k/kustomization.yaml", "resources: []\n"}});
  KustomizeBuildLimits limits;
  limits.timeout = std::chrono::milliseconds(200);
  Result<KustomizeBuild> result = build(snapshot, "k", {"k"}, limits, stand_in.program());
  ASSERT_TRUE(result);
  EXPECT_EQ(result.value().outcome, KustomizeBuild::Outcome::kTimedOut);
  EXPECT_NE(result.value().message.find("200 ms"), std::string::npos);
}

TEST(KustomizeBuild, StopsAtTheCopyAndOutputLimits) {
  const StandIn stand_in("/usr/bin/yes 'a: b'\n");
  const MemorySnapshot snapshot(
      {{"k/kustomization.yaml", "resources: [a.yaml]\n"}, {"k/a.yaml", "kind: ConfigMap\n"}});
  KustomizeBuildLimits few_files;
  few_files.max_files = 1;
  Result<KustomizeBuild> copy = build(snapshot, "k", {"k"}, few_files, stand_in.program());
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy.value().outcome, KustomizeBuild::Outcome::kTooLarge);
  EXPECT_NE(copy.value().message.find("more than 1 files"), std::string::npos);
  KustomizeBuildLimits small_output;
  small_output.max_output = 10'000;
  Result<KustomizeBuild> output = build(snapshot, "k", {"k"}, small_output, stand_in.program());
  ASSERT_TRUE(output);
  EXPECT_EQ(output.value().outcome, KustomizeBuild::Outcome::kTooLarge);
  EXPECT_NE(output.value().message.find("10000 bytes"), std::string::npos);
}

TEST(KustomizeBuild, StandInTooOldForOriginAnnotationsIsToldApartFromABrokenTree) {
  const StandIn stand_in("echo 'Error: json: unknown field \"buildMetadata\"' >&2; exit 1\n");
  const MemorySnapshot snapshot(
      std::map<std::string, std::string>{{"k/kustomization.yaml", "resources: []\n"}});
  Result<KustomizeBuild> result = build(snapshot, "k", {"k"}, {}, stand_in.program());
  ASSERT_TRUE(result);
  EXPECT_EQ(result.value().outcome, KustomizeBuild::Outcome::kTooOld);
  // The user's own buildMetadata, invalid, is the tree's failure: it must reject, not pass.
  const StandIn rejects_value("echo 'Error: invalid buildMetadata option: bogus' >&2; exit 1\n");
  Result<KustomizeBuild> invalid = build(snapshot, "k", {"k"}, {}, rejects_value.program());
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid.value().outcome, KustomizeBuild::Outcome::kFailed);
}

TEST(KustomizeBuild, FindsOnlyAbsoluteProgramsNamedLikeKustomize) {
  const StandIn stand_in("exit 0\n");
  EXPECT_EQ(find_kustomize(stand_in.path())->path, stand_in.path());
  EXPECT_FALSE(find_kustomize(stand_in.path())->kubectl);
  EXPECT_FALSE(find_kustomize("kustomize"));  // relative: never a PATH search
  EXPECT_FALSE(find_kustomize("/bin/sh"));    // executable, but not kustomize
  EXPECT_FALSE(find_kustomize("/nonexistent/kustomize"));
  if (std::optional<KustomizeProgram> kubectl = find_kustomize("/usr/bin/kubectl")) {
    EXPECT_TRUE(kubectl->kubectl);
  }
}

}  // namespace
}  // namespace pushgate
