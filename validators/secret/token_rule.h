#pragma once
// Base for the rules that find credentials by their shape in any pushed text file (YAML, .env,
// scripts, docs): one RE2 pattern per rule, compiled once when the rule is built, run over each
// changed file's text. A match is reported at its line and column with at most a 4-character
// prefix shown (secret_text.h) — in the message and in the code frame — and placeholders
// (EXAMPLE keys, ${VARS}, xxxx) are left alone.
//
//   class GithubTokenRule final : public TokenRule {
//    public:
//     GithubTokenRule();
//     std::string_view rule() const override { return "secret/github-token"; }
//     std::string_view what() const override { return "GitHub token"; }
//   };
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "validators/validator.h"

namespace re2 {
class RE2;
}

namespace pushgate {

class TokenRule : public Validator {
 public:
  // `pattern`: RE2 syntax; the token is the first capture group that matched (alternatives
  // may each capture their own). `literals`: strings every match contains, on the line where it
  // starts (or at most 512 bytes before); files are searched for them first, which is as fast as
  // memchr, and the pattern runs only near them.
  TokenRule(std::string_view pattern, std::initializer_list<std::string_view> literals);
  ~TokenRule() override;

  bool wants_every_file() const final { return true; }
  void check_entry(const EntryContext& entry, FindingList& out) const final;

  // For messages: "GitHub token", "AWS access key id".
  virtual std::string_view what() const = 0;
  // What to do about it, after "revoke it, then ..." is implied: the whole fix sentence.
  virtual std::string_view fix() const {
    return "revoke it now (it is in git history), then load it from a secret manager or an "
           "encrypted Secret";
  }
  // False for matches that are not real credentials beyond the shared placeholder check.
  virtual bool plausible(std::string_view token) const;

 private:
  std::unique_ptr<re2::RE2> pattern_;
  // The literals, one alternation per first byte: RE2 then finds candidates with memchr.
  std::vector<std::unique_ptr<re2::RE2>> literal_groups_;
};

}  // namespace pushgate
