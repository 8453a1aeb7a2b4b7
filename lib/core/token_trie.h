// A trie over token strings, for multi-word lexicon entries ("under pressure from",
// "United Nations Security Council"). Keys are lower-cased token texts; each stored phrase
// carries a payload index into the owner's own table.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/word_hash.h"

namespace annals {

class TokenTrie {
 public:
  struct Match {
    std::uint32_t length = 0;   ///< tokens matched
    std::uint32_t payload = 0;  ///< as given to insert()
  };

  /// Adds a phrase; a phrase added twice keeps its first payload. Returns false for an empty phrase.
  bool insert(std::span<const std::string> tokens, std::uint32_t payload);

  /// The longest stored phrase that starts at tokens[0]; `key(i)` gives the i-th token's key.
  template <class KeyFn>
  std::optional<Match> longest(std::size_t available, KeyFn key) const {
    std::optional<Match> best;
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < available; ++i) {
      auto child = find_child(node, key(i));
      if (!child) break;
      node = *child;
      if (payload_[node] != kNone) best = Match{static_cast<std::uint32_t>(i + 1), payload_[node]};
    }
    return best;
  }

  /// The length of the shortest stored phrase that starts at tokens[0] (0 when none).
  template <class KeyFn>
  std::uint32_t shortest(std::size_t available, KeyFn key) const {
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < available; ++i) {
      auto child = find_child(node, key(i));
      if (!child) return 0;
      node = *child;
      if (payload_[node] != kNone) return static_cast<std::uint32_t>(i + 1);
    }
    return 0;
  }

  /// The payload of exactly this phrase, if stored.
  std::optional<std::uint32_t> find(std::span<const std::string> tokens) const;

  std::size_t size() const { return phrases_; }

 private:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  static std::uint64_t edge_key(std::uint32_t node, std::string_view token) {
    return (std::uint64_t{node} * 0x9E3779B97F4A7C15ull) ^ word_hash(token);
  }
  /// Every token of a document probes the root, so this is open addressing over one array
  /// (no bucket lists): a slot holds the edge key's high half and the child, whose parent and
  /// label are compared, so hash collisions are safe.
  std::optional<std::uint32_t> find_child(std::uint32_t node, std::string_view token) const {
    if (slots_.empty()) return std::nullopt;  // moved from
    const std::uint64_t h = edge_key(node, token);
    const std::size_t mask = slots_.size() - 1;
    const std::uint64_t tag = h & 0xffffffff00000000ull;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return std::nullopt;
      const auto child = static_cast<std::uint32_t>(slot);
      if ((slot & 0xffffffff00000000ull) == tag && parent_[child] == node && same_word(label_[child], token))
        return child;
    }
  }
  void place(std::uint64_t key, std::uint32_t child);

  std::vector<std::uint64_t> slots_ = std::vector<std::uint64_t>(16, 0);  // key tag << 32 | child; 0 is empty
  std::vector<std::uint32_t> payload_{kNone};  // per node; node 0 is the root
  std::vector<std::uint32_t> parent_{kNone};   // per node
  std::vector<std::string> label_{""};         // per node: the token that leads to it
  std::size_t phrases_ = 0;
};

}  // namespace annals
