#pragma once
// Shared by the secret rules: how a found secret is shown (never in full), what counts as a
// placeholder rather than a credential, and how SOPS-encrypted files are recognised.
#include <optional>
#include <string>
#include <string_view>

#include "core/finding/finding.h"

namespace pushgate {

// At most this many leading characters of a secret appear in a message or a code frame.
inline constexpr std::size_t kShownSecretChars = 4;

// "ghp_****": the first kShownSecretChars characters (fewer for short values), then "****".
std::string mask_secret(std::string_view secret);

// `line` with every character of `secret` (at byte `offset` in it) after the first
// kShownSecretChars replaced by '*', so a code frame keeps its caret and shows no secret.
std::string mask_in_line(std::string_view line, std::size_t offset, std::size_t length);

// Values that are obviously not real credentials: empty, one repeated character, templates and
// substitutions (${VAR}, {{ .Values.x }}, <your-token>), SOPS ciphertext (ENC[...]), references
// a secret manager resolves (op://, vault:, ref+), names in capitals (UPDATE_API_KEY), and words
// people write instead of a secret (changeme, example, placeholder, dummy, redacted, ...).
bool is_placeholder(std::string_view value);

// True for a file SOPS encrypted: its `sops:` metadata (YAML or JSON) with a MAC, or ENC[...]
// values. Such files hold ciphertext, not secrets.
bool is_sops_encrypted(std::string_view content);

// Base64 (standard alphabet, padding optional, whitespace ignored) to bytes; nullopt when
// `text` is not base64. Secret `data` values are base64 of the real value.
std::optional<std::string> decode_base64(std::string_view text);

// Shannon entropy in bits per character: random tokens score 4 to 6, words and names below 3.5.
double shannon_entropy(std::string_view text);

// Sets the finding's code-frame line to the masked line (the engine leaves it alone then).
void mask_source_line(Finding& finding, std::string_view content, std::size_t offset,
                      std::size_t length);

}  // namespace pushgate
