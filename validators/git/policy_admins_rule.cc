#include "validators/git/policy_admins_rule.h"

#include <algorithm>
#include <map>

#include "validators/git/approvals.h"

namespace pushgate {
namespace {

bool is_policy_file(std::string_view path) {
  return std::find(kInRepoPolicyFiles.begin(), kInRepoPolicyFiles.end(), path) !=
         kInRepoPolicyFiles.end();
}

}  // namespace

void PolicyAdminsRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.reviews || context.gained_commits.empty()) return;
  const ReviewsConfig& config = *context.rule.reviews;
  const std::vector<std::string>& admins = config.policy_admins;
  if (admins.empty()) return;
  if (context.pusher && std::any_of(admins.begin(), admins.end(), [&](const std::string& admin) {
        return identity_names_pusher(admin, context.pusher->name);
      })) {
    return;
  }

  std::map<std::string, const CommitInfo*> by_id;
  for (const CommitInfo& commit : context.gained_commits) by_id.emplace(commit.id, &commit);
  const CommitApprovals approvals(context.gained_commits, config.trailers);
  for (const CommitPaths& changed : context.changed_paths) {
    auto commit = by_id.find(changed.commit);
    if (commit == by_id.end()) continue;
    std::vector<Approver> given;
    bool looked = false;
    for (const std::string& path : changed.paths) {
      if (!is_policy_file(path)) continue;
      if (!looked) {
        given = approvals.of(*commit->second);
        looked = true;
      }
      const bool approved = std::any_of(given.begin(), given.end(), [&](const Approver& a) {
        if (is_author(a, *commit->second)) return false;
        return std::any_of(admins.begin(), admins.end(), [&](const std::string& admin) {
          return identity_names_approver(admin, a);
        });
      });
      if (approved) continue;
      std::string message = "commit " + short_id(changed.commit) +
                            " changes pushgate's policy file " + path +
                            " without an approval from a policy admin (" + join_names(admins) +
                            "); add a \"" + config.trailers.front() +
                            ": Name <email>\" trailer from a policy admin other than the author, "
                            "or have a policy admin push";
      if (!context.has_pusher) {
        message +=
            " (outside a push who pushes is unknown: the server also accepts it when a policy "
            "admin "
            "pushes)";
      } else if (!context.pusher) {
        message +=
            " (who pushed is unknown: pushgate looks in " + std::string(context.pusher_hint) + ")";
      } else {
        message += " (pushed by " + context.pusher->name + ", not a policy admin)";
      }
      out.push_back(file_finding(rule(), context, changed.commit, path, std::move(message)));
    }
  }
}

}  // namespace pushgate
