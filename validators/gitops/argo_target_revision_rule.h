#pragma once
#include "validators/k8s/kind_rule.h"
#include "validators/k8s/pod_rule.h"

#include <memory>

namespace re2 {
class RE2;
}

namespace pushgate {

// gitops/argo-target-revision: an Argo CD Application (or ApplicationSet template)
// tracks `HEAD`, a branch, or a chart version range instead of a tag or a commit: what runs then
// changes without a change in this repository.
class ArgoTargetRevisionRule final : public KindRule {
 public:
  explicit ArgoTargetRevisionRule(const PoliciesConfig& policies);
  ~ArgoTargetRevisionRule() override;
  std::string_view rule() const override { return "gitops/argo-target-revision"; }
  bool wants_kind(std::string_view kind) const override {
    return kind == "Application" || kind == "ApplicationSet";
  }
  void check_object(const ObjectContext& object, FindingList& out) const override;

 private:
  void check_source(const ObjectContext& object, NodeRef source, const std::string& path,
                    FindingList& out) const;
  // Compiled once per run, shared by every worker (RE2 is thread-safe for matching).
  std::unique_ptr<re2::RE2> tag_;
  std::unique_ptr<re2::RE2> commit_;
  std::unique_ptr<re2::RE2> extra_tag_;  // the tag_pattern option, when set
};

}  // namespace pushgate
