#include "validators/gitops/kustomize_build_rule.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "core/tree/change_set.h"
#include "core/tree/kustomization_file.h"
#include "validators/gitops/kustomize_graph.h"
#include "validators/gitops/rendered_object_checker.h"

namespace pushgate {
namespace {

using Clock = std::chrono::steady_clock;

// Notices that a kustomization was not built for a reason that is no failure of it (a remote
// base, Helm, no binary on this server). Not a policy rule: its severity is its own, so setting
// gitops/kustomize-build to error never turns a notice into a rejection.
constexpr std::string_view kNotBuilt = "gitops/kustomize-not-built";

// What one build reads, or why it is not built.
struct BuildPlan {
  bool component = false;            // a kustomize Component: built only as part of another
  std::vector<std::string> folders;  // its folder and those of every kustomization it includes
  std::string skip;                  // why pushgate does not build it ("" = build it)
};

NodeRef kustomization_of(const TreeView& tree, const std::string& path) {
  const TreeFile* file = tree.file(path);
  return file != nullptr && file->parsed != nullptr ? kustomization_root(*file->parsed) : NodeRef{};
}

BuildPlan plan_build(const TreeView& tree, const KustomizeGraph& graph,
                     const KustomizationNode& root) {
  BuildPlan plan;
  plan.component = kustomization_of(tree, root.path).get_string("kind") == "Component";
  std::vector<const KustomizationNode*> stack{&root};
  std::set<std::string> seen;
  while (!stack.empty()) {
    const KustomizationNode& node = *stack.back();
    stack.pop_back();
    if (!seen.insert(node.folder).second) continue;
    plan.folders.push_back(node.folder);
    const NodeRef kustomization = kustomization_of(tree, node.path);
    if (plan.skip.empty()) {
      for (const KustomizeReference& ref : kustomize_references(kustomization)) {
        if (is_remote_reference(ref.path)) {
          plan.skip = "it includes the remote base `" + ref.path + "` (" + node.path +
                      "), which pushgate never fetches";
          break;
        }
      }
    }
    for (std::string_view helm : {"helmCharts", "helmChartInflationGenerator"}) {
      if (plan.skip.empty() && kustomization.get(helm)) {
        plan.skip = "it inflates Helm charts (`" + std::string(helm) + "` in " + node.path +
                    "), and pushgate runs no Helm";
      }
    }
    for (const std::string& folder : node.folders) {
      if (const KustomizationNode* child = graph.in_folder(folder)) stack.push_back(child);
    }
  }
  return plan;
}

std::string build_command(const KustomizationNode& node) {
  return "`kustomize build " + (node.folder.empty() ? std::string(".") : node.folder) + "`";
}

Position start_of(const TreeView& tree, const std::string& path) {
  const NodeRef root = kustomization_of(tree, path);
  return root ? root.position() : Position{1, 1};
}

// Why a build did not produce objects, as a finding at the kustomization.
Finding failure(const TreeView& tree, const KustomizationNode& node, const KustomizeBuild& build) {
  std::string message = build_command(node);
  switch (build.outcome) {
    case KustomizeBuild::Outcome::kFailed:
      message += " fails: " + build.message +
                 "; fix the kustomization or the files it reads (Flux and Argo CD fail the same "
                 "way)";
      break;
    case KustomizeBuild::Outcome::kTimedOut:
      message += " " + build.message +
                 "; simplify the kustomization or raise the rule's `timeout_seconds`";
      break;
    case KustomizeBuild::Outcome::kTooLarge:
      message += " was not run to the end: " + build.message +
                 "; split the kustomization or exclude the rule for it";
      break;
    case KustomizeBuild::Outcome::kOutsideTree:
      // At the line that names the path: the pusher's own text, never what lies out there.
      return Finding::at("gitops/kustomize-build", Severity::kError, build.where_path, build.where,
                         message + " refused: " + build.message);
    case KustomizeBuild::Outcome::kBuilt:
    case KustomizeBuild::Outcome::kTooOld:
      break;
  }
  return Finding::at("gitops/kustomize-build", Severity::kError, node.path,
                     start_of(tree, node.path), std::move(message));
}

using FindingKey = std::tuple<std::string, std::string, std::string>;  // rule, object, path

FindingKey key_of(const Finding& f) {
  return {f.rule, f.object, f.json_path};
}

}  // namespace

KustomizeBuildRule::KustomizeBuildRule(const PoliciesConfig& policies,
                                       const ValidatorSet& validators)
    : validators_(validators) {
  if (const RuleSetting* setting = policies.setting(rule())) {
    if (const std::string* program = setting->options.string("kustomize")) program_ = *program;
    if (auto seconds = setting->options.integer("timeout_seconds")) {
      budget_ = std::chrono::seconds(std::max<std::int64_t>(1, *seconds));
    }
    if (auto count = setting->options.integer("max_kustomizations")) {
      max_kustomizations_ = static_cast<std::size_t>(*count);
    }
  }
}

void KustomizeBuildRule::check_run(const RunContext& run, FindingList& out) const {
  if (run.tree == nullptr) return;
  const TreeView& tree = *run.tree;
  const ChangeSet changes(run.changed, run.deleted);
  if (changes.empty()) return;
  const KustomizeGraph graph(tree);

  // Top-level kustomizations (no other kustomization includes them) whose build the change
  // can alter; bases are built as part of the overlays that include them.
  std::set<std::string, std::less<>> included;
  for (const KustomizationNode& node : graph.nodes()) {
    included.insert(node.folders.begin(), node.folders.end());
  }
  std::vector<const KustomizationNode*> affected;
  for (const KustomizationNode& node : graph.nodes()) {
    if (included.contains(node.folder)) continue;
    std::set<std::string> paths;
    graph.render(node, &paths);
    if (std::any_of(paths.begin(), paths.end(),
                    [&](const std::string& p) { return changes.touches(p); })) {
      affected.push_back(&node);
    }
  }
  if (affected.empty()) return;

  if (!program_.empty() && program_.front() != '/') {
    out.push_back(Finding::at(std::string(rule()), Severity::kError, affected.front()->path,
                              start_of(tree, affected.front()->path),
                              "not built: the rule's `kustomize` option must be an absolute path "
                              "(it is `" +
                                  program_ + "`); pushgate never searches PATH"));
    return;
  }
  const std::optional<KustomizeProgram> program = find_kustomize(program_);
  if (!program) {
    out.push_back(Finding::at(
        std::string(kNotBuilt), Severity::kWarning, affected.front()->path,
        start_of(tree, affected.front()->path),
        "not built: no kustomize or kubectl binary " +
            (program_.empty() ? std::string("in /usr/local/bin or /usr/bin (kustomize, kubectl)")
                              : "at " + program_) +
            "; " + std::to_string(affected.size()) +
            " kustomization(s) of this change go unrendered; install kustomize or kubectl, or "
            "set the rule's `kustomize` option"));
    return;
  }

  const Clock::time_point deadline = Clock::now() + budget_;
  auto time_left = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  };
  RenderedObjectChecker checker(validators_, *this, run);
  std::optional<KustomizeGraph> base_graph;
  std::size_t built = 0;
  for (const KustomizationNode* node : affected) {
    const BuildPlan plan = plan_build(tree, graph, *node);
    if (plan.component) continue;
    const Position start = start_of(tree, node->path);
    if (!plan.skip.empty()) {
      out.push_back(Finding::at(std::string(kNotBuilt), Severity::kInfo, node->path, start,
                                "not built: " + plan.skip));
      continue;
    }
    if (built == max_kustomizations_) {
      out.push_back(Finding::at(
          std::string(rule()), Severity::kError, node->path, start,
          "not built: the change affects more than " + std::to_string(max_kustomizations_) +
              " kustomizations; raise the rule's `max_kustomizations`, or split the change"));
      break;
    }
    ++built;
    KustomizeBuildLimits limits;
    limits.timeout = time_left();
    if (limits.timeout.count() <= 0) {
      out.push_back(Finding::at(std::string(rule()), Severity::kError, node->path, start,
                                "not built: the " + std::to_string(budget_.count() / 1000) +
                                    " s given to kustomize builds in one run are spent; raise "
                                    "the rule's `timeout_seconds`"));
      continue;
    }
    Result<KustomizeBuild> build =
        kustomize_build(*program, tree, node->folder, plan.folders, limits);
    if (!build) {
      out.push_back(Finding::at("internal/error", Severity::kError, node->path, start,
                                "cannot run " + build_command(*node) + " (" + program->path +
                                    "): " + build.error().message));
      continue;
    }
    if (build.value().outcome == KustomizeBuild::Outcome::kTooOld) {
      out.push_back(Finding::at(std::string(kNotBuilt), Severity::kWarning, node->path, start,
                                "not built: " + program->path +
                                    " has no origin annotations (kustomize 4.5 or kubectl 1.24 "
                                    "and later have them): " +
                                    build.value().message));
      return;  // every other build would say the same
    }
    const bool built_ok = build.value().outcome == KustomizeBuild::Outcome::kBuilt;
    FindingList found;
    if (built_ok) {
      found = checker.check(tree, node->path, build.value());
    } else {
      found.push_back(failure(tree, *node, build.value()));
    }
    if (found.empty()) continue;

    // What the same build had before the change is not this change's doing.
    const TreeView* base = run.base();  // opened here, only for a build with findings
    if (base != nullptr && base->has_file(node->path) && time_left().count() > 0) {
      if (!base_graph) base_graph.emplace(*base);
      const KustomizationNode* before = base_graph->in_folder(node->folder);
      const BuildPlan base_plan =
          before != nullptr ? plan_build(*base, *base_graph, *before) : BuildPlan{};
      if (before != nullptr && base_plan.skip.empty()) {
        limits.timeout = time_left();
        Result<KustomizeBuild> base_build =
            kustomize_build(*program, *base, before->folder, base_plan.folders, limits);
        if (base_build && base_build.value().outcome == KustomizeBuild::Outcome::kBuilt &&
            built_ok) {
          std::set<FindingKey> had;
          for (const Finding& f : checker.check(*base, before->path, base_build.value())) {
            had.insert(key_of(f));
          }
          std::erase_if(found, [&](const Finding& f) { return had.contains(key_of(f)); });
        } else if (base_build && base_build.value().outcome != KustomizeBuild::Outcome::kBuilt &&
                   !built_ok && !changes.contains(node->path)) {
          found.clear();  // it failed before too, and this change did not touch its file
        }
      }
    }
    out.insert(out.end(), std::make_move_iterator(found.begin()),
               std::make_move_iterator(found.end()));
  }
}

}  // namespace pushgate
