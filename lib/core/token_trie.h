// A trie over token strings, for multi-word lexicon entries ("under pressure from",
// "United Nations Security Council"). Keys are lower-cased token texts; each stored phrase
// carries a payload index into the owner's own table.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

  /// The payload of exactly this phrase, if stored.
  std::optional<std::uint32_t> find(std::span<const std::string> tokens) const;

  std::size_t size() const { return phrases_; }

 private:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  static std::uint64_t edge_key(std::uint32_t node, std::string_view token);
  std::optional<std::uint32_t> find_child(std::uint32_t node, std::string_view token) const;

  // (parent, hash of token) -> child; the child's label_ is compared, so hash collisions are safe.
  std::unordered_multimap<std::uint64_t, std::uint32_t> edges_;
  std::vector<std::uint32_t> payload_{kNone};  // per node; node 0 is the root
  std::vector<std::string> label_{""};         // per node: the token that leads to it
  std::size_t phrases_ = 0;
};

}  // namespace annals
