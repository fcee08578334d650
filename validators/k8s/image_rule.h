#pragma once
// Base for the rules that judge container images (k8s/image-latest, image-digest,
// image-registry, image-pull-policy) as they are applied: kustomize's `images:` may give a
// container another name, tag or digest than its manifest holds (validators/applied_forms.h,
// core/kustomize/applied_form.h apply_images). Each container's and init container's image is
// judged once per distinct value that the chains of kustomizations rendering its file give it,
// and what is wrong is reported where it was written: at the container's field when the image
// is as written, at the kustomization's `images` item when that item set it. Ephemeral
// containers, which kustomize leaves alone, are judged as written. Runs once per run: the
// kustomizations can be anywhere in the tree.
//
//   class ImageDigestRule final : public ImageRule {
//     std::optional<Problem> judge(const ContainerRef& c, std::string_view image) const override {
//       if (!ImageReference::parse(image).digest.empty()) return std::nullopt;
//       return Problem{container_label(c) + " uses image `" + std::string(image) + "` ..."};
//     }
//   };
#include <optional>
#include <string>

#include "validators/k8s/pod_rule.h"
#include "validators/validator.h"

namespace pushgate {

class ImageRule : public Validator {
 public:
  bool wants_run() const final { return true; }
  void check_run(const RunContext& run, FindingList& out) const final;

 protected:
  struct Problem {
    std::string message;  // the whole message, naming the image
    // The container field the finding points at in the manifest ("image", "imagePullPolicy"),
    // and whether the `images` item that set the image is where to fix it (false: the field is).
    std::string field = "image";
    bool at_transformer = true;
  };
  // What is wrong with container `c` running `image` (not empty, no `${...}` or `{{...}}`).
  virtual std::optional<Problem> judge(const ContainerRef& c, std::string_view image) const = 0;
};

}  // namespace pushgate
