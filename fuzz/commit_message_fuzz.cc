// Commit messages and their trailers (validators/git/approvals and the commit rules). The input
// is one commit's message: approval trailers are read from it and compared with fixed
// identities, and every message rule (commit-message, subject length, blank line, e-mail,
// committer-is-pusher, signoff, reviews) judges it under a `refs:` entry that enables them all.
// Never a crash, a sanitizer report or a hang.
#include <git2.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.h"
#include "core/git/library.h"
#include "core/git/repository.h"
#include "fuzz/fuzz_support.h"
#include "validators/git/approvals.h"
#include "validators/git/git_rule.h"

namespace {

constexpr std::string_view kConfig = R"(version: 1
refs:
  - match: refs/heads/**
    commits:
      message_must_match: ['^(feat|fix|docs|chore)(\([a-z0-9-]+\))?!?: \S']
      message_must_not_match: ['^(fixup|squash)! ', '(?m)\bWIP\b']
      subject_max_length: 72
      require_blank_second_line: true
      author_email: '.*@example\.com'
      committer_email: '.*@example\.com'
      committer_is_pusher: true
      require_signoff: true
    reviews:
      approvals: 2
)";

// The git rules that read only the commits of the context, never the repository.
const std::set<std::string_view> kMessageRules = {
    "git/commit-message", "git/commit-subject-length", "git/commit-blank-line",
    "git/commit-email",   "git/committer-is-pusher",   "git/signoff",
    "git/reviews"};

struct Fixture {
  pushgate::GitLibrary git;
  std::optional<pushgate::Repository> repository;
  pushgate::Config config;
};

Fixture& fixture() {
  static Fixture* f = [] {
    auto* made = new Fixture;
    // A real (empty) bare repository: RefContext holds one, the message rules never read it.
    // Made in the working folder (fuzz/run.sh's scratch folder), not left behind in /tmp.
    char dir[] = "commit-fuzz-repository-XXXXXX";
    if (::mkdtemp(dir) == nullptr) std::abort();
    git_repository* raw = nullptr;
    if (git_repository_init(&raw, dir, 1) != 0) std::abort();
    git_repository_free(raw);
    pushgate::Result<pushgate::Repository> repo = pushgate::Repository::open(dir);
    if (!repo) std::abort();
    made->repository.emplace(std::move(repo.value()));
    pushgate::ConfigLoad load = pushgate::load_config_text("pushgate.yaml", kConfig);
    if (!load.config) std::abort();  // the fixed config above is valid
    made->config = std::move(*load.config);
    return made;
  }();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  const std::string_view message = pushgate::fuzz::as_text(data, size);

  pushgate::CommitInfo commit;
  commit.id = std::string(40, 'a');
  commit.tree = std::string(40, 'b');
  commit.parents = {std::string(40, 'c')};
  commit.author_name = "Test Author";
  commit.author_email = "author@example.com";
  commit.committer_name = "Test Committer";
  commit.committer_email = "committer@example.com";
  commit.message = std::string(message);

  const std::vector<std::string> keys = {"Reviewed-by", "Approved-by", "Signed-off-by"};
  for (const pushgate::Approver& approver : pushgate::approvals_in(message, keys)) {
    approver.key();
    pushgate::is_author(approver, commit);
    for (std::string_view identity : {"@alice", "@org/team", "alice@example.com", "Alice"}) {
      pushgate::identity_names_approver(identity, approver);
    }
    pushgate::identity_names_approver(approver.text, approver);
    pushgate::identity_names_pusher(approver.text, "alice");
  }

  pushgate::RefPlan plan;
  plan.update.ref = "refs/heads/main";
  plan.update.old_id = std::string(40, 'c');
  plan.update.new_id = commit.id;
  plan.tip = commit.id;
  plan.new_commits = {commit.id};
  const std::optional<pushgate::Pusher> pusher = pushgate::Pusher{"alice", "GL_USER"};
  const std::vector<pushgate::CommitInfo> commits = {commit};
  const pushgate::RefContext context{.repository = *f.repository,
                                     .plan = plan,
                                     .rule = f.config.refs.front(),
                                     .pusher = pusher,
                                     .push_options = {},
                                     .commits = commits,
                                     .gained_commits = commits};
  pushgate::FindingList out;
  for (const auto& rule : pushgate::git_rules()) {
    if (kMessageRules.count(rule->rule()) != 0) rule->check_ref(context, out);
  }
  return 0;
}
