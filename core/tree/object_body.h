#pragma once
// The body of a GitOps object in a file summary (file_summary.h): the whole object as JSON,
// held either decoded (a summary made from a parse) or as the MessagePack bytes the object index
// keeps (object_index_store.h), decoded on the first json(). A push into a Flux-dense tree looks
// up thousands of summaries and judges a few of their objects: the bodies no rule reads are never
// decoded (a decode builds nlohmann's tree, ≈ 46,000 instructions for a HelmRelease; a look at
// the bytes with spec_has_any() costs a few hundred).
//
//   if (o.body.spec_has_any({"patches", "targetNamespace"})) use(o.body.json()["spec"]);
//
// Copies share one body (decoded once for all). json() is safe from several threads. Knows
// nothing about what a body means.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pushgate {

class ObjectBody {
 public:
  ObjectBody() = default;  // none: json() is null
  // A decoded body (implicit: a summary made from a parse assigns its JSON).
  ObjectBody(nlohmann::json json);  // NOLINT(google-explicit-constructor)
  // A body kept as MessagePack `bytes`, which msgpack_well_formed() must have accepted (a body
  // that still fails to decode reads as null). Empty bytes: none.
  static ObjectBody from_msgpack(std::string_view bytes);
  // The same without a copy: the body views `bytes`, which `owner` keeps alive (the object
  // index's mapped file, object_index_store.h) for as long as any copy of the body lives.
  static ObjectBody view_msgpack(std::string_view bytes, std::shared_ptr<const void> owner);

  // The body, decoded now if it was kept as bytes.
  const nlohmann::json& json() const;
  bool is_null() const;
  // True when the body is an object whose "spec" is an object holding one of `keys`: what
  // json()["spec"].contains(key) says for one of them, read from the bytes of a body not decoded
  // yet without decoding it.
  bool spec_has_any(std::initializer_list<std::string_view> keys) const;
  // Appends the body as MessagePack (nothing for none): the kept bytes as they are, or the
  // decoded body encoded.
  void append_msgpack(std::string& out) const;
  // True once json() was called on a body kept as bytes, or for a body made decoded.
  bool decoded() const;

  bool operator==(const ObjectBody& other) const { return json() == other.json(); }

  // How many bodies kept as bytes this process decoded (for tests and the bench: a push decodes
  // the bodies a rule reads, not every body of the tree).
  static std::size_t decodes();

 private:
  struct State;
  std::shared_ptr<State> state_;  // null: none
};

// True when `bytes` are exactly one MessagePack value that nlohmann's reader accepts (map keys are
// strings, nesting at most a few thousand deep): what the object index checks of a body before
// keeping it undecoded.
bool msgpack_well_formed(std::string_view bytes);

}  // namespace pushgate
