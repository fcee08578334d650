#include "core/tree/object_index_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "core/tree/tree_view.h"
#include "tests/support/memory_snapshot.h"

namespace pushgate {
namespace {

using testing::MemorySnapshot;

class ObjectIndexStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pushgate-index-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string index_path() const { return (dir_ / "pushgate" / "object-index").string(); }
  std::string key() const { return ObjectIndexStore::index_key(ParseLimits{}); }

  std::filesystem::path dir_;
};

// Every file's summary, by path, from an inventory.
std::map<std::string, FileSummary> summaries_of(const ObjectInventory& inventory) {
  std::map<std::string, FileSummary> out;
  for (const InventoryFile& f : inventory.files()) out[f.entry->path] = *f.summary;
  return out;
}

TEST(FileSummary, KeepsIdentitiesAndGitOpsBodies) {
  const ParsedFile parsed = parse_yaml("a.yaml",
                                       "apiVersion: v1\nkind: ConfigMap\n"
                                       "metadata: {name: cm, namespace: team}\n"
                                       "---\n"
                                       "apiVersion: source.toolkit.fluxcd.io/v1\n"
                                       "kind: GitRepository\nmetadata: {name: fleet}\n"
                                       "spec: {url: https://example.com/fleet.git}\n"
                                       "---\n"
                                       "just: data\n",
                                       ParseLimits{});
  const FileSummary s = summarize(parsed);
  ASSERT_EQ(s.objects.size(), 2u);
  EXPECT_EQ(s.objects[0].kind, "ConfigMap");
  EXPECT_EQ(s.objects[0].namespace_, "team");
  EXPECT_EQ(s.objects[0].group(), "");
  EXPECT_TRUE(s.objects[0].body.is_null());
  EXPECT_EQ(s.objects[1].name, "fleet");
  EXPECT_EQ(s.objects[1].group(), "source.toolkit.fluxcd.io");
  EXPECT_EQ(s.objects[1].document, 1u);
  EXPECT_EQ(s.objects[1].position.line, 5u);
  EXPECT_EQ(s.objects[1].body.json()["spec"]["url"], "https://example.com/fleet.git");
  EXPECT_FALSE(s.sops_encrypted);
}

TEST(FileSummary, ListItemsAreTheObjects) {
  const ParsedFile parsed = parse_yaml("l.yaml",
                                       "apiVersion: v1\nkind: List\nitems:\n"
                                       "  - apiVersion: v1\n    kind: ConfigMap\n"
                                       "    metadata: {name: a}\n"
                                       "  - not: an object\n"
                                       "  - apiVersion: v1\n    kind: Secret\n"
                                       "    metadata: {name: b}\n",
                                       ParseLimits{});
  const FileSummary s = summarize(parsed);
  ASSERT_EQ(s.objects.size(), 2u);
  EXPECT_EQ(s.objects[0].kind, "ConfigMap");
  EXPECT_EQ(s.objects[0].position, (Position{4, 5}));
  EXPECT_EQ(s.objects[1].name, "b");
  EXPECT_EQ(s.objects[1].document, 0u);
}

TEST(FileSummary, KeepsWhatAKustomizationLists) {
  const ParsedFile parsed =
      parse_yaml("k/kustomization.yaml",
                 "namespace: shop\nnamePrefix: p-\nresources: [a.yaml, ../base]\n"
                 "patches: [{path: patch.yaml}]\n",
                 ParseLimits{});
  const FileSummary s = summarize(parsed);
  ASSERT_TRUE(s.kustomization);
  EXPECT_EQ(s.kustomization->namespace_, "shop");
  EXPECT_EQ(s.kustomization->name_prefix, "p-");
  ASSERT_EQ(s.kustomization->references.size(), 3u);
  EXPECT_EQ(s.kustomization->references[1].path, "../base");
  EXPECT_TRUE(s.kustomization->references[1].file_or_kustomization);
  EXPECT_FALSE(s.kustomization->references[2].file_or_kustomization);
  Result<FileSummary> back = decode_file_summary(encode_file_summary(s));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back.value(), s);
  // A Flux Kustomization is no kustomize kustomization, whatever its file is called.
  EXPECT_FALSE(summarize(parse_yaml("kustomization.yaml",
                                    "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                                    "kind: Kustomization\nmetadata: {name: x}\n",
                                    ParseLimits{}))
                   .kustomization);
}

