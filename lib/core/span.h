// Byte spans into one document's UTF-8 text, and the strong ids built on them.
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace annals {

/// A half-open range [begin, end) of byte offsets into a document's text as stored.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  constexpr std::uint32_t size() const { return end - begin; }
  constexpr bool empty() const { return begin == end; }
  constexpr bool contains(Span o) const { return begin <= o.begin && o.end <= end; }
  constexpr bool overlaps(Span o) const { return begin < o.end && o.begin < end; }
  constexpr std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend constexpr auto operator<=>(Span, Span) = default;
};
static_assert(std::is_trivially_copyable_v<Span>);
static_assert(sizeof(Span) == 8);

/// Smallest span covering both.
constexpr Span cover(Span a, Span b) {
  return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
}

}  // namespace annals
