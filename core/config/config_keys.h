#pragma once
// Every key pushgate.yaml may hold, in one table per mapping (config_keys.cc). Adding a section is
// one entry here; a known section this build does not enforce yet is an entry without a
// reader, which makes writing it an error (config/unsupported).
#include <span>

#include "core/config/config.h"
#include "core/config/config_reader.h"

namespace pushgate {

std::span<const KeySpec<Config>> config_keys();      // top level
std::span<const KeySpec<FilesConfig>> files_keys();  // files:
std::span<const EnumValue<ValidateMode>> validate_modes();
std::span<const EnumValue<FailureMode>> failure_modes();

}  // namespace pushgate
