#pragma once
// Base for rules that judge objects of a few kinds (Services, Roles, HelmReleases, workloads):
// a file without such a kind is skipped after one `kind` lookup per document, before any object
// context is built. With ~50 rules over every file of a push, that keeps the rules' cost a small
// fraction of parsing.
//
//   class IngressTlsRule final : public KindRule {
//     bool wants_kind(std::string_view kind) const override { return kind == "Ingress"; }
//     void check_object(const ObjectContext& object, FindingList& out) const override { ... }
//   };
#include <string_view>

#include "validators/object_validator.h"

namespace pushgate {

class KindRule : public Validator {
 public:
  void check_file(const FileContext& file, FindingList& out) const final;
  // True for the kinds the rule judges; check_object sees only those.
  virtual bool wants_kind(std::string_view kind) const = 0;
  virtual void check_object(const ObjectContext& object, FindingList& out) const = 0;
};

}  // namespace pushgate
