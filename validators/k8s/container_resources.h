#pragma once
// A container's `resources` section, for the rules that require requests and limits.
#include <string>
#include <string_view>

#include "validators/k8s/workload.h"

namespace pushgate {

// Where a resources finding points: the map that lacks the value (`resources.limits`), else
// `resources`, else the container.
struct ResourcesAnchor {
  NodeRef node;
  std::string path;
};
ResourcesAnchor resources_anchor(const ContainerRef& container, std::string_view section);

// True when `resources.<section>.<name>` is set to something other than null.
bool has_resource(const ContainerRef& container, std::string_view section, std::string_view name);

}  // namespace pushgate
