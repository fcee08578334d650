#include "validators/k8s/image_rule.h"

#include <set>

#include "core/policy/builtin_rules.h"
#include "validators/applied_forms.h"
#include "validators/k8s/image_reference.h"

namespace pushgate {

void ImageRule::check_run(const RunContext& run, FindingList& out) const {
  // Built once per run, shared with the other image and replica rules.
  const std::shared_ptr<const AppliedValues> shared = run_applied_values(run);
  const AppliedValues& values = *shared;
  std::set<std::string> seen;
  values.visit_objects([&](const AppliedValues::Object& applied_object) {
    const ObjectContext& object = applied_object.object;
    if (!is_pod_kind(object.kind)) return;
    const std::optional<PodTemplate> pod = find_pod_template(object);
    if (!pod) return;
    for (const ContainerRef& c : containers_of(*pod)) {
      const NodeRef image = c.node.get("image");
      if (!image.is_string() || image.text().empty()) continue;
      for (const std::vector<const Transformation*>& chain : applied_object.chains) {
        const AppliedImage applied = c.kind == ContainerRef::Kind::kEphemeral
                                         ? AppliedImage{std::string(image.text())}
                                         : apply_images(chain, image.text());
        if (applied.image.empty() || has_substitution(applied.image)) continue;
        std::optional<Problem> problem = judge(c, applied.image);
        // An unchanged file of a push is judged only for what a kustomization now sets.
        if (!problem || (!applied_object.own && applied.by == nullptr)) continue;
        const std::string path = c.path + "." + problem->field;
        if (applied.by != nullptr && problem->at_transformer) {
          add_once(out, seen,
                   transformer_finding(rule(), default_severity(rule()), object, *applied.by,
                                       applied.setting->position, path,
                                       problem->message + " (this `images` entry sets it for " +
                                           object.display() + " in " +
                                           applied_object.file.file.path + ")"));
          continue;
        }
        const NodeRef field = c.node.get(problem->field);
        add_once(
            out, seen,
            report_object(*this, object, field ? field : image, path, std::move(problem->message)));
      }
    }
  });
}

}  // namespace pushgate
