// Deep syntax, the slow mode: a link-grammar parse of each sentence, reduced to the few
// grammatical relations the event stage asks of a verb: its subject, its direct object and,
// for a passive, the agent of its "by" phrase. The default extraction finds these with a
// rule-based chunker (lib/events); `annals extract --deep` asks the parser instead and falls
// back to the chunker where the parser has no answer. docs/syntax.md compares the two.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/diagnostic.h"
#include "text/text.h"

namespace annals::syntax {

/// Per token of one document, -1 where the parse says nothing.
struct Relations {
  std::vector<std::int32_t> subject;  ///< verb → head token of its (logical) subject phrase
  std::vector<std::int32_t> object;   ///< verb → head token of its direct object
  std::vector<std::int32_t> by_agent; ///< passive participle → head of the noun after "by"
  std::vector<std::uint8_t> passive;  ///< verb is a passive participle ("was detained")
  std::size_t sentences_parsed = 0;   ///< sentences with a full or partial linkage
  std::size_t sentences_skipped = 0;  ///< over max_words, or no linkage

  bool empty() const { return subject.empty(); }
};

class Parser {
 public:
  /// Opens link-grammar's English dictionary (Debian: link-grammar-dictionaries-en).
  static Expected<Parser> load();
  Parser(Parser&&) noexcept;
  Parser& operator=(Parser&&) noexcept;
  ~Parser();

  /// Parses every sentence of a tokenised document. Thread-safe: the dictionary is shared,
  /// parse options are per call. Sentences longer than max_words are left to the chunker,
  /// since the parse time grows steeply with length; there is no time limit, so the result
  /// never depends on the machine's speed.
  Relations parse(const text::Document& doc) const;

  std::size_t max_words = 40;

 private:
  struct Impl;
  explicit Parser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annals::syntax
