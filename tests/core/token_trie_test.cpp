#include "core/token_trie.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using annals::TokenTrie;

namespace {

std::vector<std::string> words(std::initializer_list<std::string> w) { return w; }

}  // namespace

TEST_CASE("TokenTrie: longest, shortest and exact phrases") {
  TokenTrie t;
  CHECK(t.insert(words({"under", "pressure"}), 1));
  CHECK(t.insert(words({"under", "pressure", "from"}), 2));
  CHECK(t.insert(words({"amid"}), 3));
  CHECK_FALSE(t.insert(words({}), 4));
  CHECK(t.insert(words({"amid"}), 5));  // a phrase added twice keeps its first payload
  CHECK(t.size() == 3);

  const auto text = words({"under", "pressure", "from", "the", "union"});
  auto key = [&](std::size_t k) { return std::string_view(text[k]); };
  auto m = t.longest(text.size(), key);
  REQUIRE(m);
  CHECK(m->length == 3);
  CHECK(m->payload == 2);
  m = t.longest(2, key);  // only two tokens available
  REQUIRE(m);
  CHECK(m->length == 2);
  CHECK(m->payload == 1);
  CHECK_FALSE(t.longest(1, key));
  CHECK(t.shortest(text.size(), key) == 2);
  CHECK(t.shortest(1, key) == 0);
  CHECK(t.find(words({"amid"})) == 3u);
  CHECK_FALSE(t.find(words({"under"})));  // a prefix, not a phrase
  CHECK_FALSE(t.find(words({"pressure"})));
}

TEST_CASE("TokenTrie: the same token under different parents, across table growth") {
  // Many phrases force the edge table to grow; "b" follows every first token, and each
  // phrase must still lead to its own payload.
  TokenTrie t;
  for (std::uint32_t i = 0; i < 3000; ++i) CHECK(t.insert(words({"w" + std::to_string(i), "b"}), i));
  for (std::uint32_t i = 0; i < 3000; i += 7) {
    CHECK(t.find(words({"w" + std::to_string(i), "b"})) == i);
    CHECK_FALSE(t.find(words({"b", "w" + std::to_string(i)})));
  }
  CHECK(t.size() == 3000);
}
