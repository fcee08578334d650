#include "core/tree/object_index_store.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

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

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

// Where the payloads of an index file start (format 5: after the header, the key, the table).
std::size_t payloads_start(const std::string& file) {
  std::uint32_t key_size = 0;
  std::uint64_t records = 0;
  std::memcpy(&key_size, file.data() + 12, sizeof key_size);
  std::memcpy(&records, file.data() + 16, sizeof records);
  return 64 + (key_size + 7) / 8 * 8 + records * 56;
}

// A blob id (40 hex digits) of its own for `n`.
std::string blob_id(std::size_t n) {
  std::ostringstream out;
  out << std::hex << std::setw(40) << std::setfill('0') << (n * 2654435761u + 17);
  return out.str();
}

// A summary of its own for `n`: an identity and, for every third, a Flux body.
FileSummary random_summary(std::mt19937& random, std::size_t n) {
  FileSummary s;
  SummarizedObject o;
  o.api_version = n % 3 == 0 ? "helm.toolkit.fluxcd.io/v2" : "v1";
  o.kind = n % 3 == 0 ? "HelmRelease" : "ConfigMap";
  o.name = "object-" + std::to_string(n) + "-" + std::to_string(random() % 1000);
  o.namespace_ = "ns" + std::to_string(random() % 5);
  o.position = {1 + static_cast<std::uint32_t>(random() % 9), 1};
  if (n % 3 == 0) {
    o.body =
        nlohmann::json{{"kind", o.kind}, {"spec", {{"chart", std::string(random() % 40, 'c')}}}};
  }
  s.objects.push_back(o);
  return s;
}

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

// An index of format 4 (payloads in table order, none dead) is stale for format 5, which reads
// its payload region differently: ignored, never misread, and rewritten.
TEST_F(ObjectIndexStoreTest, IndexOfFormat4IsStaleAndRebuilt) {
  const MemorySnapshot snap(
      std::map<std::string, std::string>{{"a.yaml", "kind: A\nmetadata: {name: a}\n"}});
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    (void)tree.inventory();
    ASSERT_TRUE(store.save());
  }
  std::string text = read_file(index_path());
  const std::uint32_t four = 4;
  std::memcpy(text.data() + 8, &four, sizeof four);
  std::ofstream(index_path(), std::ios::binary | std::ios::trunc) << text;
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    EXPECT_EQ(store.load_state(), ObjectIndexStore::LoadState::kStale);
    EXPECT_NE(store.load_problem().find("format 4"), std::string_view::npos);
    const TreeView tree(snap, ParseLimits{}, {}, &store);
    EXPECT_EQ(tree.inventory().summarized(), 1u);
    Result<bool> wrote = store.save();
    ASSERT_TRUE(wrote);
    EXPECT_TRUE(wrote.value());
  }
  ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
  EXPECT_EQ(store.load_state(), ObjectIndexStore::LoadState::kLoaded);
  EXPECT_EQ(store.size(), 1u);
}

