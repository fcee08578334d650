#include "hooks/ref_update_reader.h"

#include "core/git/object_id.h"

namespace pushgate {
namespace {

std::string shown(std::string_view line) {
  constexpr std::size_t kShown = 120;
  std::string text(line.substr(0, kShown));
  if (line.size() > kShown) text += "…";
  return "\"" + text + "\"";
}

}  // namespace

Result<RefUpdate> validate_ref_update(RefUpdate update) {
  for (const std::string* id : {&update.old_id, &update.new_id}) {
    if (!is_object_id(*id)) {
      return Error{ErrorCode::kInvalid, shown(*id) + " is not an object id (40 hex digits)"};
    }
  }
  if (update.ref.empty() || update.ref.find_first_of(" \t\r\n") != std::string::npos) {
    return Error{ErrorCode::kInvalid, "ref name " + shown(update.ref) + " is empty or has spaces"};
  }
  if (is_zero_object_id(update.old_id) && is_zero_object_id(update.new_id)) {
    return Error{ErrorCode::kInvalid, "both object ids are zero"};
  }
  return update;
}

Result<RefUpdate> parse_ref_update_line(std::string_view line) {
  const std::string expected = "expected \"<old-oid> <new-oid> <ref>\", got " + shown(line);
  std::size_t first = line.find(' ');
  std::size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos) return Error{ErrorCode::kInvalid, expected};
  Result<RefUpdate> update = validate_ref_update(RefUpdate{
      std::string(line.substr(0, first)), std::string(line.substr(first + 1, second - first - 1)),
      std::string(line.substr(second + 1))});
  if (!update) return Error{ErrorCode::kInvalid, expected + ": " + update.error().message};
  return update;
}

Result<std::vector<RefUpdate>> read_ref_updates(std::istream& in) {
  std::vector<RefUpdate> updates;
  std::string line;
  std::size_t number = 1;
  auto finish_line = [&]() -> Status {
    if (updates.size() >= kMaxRefUpdates) {
      return Error{ErrorCode::kInvalid,
                   "more than " + std::to_string(kMaxRefUpdates) + " ref updates on stdin"};
    }
    Result<RefUpdate> update = parse_ref_update_line(line);
    if (!update) return Error::wrap(update.error(), "stdin line " + std::to_string(number));
    updates.push_back(std::move(update.value()));
    line.clear();
    ++number;
    return Status::ok();
  };
  // Character by character so that a line without an end is refused at the bound, not buffered.
  for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
    if (c == '\n') {
      Status status = finish_line();
      if (!status) return status.error();
      continue;
    }
    if (line.size() >= kMaxRefUpdateLine) {
      return Error{ErrorCode::kInvalid, "stdin line " + std::to_string(number) +
                                            " is longer than " + std::to_string(kMaxRefUpdateLine) +
                                            " bytes"};
    }
    line.push_back(static_cast<char>(c));
  }
  if (in.bad()) return Error{ErrorCode::kIo, "reading ref updates from stdin failed"};
  if (!line.empty()) {  // a last line without its newline
    Status status = finish_line();
    if (!status) return status.error();
  }
  return updates;
}

}  // namespace pushgate
