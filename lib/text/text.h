// Segmentation: one buffer per document, tokens as spans with a kind and shape flags, sentences
// as token ranges, a Viterbi part-of-speech tagger over Lingua::EN::Tagger's Penn Treebank
// lexicon, and a WordNet lemmatizer. No per-token std::string.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/paths.h"
#include "core/span.h"
#include "text/word_table.h"

namespace annals::text {

enum class TokenKind : std::uint8_t {
  word,    ///< letters, with inner hyphens, apostrophes and periods ("Jong-il", "U.S.", "O'Leary")
  number,  ///< digits, with inner separators ("2016", "3:30", "2016-03-14", "1,200", "1970s")
  punct,   ///< one punctuation character or a run of the same one ("--", "...")
  symbol,  ///< anything else ($, %, emoji)
};

/// Shape flags, computed once by the tokenizer.
enum Shape : std::uint8_t {
  capitalized = 1 << 0,     ///< first letter upper case
  all_caps = 1 << 1,        ///< every letter upper case, at least two letters
  sentence_start = 1 << 2,  ///< first token of its sentence
  line_start = 1 << 3,      ///< first token of its line
  has_digit = 1 << 4,
  space_before = 1 << 5,    ///< white space precedes the token
};

/// Penn Treebank tags (the ones Lingua::EN::Tagger uses, with its punctuation classes).
enum class Pos : std::uint8_t {
  unknown, cc, cd, dt, ex, fw, in, jj, jjr, jjs, ls, md, nn, nnp, nnps, nns, pdt, pos, prp,
  prp_s, rb, rbr, rbs, rp, sym, to, uh, vb, vbd, vbg, vbn, vbp, vbz, wdt, wp, wp_s, wrb,
  punct_comma, punct_stop, punct_colon, punct_quote_open, punct_quote_close, punct_lrb,
  punct_rrb, punct_other,
  count_
};
std::string_view to_string(Pos);
constexpr bool is_noun(Pos p) { return p == Pos::nn || p == Pos::nns || p == Pos::nnp || p == Pos::nnps; }
constexpr bool is_proper(Pos p) { return p == Pos::nnp || p == Pos::nnps; }
constexpr bool is_verb(Pos p) { return p >= Pos::vb && p <= Pos::vbz; }
constexpr bool is_adjective(Pos p) { return p == Pos::jj || p == Pos::jjr || p == Pos::jjs; }
constexpr bool is_adverb(Pos p) { return p == Pos::rb || p == Pos::rbr || p == Pos::rbs; }
constexpr bool is_punct(Pos p) { return p >= Pos::punct_comma; }

struct Token {
  Span span;
  TokenKind kind = TokenKind::word;
  std::uint8_t shape = 0;  ///< Shape flags
  Pos pos = Pos::unknown;
  std::uint8_t pad_ = 0;
  std::uint32_t sentence = 0;
};
static_assert(sizeof(Token) == 16);

struct Sentence {
  Span span;
  std::uint32_t first = 0;  ///< index of its first token
  std::uint32_t last = 0;   ///< one past its last token
};

struct Document {
  std::string id;     ///< the name it is known by (file name as given)
  std::string text;   ///< bytes as read
  std::string lower;  ///< ASCII lower-cased copy of text: same offsets
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;

  std::string_view str(Span s) const { return s.of(text); }
  std::string_view word(std::size_t i) const { return tokens[i].span.of(text); }
  std::string_view lower_word(std::size_t i) const { return tokens[i].span.of(lower); }
  /// Index of the first token whose span ends after `offset` (tokens.size() if none).
  std::size_t token_at(std::uint32_t offset) const;
};

/// Where a sentence's own words begin: after a dateline's dash ("LOMÉ — The government",
/// "MASERU, April 3, 2017 — Soldiers"), when only capitalised words, numbers and punctuation
/// come before it; else the sentence's first token.
std::size_t dateline_body(const Document& doc, const Sentence& s);

/// Tokenizer and sentence splitter. Abbreviations that keep their period ("Mr.", "Jan.",
/// "Corp.") come from rules/en/abbreviations.txt; dotted initials ("U.S.", "p.m.") need none.
class Segmenter {
 public:
  Segmenter() = default;  ///< knows dotted initials only
  static Expected<Segmenter> load(const Paths& paths);

  /// Splits text into tokens and sentences. Total: any bytes give a result (invalid UTF-8
  /// bytes become symbol tokens), every span lies inside the text, and a sentence never
  /// exceeds max_sentence_tokens (a long run without a stop is cut there).
  Document segment(std::string id, std::string text) const;

  std::size_t max_sentence_tokens = 512;

 private:
  bool is_abbreviation(std::string_view lower_word) const;
  detail::WordTable abbreviations_;  // lower case, without the period
};

/// Segmenter{}.segment(): for callers with no rule files at hand (tests, fuzzers).
Document segment(std::string id, std::string text);

/// Splits a lexicon phrase the way segment() splits text, lower-cased: the keys of TokenTries.
std::vector<std::string> phrase_tokens(std::string_view phrase);

/// A bigram hidden Markov model tagger over Lingua::EN::Tagger's words.yml and tags.yml.
class PosTagger {
 public:
  static Expected<PosTagger> load(const Paths& paths);
  PosTagger(PosTagger&&) noexcept;
  PosTagger& operator=(PosTagger&&) noexcept;
  ~PosTagger();

  /// Tags every token of the document (sentence by sentence, Viterbi).
  void tag(Document& doc) const;
  /// Tags the tokens of one sentence only: the same tags tag(doc) gives them, since Viterbi
  /// runs per sentence (for callers that read the tags of a few sentences, as `annals tag`).
  void tag(Document& doc, std::size_t sentence) const;

 private:
  struct Model;
  struct Scratch;
  explicit PosTagger(std::unique_ptr<Model> m);
  void tag_sentence(Document& doc, const Sentence& s, Scratch& scratch) const;
  std::unique_ptr<Model> m_;
};

/// WordNet's morphy: base forms by exception lists and detachment rules, checked against the
/// index of the part of speech ("adopted" → "adopt", "elections" → "election").
class Lemmatizer {
 public:
  enum class Category : std::uint8_t { noun, verb, adjective };
  static Expected<Lemmatizer> load(const Paths& paths);
  Lemmatizer(Lemmatizer&&) noexcept;
  Lemmatizer& operator=(Lemmatizer&&) noexcept;
  ~Lemmatizer();

  /// The base form of a lower-cased word, or the word itself when WordNet knows none: a view
  /// into the lemmatizer's tables, or `lower_word` itself, so it lives as long as both.
  std::string_view lemma(std::string_view lower_word, Category c) const;
  /// Whether WordNet lists the lemma in that category. Collocations ("a_cappella") count only
  /// when an exception list gives them as a base form: no token holds '_'.
  bool known(std::string_view lemma, Category c) const;
  /// WordNet's lexicographer file (lexnames(5WN): 18 noun.person, 29 verb.body ... 41
  /// verb.social, 42 verb.stative) of a noun or verb lemma's most frequent sense, or kNoFile.
  static constexpr std::uint8_t kNoFile = 255;
  std::uint8_t sense_file(std::string_view lemma, Category c) const;

 private:
  struct Data;
  explicit Lemmatizer(std::shared_ptr<const Data> d);
  /// WordNet's tables never change once read: the stages that load a lemmatizer from the same
  /// folder share one copy (load() keeps it while any lemmatizer holds it).
  std::shared_ptr<const Data> d_;
};

}  // namespace annals::text