// Push after push, each save() appends what the run brought to the payloads of the file it read
// (copied as one range, not re-encoded), and the result holds, entry for entry, what an index
// built fresh from the same summaries holds. Entries found damaged are dropped, and once the
// dead bytes outweigh a quarter of the live ones the file is compacted.
TEST_F(ObjectIndexStoreTest, AppendedIndexEqualsAFreshBuildEntryForEntry) {
  std::mt19937 random(20261207);
  std::map<std::string, FileSummary> expected;
  std::size_t next = 0;
  auto add = [&](ObjectIndexStore& store, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i, ++next) {
      FileSummary s = random_summary(random, next);
      store.store(blob_id(next), FileFormat::kYaml, std::make_shared<const FileSummary>(s));
      expected[blob_id(next)] = std::move(s);
    }
  };
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    add(store, 50);
    ASSERT_TRUE(store.save());
  }
  bool compacted = false;
  int appended = 0;
  std::size_t damaged_total = 0;
  for (int step = 0; step < 40; ++step) {
    // Every third step, damage a few payload bytes (perhaps dead ones).
    const bool damage = step % 3 == 2;
    if (damage) {
      std::string edited = read_file(index_path());
      const std::size_t start = payloads_start(edited);
      for (int i = 0; i < 8; ++i) edited[start + random() % (edited.size() - start)] ^= 0x10;
      std::ofstream(index_path(), std::ios::binary | std::ios::trunc) << edited;
    }
    const std::string before = read_file(index_path());
    {
      ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
      ASSERT_EQ(store.load_state(), ObjectIndexStore::LoadState::kLoaded) << step;
      // A run looks up entries (all of them after damage), then stores 1-3 new ones.
      std::vector<std::string> damaged;
      for (const auto& [id, summary] : expected) {
        if (!damage && random() % 3 != 0) continue;
        const std::shared_ptr<const FileSummary> found = store.find(id, FileFormat::kYaml);
        if (!found) {
          damaged.push_back(id);
          continue;
        }
        ASSERT_EQ(*found, summary) << step << " " << id;
      }
      ASSERT_LE(damaged.size(), damage ? 8u : 0u) << step;
      damaged_total += damaged.size();
      for (const std::string& id : damaged) {
        // Computed again by the run, as TreeView does after a miss.
        store.store(id, FileFormat::kYaml, std::make_shared<const FileSummary>(expected.at(id)));
      }
      add(store, 1 + random() % 3);
      ASSERT_TRUE(store.save());
    }
    const std::string after = read_file(index_path());
    const std::string old_payloads = before.substr(payloads_start(before));
    const std::string new_payloads = after.substr(payloads_start(after));
    if (new_payloads.starts_with(old_payloads)) {
      // Appended: what follows is the new summaries' payloads and the damaged ones' again.
      ++appended;
      EXPECT_LT(new_payloads.size() - old_payloads.size(), 11u * 200) << step;
    } else {
      // Compacted: no dead bytes left.
      compacted = true;
      std::size_t live = 0;
      for (const auto& [id, summary] : expected) live += encode_file_summary(summary).size();
      EXPECT_EQ(new_payloads.size(), live) << step;
    }
    // Entry for entry what a fresh index of the same summaries holds.
    const std::string fresh_path = (dir_ / "fresh").string();
    std::filesystem::remove(fresh_path);
    {
      ObjectIndexStore fresh = ObjectIndexStore::open(fresh_path, key());
      for (const auto& [id, summary] : expected) {
        fresh.store(id, FileFormat::kYaml, std::make_shared<const FileSummary>(summary));
      }
      ASSERT_TRUE(fresh.save());
    }
    const ObjectIndexStore appended = ObjectIndexStore::open(index_path(), key());
    const ObjectIndexStore fresh = ObjectIndexStore::open(fresh_path, key());
    ASSERT_EQ(appended.size(), expected.size()) << step;
    ASSERT_EQ(fresh.size(), expected.size()) << step;
    for (const auto& [id, summary] : expected) {
      const std::shared_ptr<const FileSummary> a = appended.find(id, FileFormat::kYaml);
      const std::shared_ptr<const FileSummary> f = fresh.find(id, FileFormat::kYaml);
      ASSERT_TRUE(a && f) << step << " " << id;
      ASSERT_EQ(*a, summary) << step << " " << id;
      ASSERT_EQ(*f, summary) << step << " " << id;
      ASSERT_FALSE(appended.find(id, FileFormat::kJson)) << id;  // another format, another key
    }
  }
  EXPECT_GT(damaged_total, 0u);
  EXPECT_TRUE(compacted);
  EXPECT_GT(appended, 30);  // compacted only when the damage left enough dead bytes
}

// Over the cap, save() keeps what the run used, then older entries, and compacts.
TEST_F(ObjectIndexStoreTest, CapKeepsWhatTheRunUsed) {
  std::mt19937 random(7);
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    for (std::size_t i = 0; i < 10; ++i) {
      store.store(blob_id(i), FileFormat::kYaml,
                  std::make_shared<const FileSummary>(random_summary(random, i)));
    }
    ASSERT_TRUE(store.save());
  }
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    ASSERT_TRUE(store.find(blob_id(3), FileFormat::kYaml));
    ASSERT_TRUE(store.find(blob_id(8), FileFormat::kYaml));
    store.store(blob_id(20), FileFormat::kYaml,
                std::make_shared<const FileSummary>(random_summary(random, 20)));
    ASSERT_TRUE(store.save(3));
  }
  const ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
  EXPECT_EQ(store.size(), 3u);
  EXPECT_TRUE(store.find(blob_id(3), FileFormat::kYaml));
  EXPECT_TRUE(store.find(blob_id(8), FileFormat::kYaml));
  EXPECT_TRUE(store.find(blob_id(20), FileFormat::kYaml));
}

