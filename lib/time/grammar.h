// Private to the time stage: the rule files compiled into a token-level matcher.
//
// Why a trie of token atoms rather than regular expressions: every TIMEX3 pattern is a short
// sequence of words and word classes ("<month> <day> , <year>"), the tokenizer has already
// found the words, and most tokens of a news text can start no rule at all. One hash probe
// per token (its lower-case text → word id) rejects those; the rest walk a trie whose edges
// are word ids or token classes, so matching costs a few comparisons per candidate and the
// time does not grow with the number of rules (HeidelTime runs each of its ~100 regular
// expressions over the whole text; std::regex would be slower still). Optional elements and
// alternatives are expanded into trie paths at load time.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/span.h"
#include "time/time.h"

namespace annals::time::detail {

/// Token classes computed from a piece's digits and letters (see docs/time.md).
enum class Builtin : std::uint8_t {
  year,          // 4 digits in [1000, 2999], or words ("nineteen ninety-six")
  day,           // 1..31 as digits or "14th"
  integer,       // digits, commas allowed ("1,200")
  num,           // integer or number words ("twenty four", "a hundred")
  ordinal,       // "20th", or an ordinal word from the lexicon
  iso_date,      // 2016-03-14
  iso_month,     // 2016-03
  numeric_date,  // 03/14/2016, 3/14/16, 14/03/2016
  clock,         // 3:30, 15:45, 3:30:10
  decade,        // 1970s, 1970's, '80s, 80s
  hour12,        // 1..12
  fraction,      // 1/2
  year_alone,    // 4 digits in [1800, 2099]: a number standing alone read as a year
  clock24,       // HH:MM with two-digit hours 00..23 ("14:20", "08:15"): a time without a.m./p.m.
  count_
};

struct LexEntry {
  std::uint16_t cls = 0;        // class id
  bool needs_capital = false;   // "May", "March": only capitalized
  int number = Frame::kUnset;   // value as an integer when it is one
  std::string value;            // value as written in the lexicon
};

/// One element of an expanded pattern: a literal word or a class, with its slot.
struct Atom {
  bool is_class = false;
  std::uint32_t id = 0;         // word id, or class id
  std::int16_t slot = -1;       // index into the rule's slots, -1 when not captured
  std::string literal_value;    // "a=1": the value this literal gives its slot
  friend bool operator==(const Atom&, const Atom&) = default;
};

/// What a production argument reads: a literal or a slot (negated with a leading '-').
struct Arg {
  std::uint8_t key = 0;
  std::string literal;
  std::int16_t slot = -1;
  bool negate = false;
  std::uint32_t line = 0, column = 0;
};

struct Rule {
  std::string name;
  std::string file;
  std::uint32_t line = 0;
  Frame::Kind kind = Frame::Kind::point;
  std::vector<std::string> slots;
  std::vector<Arg> args;
  std::vector<Atom> not_before;  // the previous piece must match none of these
  std::vector<Atom> not_after;   // the next piece must match none of these
  std::uint8_t trailing = 0;     // pieces matched after the timex (a "&x" lookahead), not in it
  std::uint8_t leading = 0;      // pieces matched before the timex (a "&x" lookbehind), not in it
  bool sentence_start = false;   // "^" first: the match begins its sentence
  bool is_mod = false;           // a modifier prefix from mods.tsv
  Mod mod = Mod::none;
  std::uint8_t mod_applies = 0;  // 1 points, 2 durations, 3 both
};

struct Edge {
  Atom atom;
  std::uint32_t child = 0;
};

struct Node {
  /// Literal edges first, sorted by word id (binary search on the piece's word), then class
  /// edges sorted by class (one class test serves every slot that class fills).
  std::vector<Edge> edges;
  std::uint32_t literals = 0;  // number of literal edges at the front
  /// The word ids of the literal edges, in the same order: the binary search reads 4 bytes
  /// an edge instead of an Edge (the search over the roots' edges led the profile).
  std::vector<std::uint32_t> literal_ids;
  /// One bit per class of the class edges (class_bit): a piece whose classes share no bit
  /// with it skips the class edges without a test.
  std::uint64_t class_mask = 0;
  /// With many literal edges: by word id, the index of the first literal id not below it.
  std::vector<std::uint32_t> lower_by_word;
  std::int32_t rule = -1;  // accepting: the first rule that ends here
};

/// A piece of a token: tokens are split at inner hyphens ("two-year" → two, year), but an
/// ISO date stays whole.
struct Piece {
  Span span;
  std::uint32_t word = 0;        // id of the lower-case text, 0 when no rule names it
  std::uint32_t sentence = 0;
  std::uint32_t run = 0;         // sentences joined across abbreviation periods: matches stay inside one
  std::int32_t number = -1;      // value of an all-digit piece, -1 otherwise
  bool capitalized = false;
  bool digits = false;           // starts with a digit or an apostrophe and a digit
  /// The classes that may match here (class_bit): a superset, so a clear bit means no match.
  std::uint64_t classes = 0;
};

/// The bit of a class id in Node::class_mask and Piece::classes; ids past 62 share bit 63.
constexpr std::uint64_t class_bit(std::uint32_t cls) { return std::uint64_t{1} << (cls < 63 ? cls : 63); }

struct Capture {
  Span span;
  int number = Frame::kUnset;
  std::string_view text;  // lexicon value or literal value, else empty
};

class Grammar {
 public:
  /// Reads lexicon.tsv, mods.tsv and every *.rules file of `dir` (sorted by name).
  static Expected<Grammar> load(const std::filesystem::path& dir, TagOptions options);

