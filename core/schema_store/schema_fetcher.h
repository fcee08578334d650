#pragma once
// Reads the schema file a location names: a local file, or an HTTP(S) URL through an on-disk
// cache, so a mirror is contacted once per file and hooks can run from the cache alone.
//
//   SchemaFetcher fetcher({.cache_dir = "/var/cache/pushgate/schemas", .network = false});
//   Result<std::optional<std::string>> text = fetcher.read(url);
//   // value nullopt: no schema there (a missing file, HTTP 404): the kind is unknown
//   // error: the location could not be read (fail closed), with the URL and the reason
//
// Cache entries are written to a temporary file and renamed, so concurrent hooks never see half
// a file. Not thread-safe by itself: KindSchemaCache calls it under its lock.
#include <chrono>
#include <optional>
#include <string>

#include "core/base/result.h"

namespace pushgate {

struct SchemaFetchOptions {
  std::string cache_dir;  // "" : no cache (every URL is fetched)
  bool network = true;    // false: URLs come from the cache only; a miss is an error
  std::chrono::milliseconds timeout{10000};
  std::size_t max_bytes = 64 * 1024 * 1024;
};

class SchemaFetcher {
 public:
  explicit SchemaFetcher(SchemaFetchOptions options) : options_(std::move(options)) {}

  Result<std::optional<std::string>> read(const std::string& location) const;
  // Where `url` is cached ("" without a cache folder).
  std::string cache_path(const std::string& url) const;

 private:
  Result<std::optional<std::string>> download(const std::string& url) const;
  SchemaFetchOptions options_;
};

}  // namespace pushgate