// Writers on the same index at once (two pushes to one repository): each writes its own
// temporary file and renames it, so the index is always one writer's whole file, intact, every
// entry true; none is left half written and no temporary file stays behind.
TEST_F(ObjectIndexStoreTest, ConcurrentWritersLeaveAnIntactIndex) {
  std::mt19937 random(11);
  std::vector<FileSummary> summaries;
  for (std::size_t i = 0; i < 400; ++i) summaries.push_back(random_summary(random, i));
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    for (std::size_t i = 0; i < 100; ++i) {
      store.store(blob_id(i), FileFormat::kYaml, std::make_shared<const FileSummary>(summaries[i]));
    }
    ASSERT_TRUE(store.save());
  }
  constexpr std::size_t kWriters = 4;
  for (int round = 0; round < 5; ++round) {
    std::vector<std::thread> writers;
    for (std::size_t w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w, round] {
        ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
        // Read some entries (the bodies view the mapping while another writer renames over it).
        for (std::size_t i = w; i < 100; i += 7) {
          const std::shared_ptr<const FileSummary> s = store.find(blob_id(i), FileFormat::kYaml);
          if (s && !s->objects.empty()) (void)s->objects[0].body.json();
        }
        for (std::size_t i = 0; i < 15; ++i) {
          const std::size_t n = 100 + (round * kWriters + w) * 15 + i;
          if (n >= summaries.size()) break;
          store.store(blob_id(n), FileFormat::kYaml,
                      std::make_shared<const FileSummary>(summaries[n]));
        }
        EXPECT_TRUE(store.save());
      });
    }
    for (std::thread& t : writers) t.join();
    const ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    ASSERT_EQ(store.load_state(), ObjectIndexStore::LoadState::kLoaded) << round;
    std::size_t held = 0;
    for (std::size_t i = 0; i < summaries.size(); ++i) {
      const std::shared_ptr<const FileSummary> s = store.find(blob_id(i), FileFormat::kYaml);
      if (!s) continue;
      ++held;
      ASSERT_EQ(*s, summaries[i]) << round << " " << i;
    }
    EXPECT_EQ(held, store.size());
    EXPECT_GE(held, 100u + 15u) << round;  // the first index's, and one writer's at least
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "pushgate")) {
    EXPECT_EQ(entry.path().filename(), "object-index");
  }
}

// A summary read from the index views its body in the mapped file; it stays valid after the
// store is gone and after the file is replaced.
TEST_F(ObjectIndexStoreTest, BodiesOutliveTheStoreAndTheFile) {
  std::mt19937 random(3);
  const FileSummary written = random_summary(random, 0);  // a HelmRelease, with a body
  ASSERT_FALSE(written.objects[0].body.is_null());
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    store.store(blob_id(0), FileFormat::kYaml, std::make_shared<const FileSummary>(written));
    ASSERT_TRUE(store.save());
  }
  std::shared_ptr<const FileSummary> read;
  {
    ObjectIndexStore store = ObjectIndexStore::open(index_path(), key());
    read = store.find(blob_id(0), FileFormat::kYaml);
    ASSERT_TRUE(read);
    store.store(blob_id(1), FileFormat::kYaml,
                std::make_shared<const FileSummary>(random_summary(random, 1)));
    ASSERT_TRUE(store.save());  // renamed over the file it maps
  }
  std::filesystem::remove_all(dir_);
  EXPECT_FALSE(read->objects[0].body.decoded());
  EXPECT_EQ(read->objects[0].body.json(), written.objects[0].body.json());
  EXPECT_EQ(*read, written);
}

}  // namespace
}  // namespace pushgate
