// Internal to lib/text (text.h holds one for the Segmenter): a word → index table for the
// lexicons looked up once per token.
//
// Why not std::unordered_map<std::string, ...>: its probe hashes with std::hash (a byte loop),
// walks a bucket list and compares std::strings, and the POS tagger probes it up to three
// times per token; that was the largest item of its profile. Open addressing over one array
// of (hash tag, index) slots, hashing eight bytes a step, compares bytes only when the tags
// agree, and the words sit in one buffer.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace annals::text::detail {

class WordTable {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  /// The index of `w` ([0, size()) in insertion order), or kNone.
  std::uint32_t find(std::string_view w) const {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t h = hash(w);
    const std::uint64_t tag = h & 0xffffffff00000000ull;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return kNone;
      const auto id = static_cast<std::uint32_t>(slot) - 1;
      if ((slot & 0xffffffff00000000ull) == tag && same_bytes(word(id), w)) return id;
    }
  }

  /// The index of `w`, added when new; `added` tells which.
  std::uint32_t insert(std::string_view w, bool& added) {
    added = false;
    if (std::uint32_t id = find(w); id != kNone) return id;
    added = true;
    if ((size() + 1) * 2 > slots_.size()) {
      slots_.assign(slots_.empty() ? 1024 : slots_.size() * 2, 0);
      for (std::uint32_t id = 0; id < size(); ++id) place(word(id), id);
    }
    const auto id = static_cast<std::uint32_t>(size());
    chars_.append(w);
    ends_.push_back(static_cast<std::uint32_t>(chars_.size()));
    place(w, id);
    return id;
  }

  std::size_t size() const { return ends_.size() - 1; }
  std::string_view word(std::uint32_t id) const {
    return std::string_view(chars_).substr(ends_[id], ends_[id + 1] - ends_[id]);
  }

  /// a == b, without a library call when the words are 8 bytes or shorter (most are).
  static bool same_bytes(std::string_view a, std::string_view b) {
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

  /// Eight bytes a step; the high bits are folded down because the table masks the low ones.
  static std::uint64_t hash(std::string_view s) {
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

 private:
  void place(std::string_view w, std::uint32_t id) {
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t h = hash(w);
    for (std::size_t i = h & mask;; i = (i + 1) & mask)
      if (slots_[i] == 0) {
        slots_[i] = (h & 0xffffffff00000000ull) | (std::uint64_t{id} + 1);
        return;
      }
  }

  std::string chars_;                       // every word, back to back
  std::vector<std::uint32_t> ends_{0};      // word k is chars_[ends_[k], ends_[k + 1])
  std::vector<std::uint64_t> slots_;        // hash tag << 32 | (index + 1); 0 is empty
};

}  // namespace annals::text::detail
