#pragma once
#include "validators/secret/token_rule.h"

namespace pushgate {

// secret/aws-access-key: an AWS access key id (AKIA…, ASIA…, ABIA…, ACCA…) in any pushed text
// file. The documented example key (…EXAMPLE) is left alone; a secret access key has no shape of
// its own and is secret/generic-high-entropy's finding.
class AwsAccessKeyRule final : public TokenRule {
 public:
  AwsAccessKeyRule();
  std::string_view rule() const override { return "secret/aws-access-key"; }
  std::string_view what() const override { return "AWS credential"; }
};

}  // namespace pushgate
