#include "validators/gitops/argo_target_revision_rule.h"

#include <re2/re2.h>

#include "validators/gitops/chart_version.h"

namespace pushgate {

namespace {

// Version-looking tags: v1, 1.2.3, v2.0.0-rc.1, 1.4.2+build.7.
constexpr std::string_view kDefaultTag = R"(v?[0-9]+(\.[0-9]+)*([-+][0-9A-Za-z.-]+)?)";
// A commit id: abbreviated (7+) or full SHA-1 / SHA-256.
constexpr std::string_view kCommit = "[0-9a-f]{7,64}";

}  // namespace

ArgoTargetRevisionRule::ArgoTargetRevisionRule(const PoliciesConfig& policies)
    : tag_(std::make_unique<RE2>(kDefaultTag)), commit_(std::make_unique<RE2>(kCommit)) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const std::string* pattern = setting->options.string("tag_pattern")) {
      extra_tag_ = std::make_unique<RE2>(*pattern);  // the loader checked it compiles
    }
  }
}

ArgoTargetRevisionRule::~ArgoTargetRevisionRule() = default;

void ArgoTargetRevisionRule::check_source(const ObjectContext& object, NodeRef source,
                                          const std::string& path, FindingList& out) const {
  if (!source.is_mapping()) return;
  const NodeRef revision = source.get("targetRevision");
  const bool helm = static_cast<bool>(source.get("chart"));
  const std::string what = helm ? "chart " + std::string(source.get_string("chart"))
                                : "source " + std::string(source.get_string("repoURL"));
  if (!revision.is_scalar() || revision.kind() == NodeKind::kNull || revision.text().empty()) {
    out.push_back(report_object(*this, object, source, path,
                                what + " of " + object.display() +
                                    " has no targetRevision, so it tracks HEAD; pin a tag or a "
                                    "commit"));
    return;
  }
  const std::string_view text = revision.text();
  bool pinned = false;
  if (helm) {
    pinned = is_exact_version(text);
  } else {
    pinned = text != "HEAD" && (RE2::FullMatch(text, *tag_) || RE2::FullMatch(text, *commit_) ||
                                (extra_tag_ && RE2::FullMatch(text, *extra_tag_)));
  }
  if (pinned) return;
  std::string message = what + " of " + object.display() + " tracks `" + std::string(text) + "`";
  message += helm             ? ", a version range; pin an exact chart version"
             : text == "HEAD" ? ", which moves with every push; pin a tag or a commit"
                              : ", which looks like a branch; pin a tag or a commit (or set the "
                                "rule's tag_pattern if this is a tag)";
  out.push_back(
      report_object(*this, object, revision, path + ".targetRevision", std::move(message)));
}

void ArgoTargetRevisionRule::check_object(const ObjectContext& object, FindingList& out) const {
  if (object.group() != "argoproj.io") return;
  NodeRef spec;
  std::string base;
  if (object.kind == "Application") {
    spec = object.root.get("spec");
    base = "spec";
  } else if (object.kind == "ApplicationSet") {
    spec = object.root.get("spec").get("template").get("spec");
    base = "spec.template.spec";
  } else {
    return;
  }
  if (!spec.is_mapping()) return;
  if (spec.get("source").is_mapping())
    check_source(object, spec.get("source"), base + ".source", out);
  const NodeRef sources = spec.get("sources");
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const NodeRef source = sources.item(i);
    // A `ref:` source only provides values files to the others; its revision still counts.
    check_source(object, source, base + ".sources[" + std::to_string(i) + "]", out);
  }
}

}  // namespace pushgate
