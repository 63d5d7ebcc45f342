// Status and StatusOr: the one error convention of wirewatch.
//
// Library code never throws and never exits: a function that can fail returns a Status (or a
// StatusOr<T> carrying its value). Messages name the input and what was wrong, so the CLI can
// print them as they are ("page.html.gz: truncated gzip stream"). Third-party errors (ICU,
// libxml2, zlib, JSON) are converted to Status where they are called.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace wirewatch {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller asked for something impossible (bad option, bad query)
  kNotFound,         // a file or resource is missing
  kIoError,          // reading or writing failed
  kCorrupt,          // input bytes are damaged (truncated gzip, bad model file)
  kUnsupported,      // input is well-formed but not something wirewatch reads (binary data)
  kLimitExceeded,    // input is over a configured limit (size, nesting)
  kEmpty,            // input holds nothing to analyse
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status LimitExceeded(std::string m) { return {StatusCode::kLimitExceeded, std::move(m)}; }
inline Status Empty(std::string m) { return {StatusCode::kEmpty, std::move(m)}; }

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace wirewatch
