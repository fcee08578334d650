#pragma once
// SSH signatures on commits and tags, verified the way git does with gpg.format=ssh: the server's
// own `ssh-keygen -Y find-principals` / `-Y verify` against an OpenSSH allowed-signers file (the
// file git calls gpg.ssh.allowedSignersFile), namespace "git".
//
//   SshVerifier ssh("/etc/pushgate/allowed_signers");
//   Result<SignatureCheck> check = ssh.verify(signed_payload, "alice@example.com");
//
// The signature and the payload go to a private temporary folder (mkdtemp under /tmp, mode
// 0700), the payload as ssh-keygen's stdin; the program runs with an argv, no shell, and a time
// limit (core/signature/program_runner.h).
#include <chrono>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/git/repository.h"
#include "core/signature/signature_check.h"

namespace pushgate {

inline constexpr const char* kSshKeygen = "/usr/bin/ssh-keygen";

class SshVerifier {
 public:
  explicit SshVerifier(std::string allowed_signers, std::string ssh_keygen = kSshKeygen,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : allowed_signers_(std::move(allowed_signers)),
        ssh_keygen_(std::move(ssh_keygen)),
        timeout_(timeout) {}

  // `principal` "" accepts any principal the allowed-signers file lists for the key; otherwise
  // the key must be listed for that principal (e.g. the author's email). An error means the check
  // could not run (ssh-keygen missing, a timeout), not that the signature is bad.
  Result<SignatureCheck> verify(const SignedPayload& signed_payload,
                                std::string_view principal) const;

 private:
  std::string allowed_signers_;
  std::string ssh_keygen_;
  std::chrono::milliseconds timeout_;
};

}  // namespace pushgate
