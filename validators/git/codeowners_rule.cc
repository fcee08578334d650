#include "validators/git/codeowners_rule.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "validators/git/approvals.h"
#include "validators/git/codeowners_file.h"

namespace pushgate {
namespace {

// Where the CODEOWNERS text came from, for findings: a path and, inside the repository, the
// commit it was read at.
struct CodeownersSource {
  std::string path;
  std::string commit;  // "" for a server file
  std::string text;
};

bool is_zero_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c == '0'; });
}

// The commit the in-repository CODEOWNERS is read at: the ref's old tip, or the tip of
// `codeowners_ref` when the ref is being created. Never a pushed commit.
Result<std::string> policy_commit(const RefContext& context, const ReviewsConfig& config) {
  const std::string& old_id = context.plan.update.old_id;
  if (!is_zero_id(old_id)) return context.repository.resolve_commit(old_id);
  if (config.codeowners_ref.empty()) {
    return Error{ErrorCode::kNotFound,
                 "the ref is being created, so it has no old tip to read " + config.codeowners +
                     " from; set `reviews.codeowners_ref: refs/heads/main` to read it from "
                     "that ref's tip, or create the ref with a push that this rule does not "
                     "guard"};
  }
  Result<std::string> tip = context.repository.resolve_commit(config.codeowners_ref);
  if (!tip) {
    return Error{tip.error().code, "the ref is being created and `reviews.codeowners_ref` " +
                                       config.codeowners_ref +
                                       " cannot be read: " + tip.error().message};
  }
  return tip;
}

Result<CodeownersSource> read_source(const RefContext& context, const ReviewsConfig& config) {
  if (!config.codeowners_file.empty()) {
    std::ifstream in(config.codeowners_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in || in.bad()) {
      return Error{ErrorCode::kIo, "cannot read " + config.codeowners_file};
    }
    return CodeownersSource{config.codeowners_file, "", text.str()};
  }
  Result<std::string> commit = policy_commit(context, config);
  if (!commit) return commit.error();
  Result<std::string> text = context.repository.read_blob_at(commit.value(), config.codeowners);
  if (!text) {
    return Error{text.error().code, config.codeowners + " cannot be read at " +
                                        short_id(commit.value()) +
                                        " (the protected ref's old tip): " + text.error().message +
                                        "; commit a CODEOWNERS file there first"};
  }
  return CodeownersSource{config.codeowners, commit.value(), std::move(text.value())};
}

bool owner_approved(const CodeownersLine& line, const std::vector<Approver>& approvals,
                    const CommitInfo& commit) {
  return std::any_of(approvals.begin(), approvals.end(), [&](const Approver& approver) {
    if (is_author(approver, commit)) return false;
    return std::any_of(line.owners.begin(), line.owners.end(), [&](const std::string& owner) {
      return identity_names_approver(owner, approver);
    });
  });
}

bool owner_pushed(const CodeownersLine& line, const std::optional<Pusher>& pusher) {
  return pusher &&
         std::any_of(line.owners.begin(), line.owners.end(), [&](const std::string& owner) {
           return identity_names_pusher(owner, pusher->name);
         });
}

}  // namespace

void CodeownersRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.reviews || context.gained_commits.empty()) return;
  const ReviewsConfig& config = *context.rule.reviews;
  if (config.codeowners.empty() && config.codeowners_file.empty()) return;

  // Fail closed: without a trustworthy CODEOWNERS nothing can be judged.
  Result<CodeownersSource> source = read_source(context, config);
  if (!source) {
    out.push_back(ref_finding(rule(), context, context.plan.tip,
                              "cannot read the CODEOWNERS file for " + context.plan.update.ref +
                                  ": " + source.error().message));
    return;
  }
  std::vector<CodeownersProblem> problems;
  const CodeownersFile owners = CodeownersFile::parse(source.value().text, problems);
  if (!problems.empty()) {
    for (CodeownersProblem& problem : problems) {
      Finding f = file_finding(rule(), context, source.value().commit, source.value().path,
                               problem.message +
                                   "; fix the CODEOWNERS file (no push is judged "
                                   "against a file that does not parse)");
      f.position = problem.position;
      out.push_back(std::move(f));
    }
    return;
  }

  std::map<std::string, const CommitInfo*> by_id;
  for (const CommitInfo& commit : context.gained_commits) by_id.emplace(commit.id, &commit);
  const CommitApprovals approvals(context.gained_commits, config.trailers);
  const std::string where = source.value().commit.empty()
                                ? source.value().path
                                : source.value().path + " at " + short_id(source.value().commit);
  for (const CommitPaths& changed : context.changed_paths) {
    auto commit = by_id.find(changed.commit);
    if (commit == by_id.end()) continue;
    const std::vector<Approver> given = approvals.of(*commit->second);
    for (const std::string& path : changed.paths) {
      const CodeownersLine* line = owners.owners_of(path);
      if (line == nullptr || line->owners.empty()) continue;
      if (owner_pushed(*line, context.pusher) || owner_approved(*line, given, *commit->second)) {
        continue;
      }
      std::string message = "commit " + short_id(changed.commit) + " changes " + path +
                            ", owned by " + join_names(line->owners) + " (" + where + ":" +
                            std::to_string(line->line) + " \"" + line->pattern +
                            "\"), without an approval from one of its owners; add a \"" +
                            config.trailers.front() +
                            ": Name <email>\" trailer from an owner other than the author to the "
                            "commit or to the merge commit that brings it, or have an owner push";
      if (!context.has_pusher) {
        message +=
            " (outside a push who pushes is unknown: the server also accepts it when an owner "
            "pushes)";
      } else if (!context.pusher) {
        message +=
            " (who pushed is unknown: pushgate looks in " + std::string(context.pusher_hint) + ")";
      } else {
        message += " (pushed by " + context.pusher->name + ", not an owner)";
      }
      out.push_back(file_finding(rule(), context, changed.commit, path, std::move(message)));
    }
  }
}

}  // namespace pushgate
