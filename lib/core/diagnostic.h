// Diagnostics and Expected<T>: how every stage reports a user error without printing.
// Only tools/ print; the library returns a Diagnostic naming the file and position.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace annals {

/// Exit statuses of the annals tool, documented in docs/errors.md.
enum class Status : int {
  ok = 0,
  failure = 1,      ///< a check failed (validate found a problem)
  usage = 2,        ///< bad command line (unknown option, bad --dct)
  input = 3,        ///< unreadable or malformed input file
  output = 4,       ///< an output could not be written
  rules = 5,        ///< a rule or lexicon file is malformed
  internal = 70,    ///< a bug: an invariant broke
};

struct Diagnostic {
  std::string file;          ///< path or document id; empty when none applies
  std::uint32_t line = 0;    ///< 1-based; 0 when not known
  std::uint32_t column = 0;  ///< 1-based, in bytes; 0 when not known
  std::string message;
  Status status = Status::input;

  /// "FILE:LINE:COL: message", leaving out the parts that are not known.
  std::string str() const;
};

/// Line and column (both 1-based, column in bytes) of a byte offset, computed only to report.
struct LineColumn {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};
LineColumn line_column(std::string_view text, std::size_t offset);

/// A Diagnostic located at a byte offset of `text`, read from `file`.
Diagnostic diagnostic_at(std::string file, std::string_view text, std::size_t offset,
                         std::string message, Status status = Status::input);

/// Either a value or the Diagnostic that explains why there is none (std::expected's names).
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Expected(Diagnostic error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Diagnostic& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostic> v_;
};

/// Expected<void>: success, or a Diagnostic.
template <>
class [[nodiscard]] Expected<void> {
 public:
  Expected() = default;
  Expected(Diagnostic error) : error_(std::move(error)), ok_(false) {}
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Diagnostic& error() const { return error_; }

 private:
  Diagnostic error_;
  bool ok_ = true;
};

}  // namespace annals