TEST(FileSummary, SeesSopsEncryptedFiles) {
  const ParsedFile parsed = parse_yaml(
      "s.yaml",
      "kind: Secret\ndata:\n  a: ENC[AES256_GCM,data:x]\nsops:\n  mac: ENC[x]\n  version: 3.8.1\n",
      ParseLimits{});
  EXPECT_TRUE(summarize(parsed).sops_encrypted);
}

TEST(FileSummary, EncodingRoundTripsAwkwardText) {
  FileSummary s;
  s.complete = false;
  SummarizedObject o;
  o.api_version = "argoproj.io/v1alpha1";
  o.kind = "Application";
  o.name = "-";
  o.namespace_ = "a b%c\n\td";
  o.document = 3;
  o.position = {7, 2};
  o.body = nlohmann::json::parse(R"({"spec": {"path": "a b\n%20", "x": [1, null, "é"]}})");
  s.objects.push_back(o);
  s.objects.push_back(SummarizedObject{});
  Result<FileSummary> back = decode_file_summary(encode_file_summary(s));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back.value(), s);
}

TEST_F(ObjectIndexStoreTest, SecondRunReadsNothingTheIndexHolds) {
  const MemorySnapshot snap({{"a.yaml", "kind: A\nmetadata: {name: a}\n"},
                             {"b/c.json", "{\"kind\": \"B\", \"metadata\": {\"name\": \"b\"}}"},
                             {"readme.md", "# no"}});
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    EXPECT_EQ(store.load_state(), ObjectIndexStore::LoadState::kMissing);
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    EXPECT_EQ(tree.inventory().summarized(), 3u);  // no selector: every file
    ASSERT_TRUE(store.save());
  }
  ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
  EXPECT_EQ(store.load_state(), ObjectIndexStore::LoadState::kLoaded);
  const TreeView tree(snap, ParseLimits{}, {}, &store);
  EXPECT_EQ(tree.inventory().summarized(), 0u);
  ASSERT_EQ(tree.inventory().objects().size(), 2u);
  EXPECT_EQ(tree.inventory().of_kind("B").at(0).entry->path, "b/c.json");
  Result<bool> wrote = store.save();
  ASSERT_TRUE(wrote);
  EXPECT_FALSE(wrote.value());  // nothing new: the index is not rewritten
}

