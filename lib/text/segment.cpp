// Tokenizer and sentence splitter: one pass over the bytes, no per-token allocation.
#include "text/text.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>

#include "core/table.h"

namespace annals::text {
namespace {

constexpr bool is_ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Length of the UTF-8 sequence starting at text[i] (1 for an invalid lead byte).
std::size_t seq_len(std::string_view t, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + n > t.size()) return 1;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(t[i + k]) & 0xC0) != 0x80) return 1;
  return n;
}

std::uint32_t code_point(std::string_view t, std::size_t i, std::size_t n) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[i + k]); };
  switch (n) {
    case 2: return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    case 3: return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    case 4: return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
    default: return b(0);
  }
}

enum class CharClass { space, letter, digit, apostrophe, hyphen, period, punct, symbol };

/// Non-ASCII characters: the Unicode spaces, dashes, quotes and the like, else a letter (names
/// in other scripts and accented letters are words).
CharClass classify_cp(std::uint32_t cp) {
  switch (cp) {
    case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
      return CharClass::space;
    case 0x2019:  // right single quote, used as an apostrophe
      return CharClass::apostrophe;
    case 0x2010: case 0x2011:
      return CharClass::hyphen;
    case 0x00AB: case 0x00BB: case 0x00B7: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2018: case 0x201A: case 0x201C: case 0x201D: case 0x201E: case 0x2022: case 0x2026:
    case 0x2032: case 0x2033: case 0x3001: case 0x3002: case 0x00BF: case 0x00A1:
      return CharClass::punct;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return CharClass::space;
  if (cp >= 0x200B && cp <= 0x200F) return CharClass::space;  // zero width and direction marks
  if (cp >= 0x202A && cp <= 0x202E) return CharClass::space;  // bidi embeddings
  if (cp >= 0x2066 && cp <= 0x2069) return CharClass::space;  // bidi isolates
  if (cp >= 0x20A0 && cp <= 0x20CF) return CharClass::symbol; // currency
  if (cp >= 0x2190 && cp <= 0x2BFF) return CharClass::symbol; // arrows, math, shapes
  if (cp >= 0x1F000) return CharClass::symbol;                // emoji
  if (cp < 0x80) return CharClass::symbol;
  return CharClass::letter;
}

struct Char {
  CharClass cls;
  std::size_t len;
};

constexpr CharClass classify_ascii(unsigned char c) {
  if (is_space(c)) return CharClass::space;
  if (is_ascii_alpha(c)) return CharClass::letter;
  if (is_digit(c)) return CharClass::digit;
  if (c == '\'') return CharClass::apostrophe;
  if (c == '-') return CharClass::hyphen;
  if (c == '.') return CharClass::period;
  if (c == '$' || c == '%' || c == '#' || c == '@' || c == '&' || c == '+' || c == '=' || c == '<' || c == '>' ||
      c == '^' || c == '|' || c == '~' || c == '*' || c == '\\' || c == '_' || c < 0x20 || c == 0x7F)
    return CharClass::symbol;
  return CharClass::punct;
}

// The class of every ASCII byte, looked up rather than tested (the tokenizer asks once or
// twice per byte of text).
constexpr std::array<CharClass, 128> kAsciiClass = [] {
  std::array<CharClass, 128> t{};
  for (unsigned c = 0; c < 128; ++c) t[c] = classify_ascii(static_cast<unsigned char>(c));
  return t;
}();

[[gnu::noinline]] Char char_at_utf8(std::string_view t, std::size_t i) {
  std::size_t n = seq_len(t, i);
  if (n == 1) return {CharClass::symbol, 1};  // invalid byte
  return {classify_cp(code_point(t, i, n)), n};
}

inline Char char_at(std::string_view t, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) [[likely]]
    return {kAsciiClass[c], 1};
  return char_at_utf8(t, i);
}

