#include "core/tree/object_body.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace pushgate {
namespace {

std::string msgpack(const nlohmann::json& j) {
  std::vector<std::uint8_t> bytes = nlohmann::json::to_msgpack(j);
  return std::string(bytes.begin(), bytes.end());
}

// A random JSON value of every kind nlohmann writes to MessagePack, with sizes across the
// fixstr/str8/str16 and fixmap/map16 boundaries.
nlohmann::json random_json(std::mt19937& random, int depth) {
  const int kind = static_cast<int>(random() % (depth > 3 ? 7 : 9));
  switch (kind) {
    case 0:
      return nullptr;
    case 1:
      return random() % 2 == 0;
    case 2:
      return static_cast<std::int64_t>(random()) - (1LL << 31);
    case 3:
      return static_cast<std::uint64_t>(random()) << (random() % 33);
    case 4:
      return static_cast<double>(random()) / 7.0;
    case 5:
      return std::string(random() % 3 == 0 ? 40 + random() % 300 : random() % 20, 'x');
    case 6:
      return nlohmann::json::binary({1, 2, 3}, 5);  // with a subtype: nlohmann round-trips it
    case 7: {
      nlohmann::json a = nlohmann::json::array();
      const std::size_t n = random() % 4 == 0 ? 16 + random() % 10 : random() % 4;
      for (std::size_t i = 0; i < n; ++i) a.push_back(random_json(random, depth + 1));
      return a;
    }
    default: {
      nlohmann::json o = nlohmann::json::object();
      const std::size_t n = random() % 4 == 0 ? 16 + random() % 10 : random() % 4;
      for (std::size_t i = 0; i < n; ++i) {
        static const char* kKeys[] = {"spec", "path", "patches", "images", "source", "a"};
        o[std::string(kKeys[random() % 6]) + (random() % 3 == 0 ? std::to_string(i) : "")] =
            random_json(random, depth + 1);
      }
      return o;
    }
  }
}

TEST(ObjectBody, KeptBytesDecodeOnceOnFirstRead) {
  const nlohmann::json j = nlohmann::json::parse(
      R"({"kind": "Kustomization", "spec": {"path": "./apps", "targetNamespace": "shop"}})");
  const ObjectBody body = ObjectBody::from_msgpack(msgpack(j));
  const ObjectBody copy = body;  // shares the body
  const std::size_t before = ObjectBody::decodes();
  EXPECT_FALSE(body.decoded());
  EXPECT_FALSE(body.is_null());
  EXPECT_TRUE(body.spec_has_any({"images", "targetNamespace"}));
  EXPECT_FALSE(body.spec_has_any({"images", "path2"}));
  EXPECT_EQ(ObjectBody::decodes(), before);  // looking decodes nothing
  EXPECT_EQ(body.json(), j);
  EXPECT_EQ(copy.json(), j);
  EXPECT_TRUE(copy.decoded());
  EXPECT_EQ(ObjectBody::decodes(), before + 1);
  std::string again;
  body.append_msgpack(again);
  EXPECT_EQ(again, msgpack(j));
  // Made from JSON: nothing to decode, the same answers.
  const ObjectBody made(j);
  EXPECT_TRUE(made.decoded());
  EXPECT_TRUE(made.spec_has_any({"targetNamespace"}));
  EXPECT_EQ(made, body);
  EXPECT_TRUE(ObjectBody().is_null());
  EXPECT_TRUE(ObjectBody(nullptr).is_null());
  EXPECT_TRUE(ObjectBody::from_msgpack("").is_null());
  EXPECT_TRUE(ObjectBody::from_msgpack(msgpack(nullptr)).is_null());
}

// spec_has_any() on the bytes says what the decoded body says, and the check accepts whatever
// nlohmann writes; on random bodies.
TEST(ObjectBody, LookingAtTheBytesAgreesWithTheDecodedBody) {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    nlohmann::json j = random_json(random, 0);
    if (round % 2 == 0) {  // a spec that is an object, most of the time
      nlohmann::json spec = random_json(random, 1);
      if (!j.is_object()) j = nlohmann::json::object();
      j["spec"] = spec.is_object() || round % 10 == 0 ? spec : nlohmann::json::object();
    }
    const std::string bytes = msgpack(j);
    ASSERT_TRUE(msgpack_well_formed(bytes)) << j.dump();
    const ObjectBody lazy = ObjectBody::from_msgpack(bytes);
    const ObjectBody made(j);
    for (const auto& keys : {std::initializer_list<std::string_view>{"patches", "images"},
                             std::initializer_list<std::string_view>{"path"},
                             std::initializer_list<std::string_view>{"source", "a1", "spec"}}) {
      EXPECT_EQ(lazy.spec_has_any(keys), made.spec_has_any(keys)) << j.dump();
    }
    EXPECT_FALSE(lazy.decoded());
    EXPECT_EQ(lazy.json(), j);
  }
}

// A body the check accepts is one nlohmann reads; any cut of a body is refused (a MessagePack
// value is prefix-free), and so are the bytes nlohmann refuses.
TEST(ObjectBody, TheCheckRefusesWhatTheReaderRefuses) {
  std::mt19937 random(11);
  for (int round = 0; round < 300; ++round) {
    const std::string bytes = msgpack(random_json(random, 0));
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
      ASSERT_FALSE(msgpack_well_formed(bytes.substr(0, cut))) << round << " cut at " << cut;
    }
    EXPECT_FALSE(msgpack_well_formed(bytes + '\x01'));  // trailing bytes
    for (int flip = 0; flip < 8; ++flip) {
      std::string damaged = bytes;
      damaged[random() % damaged.size()] ^= static_cast<char>(1u << (random() % 8));
      const bool accepted = msgpack_well_formed(damaged);
      const nlohmann::json read = nlohmann::json::from_msgpack(damaged, true, false);
      EXPECT_EQ(accepted, !read.is_discarded()) << round;
    }
  }
  EXPECT_FALSE(msgpack_well_formed(std::string(1, '\xC1')));
  EXPECT_FALSE(msgpack_well_formed(std::string("\x81\x01\x02", 3)));      // a key that is no string
  EXPECT_FALSE(msgpack_well_formed(std::string(5000, '\x91') + '\x01'));  // nested too deep
}

}  // namespace
}  // namespace pushgate
