#pragma once
// libgit2 must be initialised before any call and shut down after the last handle is freed.
// GitLibrary is that pairing as an RAII guard; libgit2 counts init/shutdown calls, so guards nest.
//
//   int main() {
//     pushgate::GitLibrary git;   // for the whole run
//     auto repo = pushgate::Repository::open(".");
//   }
//
// Every Repository also holds a guard of its own, so a handle can never outlive the library.

namespace pushgate {

class GitLibrary {
 public:
  GitLibrary();
  ~GitLibrary();
  GitLibrary(const GitLibrary&) = delete;
  GitLibrary& operator=(const GitLibrary&) = delete;
};

}  // namespace pushgate
