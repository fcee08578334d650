#pragma once
// Base for rules that judge one Kubernetes object at a time (families schema, k8s, gitops,
// secret, custom): it finds the documents that are objects (a mapping with string apiVersion
// and kind; the items of a `kind: List` too), describes each one, and builds findings that carry
// the object and the JSON path.
//
//   class ImageLatestRule final : public ObjectValidator {
//     std::string_view rule() const override { return "k8s/image-latest"; }
//     void check_object(const ObjectContext& object, FindingList& out) const override {
//       out.push_back(object.finding(rule(), Severity::kError, image, "spec.containers[0].image",
//                                    "image `web:latest` ..."));
//     }
//   };
#include <functional>
#include <string>
#include <string_view>

#include "validators/validator.h"

namespace pushgate {

struct ObjectContext {
  const FileContext& file;
  const Document& document;
  NodeRef root;
  std::string_view api_version;
  std::string_view kind;
  std::string_view namespace_;  // metadata.namespace, "" when not set
  std::string_view name;        // metadata.name, "" when missing
  std::string json_prefix;      // "" for a document, "items[3]." for an item of a List

  std::string_view group() const;    // "" for the core group ("v1")
  std::string_view version() const;  // "v1" of "apps/v1"
  // A finding's `object` in the JSON report (docs/output.md): "apiVersion/kind/namespace/name"
  // (empty parts kept).
  std::string object_id() const;
  // For messages: "Deployment shop/web", "Namespace prod".
  std::string display() const;

  // A finding at `at` (at the object's start when `at` is invalid) with object, document and
  // json_path (prefixed for List items) filled in.
  Finding finding(std::string_view rule, Severity severity, NodeRef at, std::string json_path,
                  std::string message) const;
};

// Calls `visit` for every Kubernetes object in the file.
void for_each_object(const FileContext& file, const std::function<void(const ObjectContext&)>& visit);

class ObjectValidator : public Validator {
 public:
  void check_file(const FileContext& file, FindingList& out) const final;
  virtual void check_object(const ObjectContext& object, FindingList& out) const = 0;
};

}  // namespace pushgate
