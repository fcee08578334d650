#include "core/config/signatures_config.h"

#include <unistd.h>

#include <array>
#include <filesystem>

#include "core/config/refs_config.h"

namespace pushgate {
namespace {

constexpr std::array<EnumValue<TagRequirement>, 3> kTagRequirements = {{
    {"any", TagRequirement::kAny},
    {"annotated", TagRequirement::kAnnotated},
    {"signed", TagRequirement::kSigned},
}};

std::optional<bool> read_bool(ConfigReader& reader, NodeRef value, const std::string& key_path) {
  if (value.kind() == NodeKind::kBool) return value.as_bool();
  reader.report(value,
                "`" + key_path + "` must be true or false, got " + ConfigReader::describe(value));
  return std::nullopt;
}

void read_commits(ConfigReader& reader, NodeRef value, const std::string& key_path,
                  SignaturesConfig& signatures) {
  if (auto flag = read_bool(reader, value, key_path)) signatures.commits = *flag;
}

void read_tags(ConfigReader& reader, NodeRef value, const std::string& key_path,
               SignaturesConfig& signatures) {
  if (auto mode = reader.read_enum(value, key_path, tag_requirements())) signatures.tags = *mode;
}

void read_gpg_keyring(ConfigReader& reader, NodeRef value, const std::string& key_path,
                      SignaturesConfig& signatures) {
  if (auto path = reader.read_string(value, key_path)) signatures.gpg_keyring = *path;
}

void read_ssh_allowed_signers(ConfigReader& reader, NodeRef value, const std::string& key_path,
                              SignaturesConfig& signatures) {
  if (auto path = reader.read_string(value, key_path)) signatures.ssh_allowed_signers = *path;
}

void read_signer_matches_author(ConfigReader& reader, NodeRef value, const std::string& key_path,
                                SignaturesConfig& signatures) {
  if (auto flag = read_bool(reader, value, key_path)) signatures.signer_matches_author = *flag;
}

constexpr std::array<KeySpec<SignaturesConfig>, 5> kSignaturesKeys = {{
    {"commits", read_commits},
    {"tags", read_tags},
    {"gpg_keyring", read_gpg_keyring},
    {"ssh_allowed_signers", read_ssh_allowed_signers},
    {"signer_matches_author", read_signer_matches_author},
}};

// Checks across keys, once every key is read; `origin` is the config file.
void check_signatures(ConfigReader& reader, NodeRef value, const std::string& key_path,
                      const std::string& origin, SignaturesConfig& signatures) {
  if (signatures.requires_anything() && signatures.tags != TagRequirement::kAnnotated &&
      signatures.gpg_keyring.empty() && signatures.ssh_allowed_signers.empty()) {
    reader.report(value, "`" + key_path +
                             "` requires signatures but trusts no key; add `gpg_keyring: DIR` "
                             "(OpenPGP) or `ssh_allowed_signers: FILE` (SSH), or both");
  }
  if (!signatures.gpg_keyring.empty()) {
    signatures.gpg_keyring = resolve_config_path(origin, signatures.gpg_keyring);
    std::error_code ec;
    if (!std::filesystem::is_directory(signatures.gpg_keyring, ec)) {
      reader.report(value.get("gpg_keyring"),
                    "`" + key_path + ".gpg_keyring` " + signatures.gpg_keyring +
                        " is not a folder; make it a GnuPG home holding the trusted public keys "
                        "(gpg --homedir DIR --import keys.asc)");
    }
  }
  if (!signatures.ssh_allowed_signers.empty()) {
    signatures.ssh_allowed_signers = resolve_config_path(origin, signatures.ssh_allowed_signers);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(signatures.ssh_allowed_signers, ec) ||
        ::access(signatures.ssh_allowed_signers.c_str(), R_OK) != 0) {
      reader.report(value.get("ssh_allowed_signers"),
                    "`" + key_path + ".ssh_allowed_signers` " + signatures.ssh_allowed_signers +
                        " is not a readable file; write one `PRINCIPAL KEY` line per trusted key "
                        "(OpenSSH allowed signers format)");
    }
  }
}

}  // namespace

void read_signatures(ConfigReader& reader, NodeRef value, const std::string& key_path,
                     RefRuleConfig& rule) {
  SignaturesConfig signatures;
  const std::size_t before = reader.finding_count();
  reader.read_mapping(value, key_path, signatures_keys(), signatures);
  if (reader.finding_count() != before) return;
  check_signatures(reader, value, key_path, reader.origin(), signatures);
  rule.signatures = std::move(signatures);
}

std::span<const KeySpec<SignaturesConfig>> signatures_keys() {
  return kSignaturesKeys;
}
std::span<const EnumValue<TagRequirement>> tag_requirements() {
  return kTagRequirements;
}

}  // namespace pushgate
