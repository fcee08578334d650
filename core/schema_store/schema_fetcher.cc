#include "core/schema_store/schema_fetcher.h"

#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/replace_file.h"

namespace pushgate {
namespace {

namespace fs = std::filesystem;

Result<std::optional<std::string>> read_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<std::string>();
  if (!fs::is_regular_file(path, ec)) {
    return Error{ErrorCode::kIo, path + " is not a regular file"};
  }
  if (fs::file_size(path, ec) > max_bytes) {
    return Error{ErrorCode::kInvalid, path + " is larger than " + std::to_string(max_bytes) +
                                          " bytes; it cannot be a schema"};
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) return Error{ErrorCode::kIo, "cannot read " + path};
  return std::optional<std::string>(text.str());
}

struct Url {
  bool https = false;
  std::string host;
  int port = 0;
  std::string path;
};

std::optional<Url> parse_url(const std::string& text) {
  Url url;
  std::string rest;
  if (text.starts_with("https://")) {
    url.https = true;
    rest = text.substr(8);
    url.port = 443;
  } else if (text.starts_with("http://")) {
    rest = text.substr(7);
    url.port = 80;
  } else {
    return std::nullopt;
  }
  const std::size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  url.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (authority.find('@') != std::string::npos) return std::nullopt;  // no credentials in URLs
  if (const std::size_t colon = authority.rfind(':');
      colon != std::string::npos && authority.find(']') == std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    url.port = std::stoi(port);
    authority.resize(colon);
  }
  if (authority.empty() || url.port <= 0 || url.port > 65535) return std::nullopt;
  url.host = authority;
  return url;
}

}  // namespace

std::string SchemaFetcher::cache_path(const std::string& url) const {
  if (options_.cache_dir.empty()) return "";
  // The URL without its scheme, as a path; anything that could climb out or is not plain is
  // replaced, so the cache stays a tree under cache_dir.
  std::string relative = url.substr(url.find("://") + 3);
  for (char& c : relative) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '/';
    if (!plain) c = '_';
  }
  std::string safe;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t slash = relative.find('/', start);
    std::string part = relative.substr(start, slash == std::string::npos ? slash : slash - start);
    if (part == "." || part == "..") part = "_" + part;
    if (!part.empty()) safe += (safe.empty() ? "" : "/") + part;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return options_.cache_dir + "/" + safe;
}

Result<std::optional<std::string>> SchemaFetcher::read(const std::string& location) const {
  if (!location.starts_with("http://") && !location.starts_with("https://")) {
    return read_file(location, options_.max_bytes);
  }
  const std::string cached = cache_path(location);
  if (!cached.empty()) {
    Result<std::optional<std::string>> hit = read_file(cached, options_.max_bytes);
    if (!hit || hit.value()) return hit;
  }
  if (!options_.network) {
    return Error{ErrorCode::kNotFound,
                 location + " is not in the schema cache" +
                     (cached.empty() ? std::string() : " (" + cached + ")") +
                     " and fetching is off here (kubernetes.fetch); fill the cache with "
                     "`pushgate check` on the same config, or set `fetch: always`"};
  }
  return download(location);
}

Result<std::optional<std::string>> SchemaFetcher::download(const std::string& location) const {
  const std::optional<Url> url = parse_url(location);
  if (!url) return Error{ErrorCode::kInvalid, "cannot read the URL " + location};
  std::unique_ptr<httplib::ClientImpl> client;
  if (url->https) {
    auto ssl = std::make_unique<httplib::SSLClient>(url->host, url->port);
    ssl->enable_server_certificate_verification(true);
    client = std::move(ssl);
  } else {
    client = std::make_unique<httplib::ClientImpl>(url->host, url->port);
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.timeout);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout - seconds);
  client->set_connection_timeout(seconds.count(), micros.count());
  client->set_read_timeout(seconds.count(), micros.count());
  client->set_follow_location(true);
  std::string body;
  bool too_large = false;
  httplib::Result response =
      client->Get(url->path, httplib::Headers{}, [&](const char* data, std::size_t length) {
        if (body.size() + length > options_.max_bytes) {
          too_large = true;
          return false;
        }
        body.append(data, length);
        return true;
      });
  if (too_large) {
    return Error{ErrorCode::kInvalid,
                 location + " is larger than " + std::to_string(options_.max_bytes) + " bytes"};
  }
  if (!response) {
    return Error{ErrorCode::kIo,
                 "cannot fetch " + location + ": " + httplib::to_string(response.error())};
  }
  if (response->status == 404) return std::optional<std::string>();
  if (response->status != 200) {
    return Error{ErrorCode::kIo,
                 "cannot fetch " + location + ": HTTP " + std::to_string(response->status)};
  }
  const std::string cached = cache_path(location);
  // A concurrent reader sees the old state or the whole file; a cache that cannot be written
  // only costs a refetch.
  if (!cached.empty()) (void)replace_file(cached, {body});
  return std::optional<std::string>(std::move(body));
}

}  // namespace pushgate
