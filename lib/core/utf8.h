// One UTF-8 decoder (RFC 3629) for the checks and the escapers of lib/core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace annals {

/// A code point and the bytes it took; `length` 0 when the byte at the position does not start
/// a valid sequence (a stray continuation byte, a truncated sequence, an overlong form, a
/// surrogate, a value past U+10FFFF).
struct CodePoint {
  char32_t value = 0;
  std::uint8_t length = 0;
};

/// Decodes the code point at `s[i]` (i < s.size()).
inline CodePoint decode_utf8(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char c = p[i];
  if (c < 0x80) return {c, 1};
  std::uint8_t len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return {};
  }
  if (s.size() - i < len) return {};
  for (std::size_t k = 1; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {};
  return {cp, len};
}

}  // namespace annals
