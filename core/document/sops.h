#pragma once
// SOPS-encrypted documents (https://github.com/getsops/sops): a top-level `sops:` mapping with
// `mac` and `lastmodified`, and values replaced by `ENC[AES256_GCM,data:...,type:str]`. Flux's
// kustomize-controller decrypts them before applying, so the `sops` key and the encrypted
// scalars are not what the API server sees. Pure functions over a parsed node; know nothing of
// schemas or rules.
#include <string_view>

#include "core/document/document.h"

namespace pushgate {

// True when `root` (a document's root) carries SOPS metadata: a `sops` mapping with `mac` and
// `lastmodified`.
bool is_sops_document(const NodeRef& root);

// True for a value SOPS encrypted: `ENC[<cipher>,data:...]`.
bool is_sops_encrypted_value(std::string_view text);

}  // namespace pushgate
