#include "validators/k8s/kind_rule.h"

namespace pushgate {

void KindRule::check_file(const FileContext& file, FindingList& out) const {
  bool wanted = false;
  for (const Document& doc : file.file.documents) {
    const std::string_view kind = doc.root().get_string("kind");
    // A List's items have kinds of their own: look inside.
    if (wants_kind(kind) || kind.ends_with("List")) {
      wanted = true;
      break;
    }
  }
  if (!wanted) return;
  for_each_object(file, [&](const ObjectContext& object) {
    if (wants_kind(object.kind)) check_object(object, out);
  });
}

}  // namespace pushgate
