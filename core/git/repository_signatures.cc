// Signed commits and tags: the signature and the bytes it covers, for core/signature to verify.
#include <array>

#include "core/git/git_status.h"
#include "core/git/oid.h"
#include "core/git/repository_impl.h"

namespace pushgate {
namespace {

// The markers git recognises at the start of a signature block (gpg-interface.c).
constexpr std::array<std::string_view, 4> kSignatureMarkers = {
    "-----BEGIN PGP SIGNATURE-----",
    "-----BEGIN PGP MESSAGE-----",
    "-----BEGIN SSH SIGNATURE-----",
    "-----BEGIN SIGNED MESSAGE-----",
};

bool starts_signature(std::string_view line) {
  for (std::string_view marker : kSignatureMarkers) {
    if (line.starts_with(marker)) return true;
  }
  return false;
}

// The offset of the last line that starts a signature block; text.size() when none.
std::size_t signature_start(std::string_view text) {
  std::size_t match = text.size();
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (starts_signature(text.substr(pos))) match = pos;
    const std::size_t eol = text.find('\n', pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
  }
  return match;
}

}  // namespace

Result<SignedPayload> Repository::commit_signature(std::string_view commit) const {
  std::lock_guard lock(impl_->mutex);
  Result<git_oid> oid = git::parse_oid(commit);
  if (!oid) return oid.error();
  git::Buf signature;
  git::Buf payload;
  const int rc = git_commit_extract_signature(signature.get(), payload.get(), impl_->repo.get(),
                                              &oid.value(), nullptr);
  if (rc != 0) return git::to_error(rc, "read the signature of commit " + std::string(commit));
  return SignedPayload{signature.str(), payload.str()};
}

Result<TagInfo> Repository::read_tag(std::string_view id) const {
  std::lock_guard lock(impl_->mutex);
  Result<git::ObjectPtr> object = git::lookup_object(impl_->repo.get(), id, GIT_OBJECT_ANY);
  if (!object) return object.error();
  if (git_object_type(object.value().get()) != GIT_OBJECT_TAG) {
    return Error{ErrorCode::kInvalid, std::string(id) + " is not an annotated tag"};
  }
  auto* tag = reinterpret_cast<const git_tag*>(object.value().get());
  TagInfo info;
  info.id = std::string(id);
  info.name = git_tag_name(tag) != nullptr ? git_tag_name(tag) : "";
  info.target = git::to_hex(*git_tag_target_id(tag));
  if (const git_signature* tagger = git_tag_tagger(tag)) {
    info.tagger_name = tagger->name != nullptr ? tagger->name : "";
    info.tagger_email = tagger->email != nullptr ? tagger->email : "";
  }

  git_odb* raw_odb = nullptr;
  int rc = git_repository_odb(&raw_odb, impl_->repo.get());
  if (rc != 0) return git::to_error(rc, "open the object database");
  git::OdbPtr odb(raw_odb);
  git_odb_object* raw_object = nullptr;
  rc = git_odb_read(&raw_object, odb.get(), git_tag_id(tag));
  if (rc != 0) return git::to_error(rc, "read tag " + std::string(id));
  std::unique_ptr<git_odb_object, void (*)(git_odb_object*)> owned(raw_object, git_odb_object_free);
  const std::string_view text(static_cast<const char*>(git_odb_object_data(raw_object)),
                              git_odb_object_size(raw_object));
  // The block belongs to the message: it cannot start in the header.
  const std::size_t body = text.find("\n\n");
  const std::size_t start = signature_start(text);
  if (start < text.size() && body != std::string_view::npos && start > body) {
    info.signature =
        SignedPayload{std::string(text.substr(start)), std::string(text.substr(0, start))};
  }
  return info;
}

}  // namespace pushgate