// Per-byte flags for a token's shape (only ASCII letters and digits have any).
enum : std::uint8_t { kDigit = 1, kLetter = 2, kUpper = 4, kLower = 8 };
constexpr std::array<std::uint8_t, 256> kByteFlags = [] {
  std::array<std::uint8_t, 256> t{};
  for (unsigned c = 0; c < 256; ++c) {
    const auto u = static_cast<unsigned char>(c);
    t[c] = static_cast<std::uint8_t>((is_digit(u) ? kDigit : 0) | (is_ascii_alpha(u) ? kLetter : 0) |
                                     (is_upper(u) ? kUpper : 0) |
                                     (is_ascii_alpha(u) && !is_upper(u) ? kLower : 0));
  }
  return t;
}();

/// The shape of a token from the union of its bytes' flags and its count of letters.
constexpr std::uint8_t shape_of(std::uint8_t any, int letters) {
  std::uint8_t shape = 0;
  if (any & kDigit) shape |= has_digit;
  if (letters >= 2 && !(any & kLower)) shape |= all_caps;
  return shape;
}

/// ASCII lower case of `in` into `out` (same size), eight bytes a step: the byte loop was a
/// tenth of segment(). A byte is upper case when it is in ['A', 'Z']; bytes with the high bit
/// set (UTF-8) are never changed.
void lower_ascii(const char* in, char* out, std::size_t n) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, in + i, 8);
    const std::uint64_t low7 = x & ~kHigh;
    // Per byte: the high bit of `ge_a` is set when byte >= 'A', of `gt_z` when byte > 'Z'
    // (no carries cross bytes: each byte is < 0x80 before the add).
    const std::uint64_t ge_a = low7 + (0x80 - 'A') * kOnes;
    const std::uint64_t gt_z = low7 + (0x80 - 'Z' - 1) * kOnes;
    const std::uint64_t upper = ge_a & ~gt_z & ~x & kHigh;
    x |= upper >> 2;  // 0x80 >> 2 = 0x20
    std::memcpy(out + i, &x, 8);
  }
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    out[i] = static_cast<char>(is_upper(c) ? c + 32 : c);
  }
}

bool is_word_char(CharClass c) { return c == CharClass::letter || c == CharClass::digit; }

/// Whether the word [b, e) is made of single letters each followed by a period ("U.S", "p.m").
bool dotted_initials(std::string_view t, std::size_t b, std::size_t e) {
  if (e - b < 3) return false;
  for (std::size_t i = b; i < e; i += 2) {
    if (!is_ascii_alpha(static_cast<unsigned char>(t[i]))) return false;
    if (i + 1 < e && t[i + 1] != '.') return false;
  }
  return true;
}

bool is_closing(std::string_view tok) {
  return tok == "\"" || tok == "'" || tok == ")" || tok == "]" || tok == "\xE2\x80\x9D" ||
         tok == "\xE2\x80\x99" || tok == "''";
}

}  // namespace

std::size_t dateline_body(const Document& doc, const Sentence& s) {
  for (std::size_t k = s.first; k < s.last && k < s.first + 12; ++k) {
    const Token& tok = doc.tokens[k];
    const std::string_view w = doc.word(k);
    if (k > s.first && (w == "\xE2\x80\x94" || w == "--" || (w == "-" && (tok.shape & space_before)))) return k + 1;
    if (tok.kind == TokenKind::word && !(tok.shape & capitalized)) break;
  }
  return s.first;
}

std::size_t Document::token_at(std::uint32_t offset) const {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), offset,
                             [](const Token& t, std::uint32_t off) { return t.span.end <= off; });
  return static_cast<std::size_t>(it - tokens.begin());
}

Expected<Segmenter> Segmenter::load(const Paths& paths) {
  auto table = read_table(paths.rules / "text/rules/en/abbreviations.txt", 1, 1);
  if (!table) return table.error();
  Segmenter s;
  for (const auto& row : table->rows) {
    std::string w = row.fields[0];
    if (w.empty() || w.find_first_of(" .") != std::string::npos)
      return table->error(row, 0, "an abbreviation is one lower-case word without its period");
    bool added = false;
    s.abbreviations_.insert(w, added);
  }
  return s;
}

// A hash probe: a sorted list's binary search, asked for every word before a period, showed
// in the profile as string compares.
bool Segmenter::is_abbreviation(std::string_view w) const { return abbreviations_.find(w) != detail::WordTable::kNone; }

Document segment(std::string id, std::string text) { return Segmenter{}.segment(std::move(id), std::move(text)); }

