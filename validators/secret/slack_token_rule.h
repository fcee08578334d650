#pragma once
#include "validators/secret/token_rule.h"

namespace pushgate {

// secret/slack-token: a Slack token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xapp-) or an
// incoming webhook URL in any pushed text file.
class SlackTokenRule final : public TokenRule {
 public:
  SlackTokenRule();
  std::string_view rule() const override { return "secret/slack-token"; }
  std::string_view what() const override { return "Slack credential"; }
};

}  // namespace pushgate