TEST_F(ObjectIndexStoreTest, CorruptOrStaleIndexIsIgnoredAndRewritten) {
  const MemorySnapshot snap(
      std::map<std::string, std::string>{{"a.yaml", "kind: A\nmetadata: {name: a}\n"}});
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    (void)tree.inventory();
    ASSERT_TRUE(store.save());
  }
  std::string text;
  {
    std::ifstream in(index_path(), std::ios::binary);
    std::stringstream b;
    b << in.rdbuf();
    text = b.str();
  }
  // One edited byte (the kind, in the entry's payload): its checksum catches it when the entry
  // is read; the summary is computed again and the index rewritten.
  const std::size_t at = text.rfind(std::string{'\x01', 'A'});
  ASSERT_NE(at, std::string::npos);
  std::string edited = text;
  edited[at + 1] = 'Z';
  std::ofstream(index_path(), std::ios::binary | std::ios::trunc) << edited;
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    EXPECT_EQ(tree.inventory().summarized(), 1u);
    EXPECT_EQ(tree.inventory().objects()[0].object->kind, "A");  // not "Z"
    EXPECT_NE(store.load_problem().find("checksum"), std::string_view::npos);
    Result<bool> wrote = store.save();
    ASSERT_TRUE(wrote);
    EXPECT_TRUE(wrote.value());  // rewritten without the damaged entry
  }
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    EXPECT_EQ(tree.inventory().summarized(), 0u);
    EXPECT_EQ(store.decoded(), 1u);
  }
  // One edited byte of a payload is caught when it is read; one of the key or the table makes
  // the file corrupt as a whole.
  edited = text;
  edited[text.size() - 1] ^= 0x40;  // the last byte of the last payload
  std::ofstream(index_path(), std::ios::binary | std::ios::trunc) << edited;
  EXPECT_EQ(ObjectIndexStore::open(index_path(), key()).load_state(),
            ObjectIndexStore::LoadState::kLoaded);  // a payload byte: caught when read
  edited = text;
  edited[70] ^= 0x01;  // the key or the table
  std::ofstream(index_path(), std::ios::binary | std::ios::trunc) << edited;
  EXPECT_EQ(ObjectIndexStore::open(index_path(), key()).load_state(),
            ObjectIndexStore::LoadState::kCorrupt);
  // Truncated (a torn write could not produce this, but a full disk or an editor can).
  std::ofstream(index_path(), std::ios::binary | std::ios::trunc)
      << text.substr(0, text.size() / 2);
  EXPECT_EQ(ObjectIndexStore::open(index_path(), key()).load_state(),
            ObjectIndexStore::LoadState::kCorrupt);
  // Another key (another pushgate version or other parse limits): never trusted.
  std::ofstream(index_path(), std::ios::binary | std::ios::trunc) << text;
  ParseLimits other;
  other.max_depth = 10;
  const ObjectIndexStore stale =
      ObjectIndexStore::open(index_path(), ObjectIndexStore::index_key(other));
  EXPECT_EQ(stale.load_state(), ObjectIndexStore::LoadState::kStale);
  EXPECT_EQ(stale.size(), 0u);
  // An index of format 3 (text) is stale too, and rewritten.
  std::ofstream(index_path(), std::ios::binary | std::ios::trunc)
      << "pushgate-object-index 3/0.2.0/1048576/100/1000000\nend 0 0000000000000000\n"
      << std::string(64, '\n');
  EXPECT_EQ(ObjectIndexStore::open(index_path(), key()).load_state(),
            ObjectIndexStore::LoadState::kStale);
}

// The format is fail-safe: an index cut at any length, or with any one bit flipped, is never
// trusted and never a crash: the inventory read through it is the one a full parse gives, and
// the same run's save() leaves an intact index behind.
TEST_F(ObjectIndexStoreTest, TruncatedOrBitFlippedIndexIsRebuilt) {
  std::map<std::string, std::string> files;
  for (int i = 0; i < 6; ++i) {
    files["f" + std::to_string(i) + ".yaml"] =
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {name: g" +
        std::to_string(i) + ", namespace: flux-system}\nspec: {url: https://e.com/" +
        std::to_string(i) + ".git, ref: {tag: v1}}\n";
  }
  files["k/kustomization.yaml"] = "namespace: shop\nresources: [../f0.yaml, ../f1.yaml]\n";
  files["c.json"] = "{\"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}}";
  const MemorySnapshot snap(files);
  const TreeView fresh(snap, ParseLimits{}, {});
  const std::map<std::string, FileSummary> expected = summaries_of(fresh.inventory());
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    ASSERT_EQ(summaries_of(tree.inventory()), expected);
    ASSERT_TRUE(store.save());
  }
  std::string intact;
  {
    std::ifstream in(index_path(), std::ios::binary);
    std::stringstream b;
    b << in.rdbuf();
    intact = b.str();
  }
  ASSERT_GT(intact.size(), 64u);
  auto judge = [&](const std::string& damaged, const std::string& what) {
    std::ofstream(index_path(), std::ios::binary | std::ios::trunc) << damaged;
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    ASSERT_EQ(summaries_of(tree.inventory()), expected) << what;
    ASSERT_TRUE(store.save()) << what;
    // What the run left behind is intact: the next run parses nothing.
    ObjectIndexStore next = ObjectIndexStore::open(index_path(), key());
    ASSERT_EQ(next.load_state(), ObjectIndexStore::LoadState::kLoaded) << what;
    const TreeView again(snap, ParseLimits{}, {}, &next);
    ASSERT_EQ(summaries_of(again.inventory()), expected) << what;
    ASSERT_EQ(again.inventory().summarized(), 0u) << what;
  };
  for (std::size_t size = 0; size < intact.size(); ++size) {
    judge(intact.substr(0, size), "truncated to " + std::to_string(size));
  }
  for (std::size_t at = 0; at < intact.size(); ++at) {
    std::string flipped = intact;
    flipped[at] = static_cast<char>(flipped[at] ^ (1 << (at % 8)));
    judge(flipped, "bit " + std::to_string(at % 8) + " of byte " + std::to_string(at));
  }
}

