#pragma once
// `signatures:` inside a `refs:` entry: which pushed commits and tags must be signed, and the
// server-side trust anchors their signatures are verified against (docs/git-rules.md
// "Signatures").
//
//   refs:
//     - match: refs/heads/main
//       signatures:
//         commits: true                          # every new commit signed by a trusted key
//         gpg_keyring: /etc/pushgate/gnupg       # OpenPGP: a GnuPG home with the trusted keys
//         ssh_allowed_signers: /etc/pushgate/allowed_signers   # SSH: as gpg.ssh.allowedSignersFile
//         signer_matches_author: true            # the key must belong to the author's email
//     - match: refs/tags/**
//       signatures: {tags: signed, gpg_keyring: /etc/pushgate/gnupg}
//
// The loader checks that the keyring is a folder and the allowed-signers file can be read, and
// that requiring signatures names at least one of them. Relative paths are relative to the config
// file.
#include <cstdint>
#include <span>
#include <string>

#include "core/config/config_reader.h"

namespace pushgate {

enum class TagRequirement : std::uint8_t {
  kAny,        // lightweight tags allowed
  kAnnotated,  // tags must be annotated tag objects
  kSigned,     // annotated and signed by a trusted key
};

struct SignaturesConfig {
  bool commits = false;  // every new commit must carry a good signature
  TagRequirement tags = TagRequirement::kAny;
  std::string gpg_keyring;             // absolute; "" when OpenPGP signatures are not accepted
  std::string ssh_allowed_signers;     // absolute; "" when SSH signatures are not accepted
  bool signer_matches_author = false;  // commits: the author's email; tags: the tagger's

  bool requires_anything() const { return commits || tags != TagRequirement::kAny; }
};

struct RefRuleConfig;
// `signatures:` reader for the `refs:` entry key table (refs_config.cc).
void read_signatures(ConfigReader& reader, NodeRef value, const std::string& key_path,
                     RefRuleConfig& rule);

std::span<const KeySpec<SignaturesConfig>> signatures_keys();
std::span<const EnumValue<TagRequirement>> tag_requirements();

}  // namespace pushgate
