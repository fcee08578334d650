#include "core/tree/object_index_store.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "pushgate/version.h"

namespace pushgate {
namespace {

constexpr std::string_view kMagic = "pushgate-object-index";
// Bump when the summary or this text changes meaning: an index of another format is stale.
constexpr std::string_view kFormat = "3";

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// One field of a line: never empty, no separators. "-" is the empty string.
void put_field(std::string& out, std::string_view s) {
  out += ' ';
  if (s.empty()) {
    out += '-';
    return;
  }
  for (unsigned char c : s) {
    if (c == '%' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || (s == "-" && c == '-')) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool get_field(std::string_view token, std::string& out) {
  out.clear();
  if (token == "-") return true;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '%') {
      out += token[i];
      continue;
    }
    if (i + 2 >= token.size()) return false;
    const int hi = hex_digit(token[i + 1]);
    const int lo = hex_digit(token[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

std::vector<std::string_view> split_spaces(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t space = line.find(' ', start);
    if (space == std::string_view::npos) space = line.size();
    out.push_back(line.substr(start, space - start));
    start = space + 1;
  }
  return out;
}

template <typename T>
bool get_number(std::string_view token, T& out) {
  auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), out);
  return ec == std::errc() && ptr == token.data() + token.size();
}

// Reads the next line of `text` from `pos`; false at the end.
bool next_line(std::string_view text, std::size_t& pos, std::string_view& line) {
  if (pos >= text.size()) return false;
  std::size_t nl = text.find('\n', pos);
  if (nl == std::string_view::npos) nl = text.size();
  line = text.substr(pos, nl - pos);
  pos = nl + 1;
  return true;
}

Result<FileSummary> decode_lines(std::string_view text, std::size_t& pos, std::string_view head) {
  // head: "<flags> <count>" where flags = [s-][ci]
  const std::vector<std::string_view> h = split_spaces(head);
  std::size_t count = 0;
  if (h.size() != 2 || h[0].size() != 3 || !get_number(h[1], count)) {
    return Error{ErrorCode::kInvalid, "bad file line"};
  }
  FileSummary summary;
  summary.sops_encrypted = h[0][0] == 's';
  summary.complete = h[0][1] == 'c';
  const bool kustomization = h[0][2] == 'k';
  for (std::size_t i = 0; i < count; ++i) {
    std::string_view line;
    if (!next_line(text, pos, line)) return Error{ErrorCode::kInvalid, "truncated object list"};
    const std::vector<std::string_view> t = split_spaces(line);
    if (t.size() != 9 || t[0] != "O") return Error{ErrorCode::kInvalid, "bad object line"};
    SummarizedObject o;
    std::string body;
    if (!get_number(t[1], o.document) || !get_number(t[2], o.position.line) ||
        !get_number(t[3], o.position.column) || !get_field(t[4], o.api_version) ||
        !get_field(t[5], o.kind) || !get_field(t[6], o.namespace_) || !get_field(t[7], o.name) ||
        !get_field(t[8], body)) {
      return Error{ErrorCode::kInvalid, "bad object field"};
    }
    if (!body.empty()) {
      o.body = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
      if (o.body.is_discarded()) return Error{ErrorCode::kInvalid, "bad object body"};
    }
    summary.objects.push_back(std::move(o));
  }
  if (kustomization) {
    // "K <namespace> <namePrefix> <nameSuffix> <count>", then "R <0|1> <path>" per reference.
    std::string_view line;
    if (!next_line(text, pos, line)) return Error{ErrorCode::kInvalid, "truncated kustomization"};
    const std::vector<std::string_view> t = split_spaces(line);
    KustomizationSummary k;
    std::size_t references = 0;
    if (t.size() != 5 || t[0] != "K" || !get_field(t[1], k.namespace_) ||
        !get_field(t[2], k.name_prefix) || !get_field(t[3], k.name_suffix) ||
        !get_number(t[4], references)) {
      return Error{ErrorCode::kInvalid, "bad kustomization line"};
    }
    for (std::size_t i = 0; i < references; ++i) {
      if (!next_line(text, pos, line)) return Error{ErrorCode::kInvalid, "truncated references"};
      const std::vector<std::string_view> r = split_spaces(line);
      SummarizedReference ref;
      if (r.size() != 3 || r[0] != "R" || (r[1] != "0" && r[1] != "1") ||
          !get_field(r[2], ref.path)) {
        return Error{ErrorCode::kInvalid, "bad reference line"};
      }
      ref.file_or_kustomization = r[1] == "1";
      k.references.push_back(std::move(ref));
    }
    summary.kustomization = std::move(k);
  }
  return summary;
}

}  // namespace

std::string encode_file_summary(const FileSummary& summary) {
  std::string out;
  out += summary.sops_encrypted ? 's' : '-';
  out += summary.complete ? 'c' : 'i';
  out += summary.kustomization ? 'k' : '-';
  out += ' ';
  out += std::to_string(summary.objects.size());
  out += '\n';
  for (const SummarizedObject& o : summary.objects) {
    out += "O ";
    out += std::to_string(o.document) + ' ' + std::to_string(o.position.line) + ' ' +
           std::to_string(o.position.column);
    put_field(out, o.api_version);
    put_field(out, o.kind);
    put_field(out, o.namespace_);
    put_field(out, o.name);
    put_field(out, o.body.is_null() ? std::string() : o.body.dump());
    out += '\n';
  }
  if (const std::optional<KustomizationSummary>& k = summary.kustomization) {
    out += "K";
    put_field(out, k->namespace_);
    put_field(out, k->name_prefix);
    put_field(out, k->name_suffix);
    out += ' ' + std::to_string(k->references.size()) + '\n';
    for (const SummarizedReference& ref : k->references) {
      out += ref.file_or_kustomization ? "R 1" : "R 0";
      put_field(out, ref.path);
      out += '\n';
    }
  }
  return out;
}

Result<FileSummary> decode_file_summary(std::string_view text) {
  std::size_t pos = 0;
  std::string_view head;
  if (!next_line(text, pos, head)) return Error{ErrorCode::kInvalid, "empty"};
  Result<FileSummary> summary = decode_lines(text, pos, head);
  if (summary && pos < text.size()) return Error{ErrorCode::kInvalid, "trailing text"};
  return summary;
}

std::optional<ObjectIndexStore::SlotKey> ObjectIndexStore::slot_key(std::string_view blob_id,
                                                                    FileFormat format) {
  SlotKey key;
  if (blob_id.empty() || blob_id.size() > key.id.size()) return std::nullopt;
  for (char c : blob_id) {
    if (hex_digit(c) < 0) return std::nullopt;
  }
  std::copy(blob_id.begin(), blob_id.end(), key.id.begin());
  key.size = static_cast<std::uint8_t>(blob_id.size());
  key.format = format == FileFormat::kJson ? 'j' : 'y';
  return key;
}

std::string object_index_path(std::string_view git_dir) {
  std::string path(git_dir);
  if (!path.empty() && path.back() != '/') path += '/';
  return path + "pushgate/object-index";
}

std::string ObjectIndexStore::index_key(const ParseLimits& limits) {
  return std::string(kFormat) + "/" + kVersion + "/" + std::to_string(limits.max_bytes) + "/" +
         std::to_string(limits.max_depth) + "/" + std::to_string(limits.max_expanded_nodes);
}

ObjectIndexStore ObjectIndexStore::open(std::string path, std::string key) {
  ObjectIndexStore store(std::move(path), std::move(key));
  store.load();
  return store;
}

ObjectIndexStore::ObjectIndexStore(ObjectIndexStore&&) noexcept = default;
ObjectIndexStore& ObjectIndexStore::operator=(ObjectIndexStore&&) noexcept = default;

void ObjectIndexStore::load() {
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    state_ = LoadState::kMissing;
    return;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = std::move(buffer).str();
  auto corrupt = [&](std::string why) {
    slots_.clear();
    state_ = LoadState::kCorrupt;
    problem_ = std::move(why);
  };
  // The trailer "end <files> <checksum>" covers every byte before it: a torn or edited file
  // fails here, before anything of it is used.
  const std::size_t trailer = text.rfind("\nend ");
  if (trailer == std::string::npos || text.empty() || text.back() != '\n') {
    return corrupt("no trailer");
  }
  const std::string_view body = std::string_view(text).substr(0, trailer + 1);
  const std::vector<std::string_view> end =
      split_spaces(std::string_view(text).substr(trailer + 1, text.size() - trailer - 2));
  std::size_t files = 0;
  if (end.size() != 3 || end[0] != "end" || !get_number(end[1], files) ||
      end[2] != hex64(fnv1a(body))) {
    return corrupt("checksum mismatch");
  }
  std::size_t pos = 0;
  std::string_view line;
  next_line(body, pos, line);
  const std::vector<std::string_view> header = split_spaces(line);
  if (header.size() != 2 || header[0] != kMagic) return corrupt("bad header");
  if (header[1] != key_) {
    state_ = LoadState::kStale;
    problem_ = "written for " + std::string(header[1]) + ", this run is " + key_;
    return;
  }
  slots_.reserve(files);
  while (next_line(body, pos, line)) {
    // "F <blob id> <y|j> <flags> <count>"
    if (line.size() < 2 || line.substr(0, 2) != "F ") return corrupt("bad file line");
    const std::size_t id_end = line.find(' ', 2);
    if (id_end == std::string_view::npos || id_end + 3 > line.size()) {
      return corrupt("bad file line");
    }
    const std::string_view id = line.substr(2, id_end - 2);
    const char format = line[id_end + 1];
    if ((format != 'y' && format != 'j') || line[id_end + 2] != ' ') {
      return corrupt("bad file line");
    }
    Result<FileSummary> summary = decode_lines(body, pos, line.substr(id_end + 3));
    if (!summary) return corrupt(summary.error().message);
    const std::optional<SlotKey> key =
        slot_key(id, format == 'j' ? FileFormat::kJson : FileFormat::kYaml);
    if (!key) return corrupt("bad blob id");
    slots_[*key] = Slot{std::make_shared<const FileSummary>(std::move(summary).value()), false};
  }
  if (slots_.size() != files) return corrupt("file count mismatch");
  state_ = LoadState::kLoaded;
}

std::shared_ptr<const FileSummary> ObjectIndexStore::find(std::string_view blob_id,
                                                          FileFormat format) const {
  std::lock_guard lock(*mutex_);
  const std::optional<SlotKey> key = slot_key(blob_id, format);
  if (!key) return nullptr;
  auto it = slots_.find(*key);
  if (it == slots_.end()) return nullptr;
  it->second.used = true;
  return it->second.summary;
}

void ObjectIndexStore::store(std::string_view blob_id, FileFormat format,
                             std::shared_ptr<const FileSummary> summary) {
  std::lock_guard lock(*mutex_);
  const std::optional<SlotKey> key = slot_key(blob_id, format);
  if (!key) return;
  Slot& slot = slots_[*key];
  slot.summary = std::move(summary);
  slot.used = true;
  dirty_ = true;
}

std::size_t ObjectIndexStore::size() const {
  std::lock_guard lock(*mutex_);
  return slots_.size();
}

Result<bool> ObjectIndexStore::save(std::size_t max_entries) {
  std::lock_guard lock(*mutex_);
  if (!dirty_ && state_ == LoadState::kLoaded) return false;
  // What this run used first (the trees it judged), then older summaries while room is left.
  std::vector<const std::pair<const SlotKey, Slot>*> kept;
  for (const auto& slot : slots_) {
    if (slot.second.used) kept.push_back(&slot);
  }
  for (const auto& slot : slots_) {
    if (kept.size() >= max_entries) break;
    if (!slot.second.used) kept.push_back(&slot);
  }
  std::sort(kept.begin(), kept.end(), [](auto* a, auto* b) {
    return std::pair(a->first.text(), a->first.format) <
           std::pair(b->first.text(), b->first.format);
  });
  std::string text = std::string(kMagic) + " " + key_ + "\n";
  for (const auto* slot : kept) {
    text += "F ";
    text += slot->first.text();
    text += ' ';
    text += slot->first.format;
    text += ' ';
    text += encode_file_summary(*slot->second.summary);
  }
  text += "end " + std::to_string(kept.size()) + " " + hex64(fnv1a(text)) + "\n";

  std::error_code ec;
  const std::filesystem::path target(path_);
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) {
    return Error{ErrorCode::kIo, "create " + target.parent_path().string() + ": " + ec.message()};
  }
  std::random_device random;
  const std::string temp =
      path_ + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(random());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::filesystem::remove(temp, ec);
      return Error{ErrorCode::kIo, "write " + temp};
    }
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return Error{ErrorCode::kIo, "rename " + temp + " to " + path_ + ": " + ec.message()};
  }
  dirty_ = false;
  state_ = LoadState::kLoaded;
  return true;
}

}  // namespace pushgate
