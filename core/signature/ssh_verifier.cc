#include "core/signature/ssh_verifier.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/process/scratch_dir.h"
#include "core/signature/program_runner.h"

namespace pushgate {
namespace {

// ssh-keygen's first output line, for messages.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 200) line = line.substr(0, 200) + "…";
  return line;
}

}  // namespace

Result<SignatureCheck> SshVerifier::verify(const SignedPayload& signed_payload,
                                           std::string_view principal) const {
  ScratchDir scratch("sig");
  if (scratch.path().empty()) {
    return Error{ErrorCode::kIo,
                 std::string("cannot create a folder in /tmp: ") + std::strerror(errno)};
  }
  const std::string signature_file = scratch.path() + "/signature";
  const std::string payload_file = scratch.path() + "/payload";
  if (Status s = write_private_file(signature_file, signed_payload.signature); !s) return s.error();
  if (Status s = write_private_file(payload_file, signed_payload.payload); !s) return s.error();

  SignatureCheck check;
  std::string who(principal);
  if (who.empty()) {
    Result<ProgramRun> found = run_program(
        {ssh_keygen_, "-Y", "find-principals", "-f", allowed_signers_, "-s", signature_file}, "",
        timeout_);
    if (!found) return found.error();
    if (found.value().timed_out) {
      return Error{ErrorCode::kTimeout, "ssh-keygen -Y find-principals timed out"};
    }
    if (found.value().exit_code != 0) {
      check.problem = "its SSH key is not in the allowed signers file " + allowed_signers_;
      return check;
    }
    who = found.value().output.substr(0, found.value().output.find('\n'));
  }
  Result<ProgramRun> verified = run_program({ssh_keygen_, "-Y", "verify", "-f", allowed_signers_,
                                             "-I", who, "-n", "git", "-s", signature_file},
                                            payload_file, timeout_);
  if (!verified) return verified.error();
  if (verified.value().timed_out)
    return Error{ErrorCode::kTimeout, "ssh-keygen -Y verify timed out"};
  if (verified.value().exit_code != 0) {
    check.problem =
        principal.empty()
            ? "its SSH signature does not verify (" + first_line(verified.value().output) + ")"
            : "its SSH signature is not by a key the allowed signers file lists for " + who;
    return check;
  }
  check.good = true;
  check.signer = who;
  return check;
}

}  // namespace pushgate