  /// Splits the document's tokens into pieces; with `until`, stops at the first run (see
  /// Piece::run) that starts after that byte, since no match crosses into a new run.
  void pieces(const text::Document& doc, std::vector<Piece>& out,
              std::uint32_t until = std::numeric_limits<std::uint32_t>::max()) const;

  /// Longest match starting at piece `i` (a modifier, then a rule), appended to `out`;
  /// returns the number of pieces consumed (0 when nothing matched).
  std::size_t match_at(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i,
                       std::vector<Mention>& out, std::vector<Capture>& scratch) const;

  /// Whether a walk from a root can match at `p` (match_at returns 0 otherwise): inline, so
  /// the tagger skips most pieces without a call.
  bool may_start(const Piece& p) const { return starts_[p.word] != 0 || (root_classes_ & p.classes) != 0; }

  std::uint32_t word_id(std::string_view lower) const;
  std::uint16_t class_id(std::string_view name) const;  // 0xffff when unknown
  const std::vector<LexEntry>& entries(std::uint32_t word) const { return lex_[word]; }
  const TagOptions& options() const { return options_; }

 private:
  struct Walk;
  Expected<void> read_lexicon(const std::filesystem::path& file);
  Expected<void> read_mods(const std::filesystem::path& file);
  Expected<void> read_rules(const std::filesystem::path& file);
  std::uint32_t intern(std::string_view lower);
  void insert(const std::vector<Atom>& path, std::int32_t rule, std::uint32_t root);
  /// Pieces matched by `a` at `i` (0 = no match), with the captured value.
  std::size_t match_atom(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i,
                         const Atom& a, Capture& cap) const;
  std::size_t match_builtin(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i,
                            Builtin b, Capture& cap) const;
  std::size_t number_words(const std::vector<Piece>& ps, std::size_t i, int& value) const;
  std::size_t year_words(const std::vector<Piece>& ps, std::size_t i, int& value) const;
  bool build_frame(const Rule& r, const std::vector<Capture>& caps, Frame& f) const;
  void walk(const text::Document& doc, const std::vector<Piece>& ps, std::uint32_t node,
            std::size_t i, std::vector<Capture>& caps, Walk& best) const;

  TagOptions options_;
  // Word ids: open addressing over the lower-case texts of every literal and lexicon entry.
  std::vector<std::string> words_{""};
  std::vector<std::uint64_t> table_;  // open addressing: hash tag << 32 | word id
  // A bit per (first byte, last byte, length) of some word (filter_key), set once every word
  // is interned: most long tokens of a text are no rule word, and one bit says so without a
  // hash (short words go to short_, whose probe costs no more than the bit).
  std::vector<std::uint64_t> filter_;
  // The words of 8 bytes or fewer again, each slot holding the word's bytes (pack_short): set
  // once every word is interned, when word_id() asks it instead of table_.
  struct ShortSlot {
    std::uint64_t key = 0;
    std::uint32_t id = 0;
    std::uint32_t size = 0;  // 0: empty
  };
  std::vector<ShortSlot> short_;
  std::vector<std::vector<LexEntry>> lex_{{}};  // by word id
  std::vector<std::string> class_names_;
  std::uint16_t number_class_ = 0, ordinal_class_ = 0;
  std::vector<Rule> rules_;
  std::size_t max_slots_ = 0;  // most slots of any rule: the size of the capture buffer
  std::vector<Node> nodes_;
  std::uint32_t core_root_ = 0, mod_root_ = 0;
  std::uint64_t root_classes_ = 0;  // the core root's class_mask
  std::vector<std::uint8_t> starts_;  // by word id: 1 a core root literal, 2 a mod root literal
  std::vector<std::uint8_t> tense_;  // by word id: 1 past cue, 2 future cue, 3 future cue right before a weekday only
  std::vector<std::uint8_t> numeric_; // by word id: 1 for number and ordinal words
  // By word id: the classes of its lexicon entries (class_bit), and the built-ins when it is a
  // number or ordinal word; [0] without the entries that need a capital, [1] with them.
  std::vector<std::array<std::uint64_t, 2>> word_classes_;
  friend class TaggerAccess;

 public:
  /// Tense cue of a word id: 1 past_cue, 2 future_cue, 3 near_future_cue (cue_before only).
  std::uint8_t tense_of(std::uint32_t word) const { return word < tense_.size() ? tense_[word] : 0; }
  /// The nearest tense cue before piece `i` in its sentence: a past_cue, future_cue or
  /// near_future_cue word or a past-tense verb (when the sentence was POS-tagged); none when
  /// there is none.
  Frame::Lean cue_before(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i) const;
};

/// Interned production keys.
enum Key : std::uint8_t {
  k_type, k_from, k_lean, k_mod, k_unit, k_fiscal, k_year, k_year2, k_month, k_day, k_weekday,
  k_season, k_quarter, k_half, k_week, k_decade, k_century, k_part, k_hour, k_minute, k_ampm,
  k_by, k_n, k_half_more, k_value, k_quant, k_freq, k_grain, k_numeric_date, k_iso, k_clock,
  k_inherit, k_nth, k_bc_year,
  k_count_
};

}  // namespace annals::time::detail