// Random trees and random changes: the inventory built from the index (kept on disk and read
// again between steps, as pushes do) is always the one a fresh parse of the whole tree builds.
TEST_F(ObjectIndexStoreTest, IndexedInventoryEqualsAFullParseOnRandomChanges) {
  std::mt19937 random(20261126);
  const std::vector<std::string> kinds = {"ConfigMap", "Kustomization", "GitRepository",
                                          "Application", "AppProject"};
  const std::vector<std::string> groups = {"v1", "kustomize.toolkit.fluxcd.io/v1",
                                           "source.toolkit.fluxcd.io/v1", "argoproj.io/v1alpha1"};
  auto random_file = [&](std::size_t i) {
    std::string text;
    const int docs = static_cast<int>(random() % 3);
    for (int d = 0; d <= docs; ++d) {
      if (d > 0) text += "---\n";
      switch (random() % 6) {
        case 0:
          text += "a: [\n";  // broken YAML
          break;
        case 1:
          text += "sops: {mac: x}\nkind: Secret\n";
          break;
        default:
          text += "apiVersion: " + groups[random() % groups.size()] +
                  "\nkind: " + kinds[random() % kinds.size()] + "\nmetadata: {name: n" +
                  std::to_string(random() % 7) + ", namespace: ns" + std::to_string(i % 3) +
                  "}\nspec: {path: ./p" + std::to_string(random() % 5) + "}\n";
      }
    }
    return text;
  };
  std::map<std::string, std::string> files;
  for (std::size_t i = 0; i < 40; ++i) {
    files["d" + std::to_string(i % 5) + "/f" + std::to_string(i) +
          (i % 4 == 0 ? ".json" : ".yaml")] = random_file(i);
  }
  for (int step = 0; step < 60; ++step) {
    // 1-4 edits: change, add or delete files (JSON files get YAML text: parse errors too).
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t i = random() % 60;
      const std::string path =
          "d" + std::to_string(i % 5) + "/f" + std::to_string(i) + (i % 4 == 0 ? ".json" : ".yaml");
      if (random() % 4 == 0) {
        files.erase(path);
      } else {
        files[path] = random_file(i);
      }
    }
    const MemorySnapshot snap(files);
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView indexed(snap, ParseLimits{}, {}, &store);
    const TreeView fresh(snap, ParseLimits{}, {});
    ASSERT_EQ(summaries_of(indexed.inventory()), summaries_of(fresh.inventory()))
        << "step " << step;
    // Only what the step changed is summarized again.
    if (step > 0) {
      EXPECT_LE(indexed.inventory().summarized(), static_cast<std::size_t>(edits));
    }
    ASSERT_TRUE(store.save());
  }
}

}  // namespace
}  // namespace pushgate
