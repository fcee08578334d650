#include "core/baseline/config_baseline.h"

#include "core/baseline/baseline.h"

namespace pushgate {

void apply_config_baseline(const Config& config, FindingList& findings) {
  if (config.baseline.empty()) return;
  Result<Baseline> baseline = Baseline::load(config.baseline);
  if (!baseline) {
    findings.push_back(
        Finding::at("internal/error", Severity::kError, "", Position{},
                    "cannot use the configured baseline: " + baseline.error().message +
                        "; fix the file or remove `baseline:` from the config"));
    return;
  }
  findings = apply_baseline(std::move(findings), baseline.value(), [](std::string_view) {
               return false;
             }).findings;
}

}  // namespace pushgate
