#pragma once
// Error values with a code for programs and a message for people (libgit2-style): "not found" is
// its own code, so fallback chains move on and real failures stop.
//
//   Result<std::string> r = snapshot.read(entry);
//   if (!r) return Error::wrap(r.error(), "read " + entry.path);
//   use(r.value());
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace pushgate {

enum class ErrorCode {
  kNotFound,     // the thing asked for does not exist; callers may fall back
  kInvalid,      // bad input (a malformed file, config, stdin line, argument)
  kUnsupported,  // valid, but not something this build can do (e.g. SHA-256 repositories)
  kIo,           // the operating system or a library failed
  kTimeout,      // a time budget ran out
  kInternal,     // a bug: a state the code believed impossible
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  // Adds the layer's context in front: "load config /etc/pushgate.yaml: line 3: ..."
  static Error wrap(Error inner, const std::string& context) {
    inner.message = context + ": " + inner.message;
    return inner;
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  explicit operator bool() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing but may fail.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT
  static Status ok() { return Status(); }
  explicit operator bool() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace pushgate