Document Segmenter::segment(std::string id, std::string text) const {
  Document doc;
  doc.id = std::move(id);
  doc.text = std::move(text);
  doc.lower.resize(doc.text.size());
  lower_ascii(doc.text.data(), doc.lower.data(), doc.text.size());
  const std::string_view t = doc.text;
  const std::size_t n = t.size();
  doc.tokens.reserve(n / 5 + 8);

  // Token boundaries. Flags for sentence and line starts are added by the splitter below.
  // Only white space lies between two tokens; the splitter asks how many line breaks it
  // holds (0, 1 or more), counted here rather than by rescanning it.
  bool at_line_start = true, space = true;
  std::uint8_t newlines = 0;
  std::vector<std::uint8_t> newlines_before;  // by token, at most 2
  newlines_before.reserve(n / 5 + 8);
  // `shape` holds has_digit and all_caps (shape_of); the rest is added here.
  auto push_shaped = [&](std::size_t b, std::size_t e, TokenKind k, std::uint8_t shape) {
    if (at_line_start) shape |= line_start;
    if (space) shape |= space_before;
    if (kByteFlags[static_cast<unsigned char>(t[b])] & kUpper) shape |= capitalized;
    // Fields stored in place: a Token built on the stack and copied was written as bytes and
    // read back as words, a stalled store forward that was most of this function's time.
    Token& tok = doc.tokens.emplace_back();
    tok.span = {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
    tok.kind = k;
    tok.shape = shape;
    newlines_before.push_back(newlines);
    at_line_start = false;
    space = false;
    newlines = 0;
  };
  auto push = [&](std::size_t b, std::size_t e, TokenKind k) {
    std::uint8_t any = 0;  // union of the bytes' flags
    int letters = 0;
    for (std::size_t i = b; i < e; ++i) {
      const std::uint8_t f = kByteFlags[static_cast<unsigned char>(t[i])];
      any |= f;
      letters += (f & kLetter) != 0;
    }
    push_shaped(b, e, k, shape_of(any, letters));
  };

  std::size_t i = 0;
  while (i < n) {
    if (t[i] == ' ') {  // most white space, without the class look-up
      space = true;
      ++i;
      continue;
    }
    Char ch = char_at(t, i);
    if (ch.cls == CharClass::space) {
      if (t[i] == '\n') {
        at_line_start = true;
        newlines += newlines < 2;
      }
      space = true;
      i += ch.len;
      continue;
    }
    const std::size_t b = i;
    if (ch.cls == CharClass::letter || ch.cls == CharClass::digit ||
        (ch.cls == CharClass::apostrophe && i + 2 < n && is_digit(static_cast<unsigned char>(t[i + ch.len])) &&
         i + ch.len + 1 < n && is_digit(static_cast<unsigned char>(t[i + ch.len + 1])))) {
      // Words and numbers: letters and digits, joined by inner hyphens, apostrophes, periods
      // (between digits, or dotted initials) and, in numbers, by , : / between digits.
      const bool number = ch.cls != CharClass::letter;
      // The shape's flags, gathered while scanning: only ASCII letters and digits have any,
      // and every one of them in the word passes the fast test below or is its first byte.
      std::uint8_t any = kByteFlags[static_cast<unsigned char>(t[b])];
      int letters = (any & kLetter) != 0;
      i += ch.len;
      while (i < n) {
        // ASCII letters and digits, most of every word, by one table look-up each.
        if (const std::uint8_t f = kByteFlags[static_cast<unsigned char>(t[i])]; f & (kLetter | kDigit)) {
          any |= f;
          letters += (f & kLetter) != 0;
          ++i;
          continue;
        }
        if (t[i] == ' ') break;  // white space joins nothing: most words end here
        Char c = char_at(t, i);
        if (is_word_char(c.cls)) {
          i += c.len;
          continue;
        }
        if (i + c.len >= n) break;
        Char next = char_at(t, i + c.len);
        bool joins = false;
        if (c.cls == CharClass::hyphen) {
          joins = is_word_char(next.cls);
        } else if (c.cls == CharClass::apostrophe) {
          // Keep O'Leary; split the clitics 's, 're, 've, 'll, 'd, 'm and n't below.
          std::string_view rest = std::string_view(doc.lower).substr(i + c.len);
          auto clitic = [&](std::string_view cl) {
            return rest.substr(0, cl.size()) == cl &&
                   (rest.size() == cl.size() || !is_word_char(char_at(t, i + c.len + cl.size()).cls));
          };
          joins = next.cls == CharClass::letter && !number && !clitic("s") && !clitic("re") &&
                  !clitic("ve") && !clitic("ll") && !clitic("d") && !clitic("m") && !clitic("t");
        } else if (c.cls == CharClass::period) {
          // 3.5, 1.2.3, U.S, p.m: a period between digits, or inside dotted initials.
          bool prev_digit = is_digit(static_cast<unsigned char>(t[i - 1]));
          joins = (prev_digit && next.cls == CharClass::digit) ||
                  (is_ascii_alpha(static_cast<unsigned char>(t[i + 1])) &&
                   is_ascii_alpha(static_cast<unsigned char>(t[i - 1])) && (i - b == 1 || t[i - 2] == '.') &&
                   (i + 2 >= n || !is_ascii_alpha(static_cast<unsigned char>(t[i + 2]))));
        } else if (number && (t[i] == ',' || t[i] == ':' || t[i] == '/')) {
          joins = next.cls == CharClass::digit && is_digit(static_cast<unsigned char>(t[i - 1]));
        }
        if (!joins) break;
        i += c.len;
      }
      // "n't": split "didn't" into "did" + "n't".
      if (!number && i - b > 3 && i < n && t[i] == '\'' && doc.lower[i - 1] == 'n' && i + 1 < n &&
          doc.lower[i + 1] == 't' && (i + 2 >= n || !is_word_char(char_at(t, i + 2).cls))) {
        push(b, i - 1, TokenKind::word);
        push(i - 1, i + 2, TokenKind::word);
        i += 2;
        continue;
      }
      // A period after dotted initials ("U.S.") or a known abbreviation ("Mr.") is part of it.
      std::size_t e = i;
      if (e < n && t[e] == '.' && !number) {
        std::string_view w = std::string_view(doc.lower).substr(b, e - b);
        if (dotted_initials(t, b, e) || (e - b == 1 && is_upper(static_cast<unsigned char>(t[b]))) ||
            is_abbreviation(w))
          ++e;
      }
      push_shaped(b, e, number ? TokenKind::number : TokenKind::word, shape_of(any, letters));
      i = e;
      continue;
    }
    if (ch.cls == CharClass::apostrophe) {
      // Clitics: 's 're 've 'll 'd 'm and a lone apostrophe (plural possessive, quotes).
      std::size_t e = i + ch.len;
      std::size_t k = e;
      while (k < n && is_ascii_alpha(static_cast<unsigned char>(t[k])) && k - e < 3) ++k;
      std::string_view cl = std::string_view(doc.lower).substr(e, k - e);
      if ((cl == "s" || cl == "re" || cl == "ve" || cl == "ll" || cl == "d" || cl == "m") &&
          (k >= n || !is_word_char(char_at(t, k).cls)) && !space) {
        push(b, k, TokenKind::word);
        i = k;
        continue;
      }
      push(b, e, TokenKind::punct);
      i = e;
      continue;
    }
    if (ch.cls == CharClass::period || ch.cls == CharClass::hyphen ||
        (ch.cls == CharClass::punct && ch.len == 1)) {
      // Punctuation: a run of the same character is one token ("...", "--").
      std::size_t e = i + 1;
      while (e < n && t[e] == t[i] && e - b < 64) ++e;
      push(b, e, TokenKind::punct);
      i = e;
      continue;
    }
    push(b, i + ch.len, ch.cls == CharClass::punct ? TokenKind::punct : TokenKind::symbol);
    i += ch.len;
  }

  // Sentences: a stop (. ! ? …) followed by closing quotes/brackets, then a capital, digit,
  // quote or the end; a blank line; or a line break after a short line with no stop (titles,
  // datelines). Dotted lower-case initials ("p.m.") and sentence-final abbreviations before a
  // capital end a sentence; "U.S." and titles ("Mr.") before a name do not.
  const std::size_t nt = doc.tokens.size();
  auto newlines_between = [&](std::size_t a, std::size_t b2) {
    assert(b2 == a + 1 && "only adjacent tokens");
    (void)a;
    return int{newlines_before[b2]};
  };
  std::size_t start = 0;
  std::size_t line_begin_tok = 0;
  auto close = [&](std::size_t end_tok) {
    if (end_tok <= start) return;
    Sentence s;
    s.first = static_cast<std::uint32_t>(start);
    s.last = static_cast<std::uint32_t>(end_tok);
    s.span = {doc.tokens[start].span.begin, doc.tokens[end_tok - 1].span.end};
    doc.tokens[start].shape |= sentence_start;
    for (std::size_t k = start; k < end_tok; ++k) doc.tokens[k].sentence = static_cast<std::uint32_t>(doc.sentences.size());
    doc.sentences.push_back(s);
    start = end_tok;
  };
  for (std::size_t k = 0; k < nt; ++k) {
    if (doc.tokens[k].shape & line_start) line_begin_tok = k;
    if (k + 1 - start >= max_sentence_tokens) {
      close(k + 1);
      continue;
    }
    if (k + 1 == nt) break;
    std::string_view w = doc.word(k);
    const Token& next = doc.tokens[k + 1];
    int nl = newlines_between(k, k + 1);
    if (nl >= 2) {
      close(k + 1);
      continue;
    }
    unsigned char nc = static_cast<unsigned char>(t[next.span.begin]);
    bool next_opens = is_upper(nc) || is_digit(nc) || nc == '"' || nc == '\'' || nc == '(' || nc >= 0x80;
    const auto w0 = static_cast<unsigned char>(w[0]);
    bool stop = (w0 == '.' || w0 == '!' || w0 == '?' || w0 == 0xE2) &&
                (w == "." || w == "!" || w == "?" || w == "..." || w == "\xE2\x80\xA6" || w == "?!");
    if (stop) {
      // Take closing quotes and brackets into the sentence.
      std::size_t e = k + 1;
      while (e < nt && is_closing(doc.word(e)) && newlines_between(e - 1, e) == 0) ++e;
      if (e >= nt) break;
      unsigned char ec = static_cast<unsigned char>(t[doc.tokens[e].span.begin]);
      // Not before a comma or a semicolon: the period was an abbreviation's ("Birmingham, Ala.,
      // killed", "Fulton, Mo., 130 miles").
      const bool clause_goes_on = (ec == ',' || ec == ';') && newlines_between(e - 1, e) == 0;
      if (!clause_goes_on && (is_upper(ec) || is_digit(ec) || ec == '"' || ec == '(' || ec >= 0x80 ||
                              newlines_between(e - 1, e) > 0 || !is_ascii_alpha(ec))) {
        close(e);
        k = e - 1;
      }
      continue;
    }
    // A token that swallowed its period: "p.m." or "etc." before a capital ends the sentence.
    if (w.size() > 1 && w.back() == '.' && next_opens && (next.shape & space_before)) {
      std::string_view lw = doc.lower_word(k);
      bool lower_initials = dotted_initials(t, doc.tokens[k].span.begin, doc.tokens[k].span.end - 1) &&
                            !is_upper(static_cast<unsigned char>(w[0]));
      if (lower_initials || lw == "etc." || lw == "inc." || lw == "corp." || lw == "ltd." || lw == "co.") {
        if (!(lw == "co." || lw == "inc." || lw == "corp." || lw == "ltd.") || newlines_between(k, k + 1) > 0 ||
            is_upper(nc)) {
          // Company suffixes before a capital mostly end a sentence ("... Acme Inc. It said"),
          // but not before a comma; lower-case initials before a capital always do.
          close(k + 1);
          continue;
        }
      }
    }
    if (nl == 1) {
      // A line break after a line with no stop: a title or dateline when the line is short.
      std::size_t line_bytes = doc.tokens[k].span.end - doc.tokens[line_begin_tok].span.begin;
      bool short_line = line_bytes < 90;
      bool ends_clause = w == ":" || w == "," || w == "-" || w == ";";
      if (short_line && !ends_clause && next_opens) close(k + 1);
    }
  }
  close(nt);
  return doc;
}

}  // namespace annals::text
