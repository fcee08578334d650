#include "validators/git/signature_rule.h"

#include <optional>

#include "core/signature/openpgp_verifier.h"
#include "core/signature/ssh_verifier.h"

namespace pushgate {
namespace {

// The verifiers one ref needs, opened when a signature of their kind first turns up.
class Verifiers {
 public:
  explicit Verifiers(const SignaturesConfig& config) : config_(config) {}

  // The check, or a problem (as a finding message tail) when it could not be made.
  Result<SignatureCheck> verify(const SignedPayload& signed_payload, std::string_view signer) {
    const SignatureFormat format = signature_format(signed_payload.signature);
    SignatureCheck refused;
    switch (format) {
      case SignatureFormat::kOpenPgp:
        if (config_.gpg_keyring.empty()) {
          refused.problem =
              "it has an OpenPGP signature, but this server trusts only SSH keys "
              "for these refs (no gpg_keyring)";
          return refused;
        }
        if (!gpg_) {
          Result<OpenPgpVerifier> opened = OpenPgpVerifier::open(config_.gpg_keyring);
          if (!opened) return opened.error();
          gpg_.emplace(std::move(opened).value());
        }
        return gpg_->verify(signed_payload, signer);
      case SignatureFormat::kSsh:
        if (config_.ssh_allowed_signers.empty()) {
          refused.problem =
              "it has an SSH signature, but this server trusts only OpenPGP keys "
              "for these refs (no ssh_allowed_signers)";
          return refused;
        }
        return SshVerifier(config_.ssh_allowed_signers).verify(signed_payload, signer);
      case SignatureFormat::kX509:
      case SignatureFormat::kUnknown:
        break;
    }
    refused.problem = "its " + std::string(to_string(format)) +
                      " signature cannot be verified here; sign with an OpenPGP or SSH key";
    return refused;
  }

 private:
  const SignaturesConfig& config_;
  std::optional<OpenPgpVerifier> gpg_;
};

std::string short_commit(std::string_view id) {
  return std::string(id.substr(0, 12));
}

void check_commit(const GitRule& rule, const RefContext& context, const SignaturesConfig& config,
                  Verifiers& verifiers, const std::string& commit, FindingList& out) {
  const std::string where = "commit " + short_commit(commit);
  Result<SignedPayload> signed_payload = context.repository.commit_signature(commit);
  if (!signed_payload) {
    if (signed_payload.error().code == ErrorCode::kNotFound) {
      out.push_back(ref_finding(rule.rule(), context, commit,
                                where + " is not signed, and refs matching `" + context.rule.match +
                                    "` take only signed commits; sign it with `git commit -S` "
                                    "using a key the server trusts"));
    } else {
      out.push_back(ref_finding(
          rule.rule(), context, commit,
          "cannot read the signature of " + where + ": " + signed_payload.error().message));
    }
    return;
  }
  std::string author_email;
  if (config.signer_matches_author) {
    Result<CommitInfo> info = context.repository.read_commit(commit);
    if (!info) {
      out.push_back(ref_finding(rule.rule(), context, commit,
                                "cannot read " + where + ": " + info.error().message));
      return;
    }
    author_email = info.value().author_email;
  }
  Result<SignatureCheck> check = verifiers.verify(signed_payload.value(), author_email);
  if (!check) {
    out.push_back(ref_finding(rule.rule(), context, commit,
                              "cannot verify the signature of " + where + ": " +
                                  check.error().message + "; the push is refused (fail closed)"));
    return;
  }
  if (check.value().good) return;
  std::string message = where + " has no trusted signature: " + check.value().problem;
  if (config.signer_matches_author)
    message += " (the signer must be the author, " + author_email + ")";
  out.push_back(ref_finding(rule.rule(), context, commit, std::move(message)));
}

void check_tag(const GitRule& rule, const RefContext& context, const SignaturesConfig& config,
               Verifiers& verifiers, FindingList& out) {
  const RefPlan& plan = context.plan;
  const std::string& ref = plan.update.ref;
  const std::string& id = plan.update.new_id;
  const bool want_signed = config.tags == TagRequirement::kSigned;
  Result<ObjectKind> kind = context.repository.object_kind(id);
  if (!kind) {
    out.push_back(
        ref_finding(rule.rule(), context, id, "cannot read " + ref + ": " + kind.error().message));
    return;
  }
  if (kind.value() != ObjectKind::kTag) {
    out.push_back(ref_finding(rule.rule(), context, id,
                              ref + " is a lightweight tag, and tags matching `" +
                                  context.rule.match + "` must be " +
                                  (want_signed ? "signed: create it with `git tag -s`"
                                               : "annotated: create it with "
                                                 "`git tag -a`")));
    return;
  }
  if (!want_signed) return;
  Result<TagInfo> tag = context.repository.read_tag(id);
  if (!tag) {
    out.push_back(ref_finding(rule.rule(), context, id,
                              "cannot read tag " + ref + ": " + tag.error().message));
    return;
  }
  if (!tag.value().signature) {
    out.push_back(ref_finding(rule.rule(), context, id,
                              "tag " + ref + " is not signed, and tags matching `" +
                                  context.rule.match + "` must be: create it with `git tag -s`"));
    return;
  }
  const std::string tagger = config.signer_matches_author ? tag.value().tagger_email : "";
  Result<SignatureCheck> check = verifiers.verify(*tag.value().signature, tagger);
  if (!check) {
    out.push_back(ref_finding(rule.rule(), context, id,
                              "cannot verify the signature of tag " + ref + ": " +
                                  check.error().message + "; the push is refused (fail closed)"));
    return;
  }
  if (check.value().good) return;
  std::string message = "tag " + ref + " has no trusted signature: " + check.value().problem;
  if (config.signer_matches_author) message += " (the signer must be the tagger, " + tagger + ")";
  out.push_back(ref_finding(rule.rule(), context, id, std::move(message)));
}

}  // namespace

void SignatureRule::check_ref(const RefContext& context, FindingList& out) const {
  if (!context.rule.signatures || !context.rule.signatures->requires_anything()) return;
  const SignaturesConfig& config = *context.rule.signatures;
  const RefPlan& plan = context.plan;
  if (plan.is_deletion()) return;
  Verifiers verifiers(config);
  if (config.commits) {
    for (const std::string& commit : plan.new_commits) {
      check_commit(*this, context, config, verifiers, commit, out);
    }
  }
  if (config.tags != TagRequirement::kAny && plan.update.ref.starts_with("refs/tags/")) {
    check_tag(*this, context, config, verifiers, out);
  }
}

}  // namespace pushgate
