#pragma once
// Private to core/git: GIT_ALTERNATE_OBJECT_DIRECTORIES as git writes it. Entries are separated by
// ':'; an entry that contains ':' or starts with '"' is C-quoted ("/srv/a:b" -> "\"/srv/a:b\"").
#include <string>
#include <string_view>
#include <vector>

namespace pushgate::git {

std::vector<std::string> split_alternates(std::string_view list);

}  // namespace pushgate::git
