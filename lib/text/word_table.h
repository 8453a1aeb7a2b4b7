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

#include "core/word_hash.h"

namespace annals::text::detail {

class WordTable {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  /// The index of `w` ([0, size()) in insertion order), or kNone.
  std::uint32_t find(std::string_view w) const {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t h = word_hash(w);
    const std::uint64_t tag = h & 0xffffffff00000000ull;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return kNone;
      const auto id = static_cast<std::uint32_t>(slot) - 1;
      if ((slot & 0xffffffff00000000ull) == tag && same_word(word(id), w)) return id;
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


 private:
  void place(std::string_view w, std::uint32_t id) {
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t h = word_hash(w);
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
