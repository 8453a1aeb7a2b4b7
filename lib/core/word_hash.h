// Hashing and comparing short words, for the open-addressing word tables of lib/text (the POS
// lexicon) and lib/time (the grammar's words): every token is looked up, so these show in
// profiles, and most words are 8 bytes or shorter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace annals {

/// Eight bytes a step; the high bits are folded down because the tables mask the low ones.
inline std::uint64_t word_hash(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = s.size() * kMul;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 32;
  }
  if (i < s.size()) {
    // The last 1..7 bytes by two overlapping loads (one-to-one for a given length): a
    // memcpy of variable length is a library call, and most words are shorter than 8.
    const char* p = s.data() + i;
    const std::size_t r = s.size() - i;
    std::uint64_t w;
    if (r >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + r - 4, 4);
      w = a | (std::uint64_t{b} << 32);
    } else {
      auto byte = [&](std::size_t k) { return std::uint64_t{static_cast<unsigned char>(p[k])}; };
      w = byte(0) | (byte(r / 2) << 8) | (byte(r - 1) << 16);
    }
    h = (h ^ w) * kMul;
  }
  return h ^ (h >> 29);
}

/// a == b, without a library call when the words are 8 bytes or shorter.
inline bool same_word(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n > 8) return a == b;
  if (n >= 4) {
    std::uint32_t a0, a1, b0, b1;
    std::memcpy(&a0, a.data(), 4);
    std::memcpy(&a1, a.data() + n - 4, 4);
    std::memcpy(&b0, b.data(), 4);
    std::memcpy(&b1, b.data() + n - 4, 4);
    return a0 == b0 && a1 == b1;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

/// word_hash as a transparent hasher, for std::unordered_set<std::string, WordHash,
/// std::equal_to<>>: looked up by string_view, without building a std::string.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return static_cast<std::size_t>(word_hash(s)); }
};

}  // namespace annals
