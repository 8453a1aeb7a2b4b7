// Loading the rule files of lib/time/rules/en/ and matching them on token pieces.
#include "time/grammar.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <initializer_list>

#include "core/files.h"
#include "core/table.h"
#include "core/word_hash.h"

namespace annals::time::detail {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Builtin::count_)> kBuiltinNames = {
    "year", "day", "int", "num", "ordinal", "iso_date", "iso_month", "numeric_date", "clock",
    "decade", "hour12", "fraction", "year_alone", "clock24"};

constexpr std::array<std::string_view, k_count_> kKeyNames = {
    "type", "from", "lean", "mod", "unit", "fiscal", "year", "year2", "month", "day", "weekday",
    "season", "quarter", "half", "week", "decade", "century", "part", "hour", "minute", "ampm",
    "by", "n", "half_more", "value", "quant", "freq", "grain", "numeric_date", "iso", "clock", "inherit", "nth", "bc_year"};

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return neg ? -v : v;
}

/// Value of an all-digit string (commas allowed between groups), -1 when it is not one.
std::int32_t digits_value(std::string_view s) {
  if (s.empty() || s.size() > 9) return -1;
  std::int32_t v = 0;
  for (char c : s) {
    if (c == ',') continue;
    if (!is_digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return is_digit(s.front()) && is_digit(s.back()) ? v : -1;
}

/// An ISO date (YYYY-MM-DD) or month (YYYY-MM): kept as one piece.
bool iso_shape(std::string_view s) {
  auto all_digits = [](std::string_view p) {
    return !p.empty() && std::all_of(p.begin(), p.end(), [](char c) { return is_digit(c); });
  };
  if (s.size() == 10) return all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2)) &&
                             s[7] == '-' && all_digits(s.substr(8, 2));
  if (s.size() == 7) return all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2));
  return false;
}

std::optional<Unit> unit_code(std::string_view s) {
  static constexpr std::pair<std::string_view, Unit> kCodes[] = {
      {"ML", Unit::millennium}, {"CE", Unit::century}, {"DE", Unit::decade}, {"Y", Unit::year},
      {"HY", Unit::half},       {"Q", Unit::quarter},  {"SE", Unit::season}, {"M", Unit::month},
      {"W", Unit::week},        {"WE", Unit::weekend}, {"D", Unit::day},     {"TOD", Unit::part_of_day},
      {"H", Unit::hour},        {"MIN", Unit::minute}, {"S", Unit::second}};
  for (auto [code, u] : kCodes)
    if (code == s) return u;
  return std::nullopt;
}

std::optional<Mod> mod_code(std::string_view s) {
  static constexpr std::pair<std::string_view, Mod> kMods[] = {
      {"BEFORE", Mod::before},           {"AFTER", Mod::after},
      {"ON_OR_BEFORE", Mod::on_or_before}, {"ON_OR_AFTER", Mod::on_or_after},
      {"LESS_THAN", Mod::less_than},     {"MORE_THAN", Mod::more_than},
      {"EQUAL_OR_LESS", Mod::equal_or_less}, {"EQUAL_OR_MORE", Mod::equal_or_more},
      {"START", Mod::start},             {"MID", Mod::mid},
      {"END", Mod::end},                 {"APPROX", Mod::approx}};
  for (auto [code, m] : kMods)
    if (code == s) return m;
  return std::nullopt;
}

std::optional<int> season_code(std::string_view s) {
  if (s == "SP") return 1;
  if (s == "SU") return 2;
  if (s == "FA") return 3;
  if (s == "WI") return 4;
  return std::nullopt;
}

std::optional<int> part_code(std::string_view s) {
  if (s == "MO") return 1;
  if (s == "MI") return 2;
  if (s == "AF") return 3;
  if (s == "EV") return 4;
  if (s == "NI") return 5;
  return std::nullopt;
}

/// Parses "03/14/2016", "3/14/16" in the configured order, and "20.09.2023" (dots: always
/// day first, a four-digit year, as European news writes it); false when no such day exists.
bool numeric_date(std::string_view s, NumericOrder order, int& y, int& m, int& d) {
  int f[3] = {-1, -1, -1};
  int widths[3] = {0, 0, 0};
  int k = 0;
  const char sep = s.find('.') != std::string_view::npos ? '.' : '/';
  if (sep == '.') order = NumericOrder::day_month;
  for (char c : s) {
    if (c == sep) {
      if (++k > 2) return false;
      continue;
    }
    // No field has more than four digits; stopping here also keeps f[k] from overflowing on a
    // long digit run (UBSan, tests/fuzz/regressions/timeml/numeric-date-digit-run).
    if (!is_digit(c) || widths[k] == 4) return false;
    f[k] = (f[k] < 0 ? 0 : f[k]) * 10 + (c - '0');
    ++widths[k];
  }
  if (k != 2 || widths[0] > 2 || widths[1] > 2 || (widths[2] != 2 && widths[2] != 4)) return false;
  if (sep == '.' && widths[2] != 4) return false;
  int a = f[0], b = f[1];
  bool day_first = order == NumericOrder::day_month || a > 12;
  m = day_first ? b : a;
  d = day_first ? a : b;
  y = widths[2] == 4 ? f[2] : (f[2] < 50 ? 2000 + f[2] : 1900 + f[2]);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/// Splits a line at tabs, keeping each field's 1-based column.
std::vector<std::pair<std::string_view, std::uint32_t>> tab_fields(std::string_view line) {
  std::vector<std::pair<std::string_view, std::uint32_t>> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == '\t') ++i;
    if (i >= line.size()) break;
    std::size_t b = i;
    while (i < line.size() && line[i] != '\t') ++i;
    std::string_view f = line.substr(b, i - b);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\r')) f.remove_suffix(1);
    out.emplace_back(f, static_cast<std::uint32_t>(b + 1));
  }
  return out;
}

/// The bit of a word in Grammar::filter_: its first and last bytes and its length.
inline std::uint32_t filter_key(std::string_view s) {
  const auto first = static_cast<unsigned char>(s.front()), last = static_cast<unsigned char>(s.back());
  const auto len = static_cast<std::uint32_t>(std::min<std::size_t>(s.size(), 15));
  return (first & 31u) | ((last & 31u) << 5) | (len << 10);
}

/// The bytes of a word of 1 to 8 bytes in one integer, one-to-one for a given length (as the
/// tail of word_hash: two overlapping loads, or three bytes), reading no byte past it.
inline std::uint64_t pack_short(std::string_view s) {
  const char* p = s.data();
  const std::size_t r = s.size();
  if (r >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + r - 4, 4);
    return a | (std::uint64_t{b} << 32);
  }
  auto byte = [&](std::size_t k) { return std::uint64_t{static_cast<unsigned char>(p[k])}; };
  return byte(0) | (byte(r / 2) << 8) | (byte(r - 1) << 16);
}

inline std::uint64_t short_hash(std::uint64_t key, std::size_t size) {
  std::uint64_t h = (key ^ (size * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

/// Every built-in class (match_builtin reads only digits, number and ordinal words).
/// Nodes with this many literal edges or more (the roots) find a word's first edge by a
/// table indexed by word id rather than a binary search.
constexpr std::uint32_t kDenseLiterals = 16;

constexpr std::uint64_t kBuiltinClasses = [] {
  std::uint64_t m = 0;
  for (std::uint32_t c = 0; c < static_cast<std::uint32_t>(Builtin::count_); ++c) m |= class_bit(c);
  return m;
}();

constexpr std::uint64_t builtin_bits(std::initializer_list<Builtin> bs) {
  std::uint64_t m = 0;
  for (Builtin b : bs) m |= class_bit(static_cast<std::uint32_t>(b));
  return m;
}

/// The built-ins that may match a piece starting with a digit (a superset, read off
/// match_builtin): an all-digit number can be no date, clock, decade or fraction, and a piece
/// with other characters no plain integer; the classes read from number words need a word.
std::uint64_t digit_classes(const Piece& p) {
  constexpr std::uint64_t kNumber = builtin_bits({Builtin::year, Builtin::day, Builtin::integer, Builtin::num,
                                                  Builtin::hour12, Builtin::year_alone});
  constexpr std::uint64_t kShaped = builtin_bits({Builtin::day, Builtin::ordinal, Builtin::iso_date,
                                                  Builtin::iso_month, Builtin::numeric_date, Builtin::clock,
                                                  Builtin::decade, Builtin::fraction, Builtin::clock24});
  constexpr std::uint64_t kWords = builtin_bits({Builtin::year, Builtin::num, Builtin::ordinal, Builtin::year_alone});
  return (p.number >= 0 ? kNumber : kShaped) | (p.word ? kWords : 0);
}

}  // namespace

// ---------------------------------------------------------------- words

// A slot holds the word id in its low 32 bits and the hash's high 32 bits above them, so a
// probe compares bytes only when the hashes agree (most tokens are no rule word at all).
std::uint32_t Grammar::word_id(std::string_view s) const {
  if (table_.empty() || s.empty()) return 0;
  if (s.size() <= 8 && !short_.empty()) {
    // Most words: one 8-byte compare in the slot, no hash of the bytes, no trip to words_.
    const std::uint64_t key = pack_short(s);
    const std::size_t mask = short_.size() - 1;
    for (std::size_t h = short_hash(key, s.size()) & mask;; h = (h + 1) & mask) {
      const ShortSlot& slot = short_[h];
      if (slot.size == 0) return 0;
      if (slot.key == key && slot.size == s.size()) return slot.id;
    }
  }
  if (!filter_.empty()) {
    const std::uint32_t key = filter_key(s);
    if (!(filter_[key >> 6] & (std::uint64_t{1} << (key & 63)))) return 0;
  }
  const std::size_t mask = table_.size() - 1;
  const std::uint64_t hash = word_hash(s);
  const std::uint64_t tag = hash & 0xffffffff00000000ull;
  for (std::size_t h = hash & mask;; h = (h + 1) & mask) {
    const std::uint64_t slot = table_[h];
    if (slot == 0) return 0;
    const auto id = static_cast<std::uint32_t>(slot);
    if ((slot & 0xffffffff00000000ull) == tag && same_word(words_[id], s)) return id;
  }
}

std::uint32_t Grammar::intern(std::string_view s) {
  if (std::uint32_t id = word_id(s)) return id;
  auto place = [this](std::string_view w, std::uint32_t id) {
    const std::size_t mask = table_.size() - 1;
    const std::uint64_t hash = word_hash(w);
    for (std::size_t h = hash & mask;; h = (h + 1) & mask)
      if (table_[h] == 0) {
        table_[h] = (hash & 0xffffffff00000000ull) | id;
        return;
      }
  };
  if ((words_.size() + 1) * 2 > table_.size()) {
    table_.assign(std::max<std::size_t>(64, table_.size() * 2), 0);
    for (std::uint32_t id = 1; id < words_.size(); ++id) place(words_[id], id);
  }
  auto id = static_cast<std::uint32_t>(words_.size());
  words_.emplace_back(s);
  lex_.emplace_back();
  place(s, id);
  return id;
}

std::uint16_t Grammar::class_id(std::string_view name) const {
  for (std::size_t i = 0; i < class_names_.size(); ++i)
    if (class_names_[i] == name) return static_cast<std::uint16_t>(i);
  return 0xffff;
}

// ---------------------------------------------------------------- loading

Expected<Grammar> Grammar::load(const std::filesystem::path& dir, TagOptions options) {
  Grammar g;
  g.options_ = options;
  for (auto name : kBuiltinNames) g.class_names_.emplace_back(name);
  g.nodes_.emplace_back();  // core root
  g.nodes_.emplace_back();  // mod root
  g.core_root_ = 0;
  g.mod_root_ = 1;
  if (auto r = g.read_lexicon(dir / "lexicon.tsv"); !r) return r.error();
  g.number_class_ = g.class_id("number_word");
  g.ordinal_class_ = g.class_id("ordinal_word");
  if (g.number_class_ == 0xffff || g.ordinal_class_ == 0xffff)
    return Diagnostic{(dir / "lexicon.tsv").string(), 0, 0,
                      "the lexicon needs the classes 'number_word' and 'ordinal_word'", Status::rules};
  if (auto r = g.read_mods(dir / "mods.tsv"); !r) return r.error();
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".rules") files.push_back(e.path());
  if (ec) return Diagnostic{dir.string(), 0, 0, "cannot list rule files: " + ec.message(), Status::rules};
  std::sort(files.begin(), files.end());
  if (files.empty()) return Diagnostic{dir.string(), 0, 0, "no *.rules files", Status::rules};
  for (const auto& f : files)
    if (auto r = g.read_rules(f); !r) return r.error();
  // Which words can start a match, and the tense cues.
  g.starts_.assign(g.words_.size(), 0);
  g.tense_.assign(g.words_.size(), 0);
  // By word id: bit 1 when a literal edge of the core root names it, bit 2 of the mod root
  // (class edges at the roots are tested with the piece's class mask in match_at).
  for (const Edge& e : g.nodes_[g.core_root_].edges)
    if (!e.atom.is_class) g.starts_[e.atom.id] |= 1;
  for (const Edge& e : g.nodes_[g.mod_root_].edges)
    if (!e.atom.is_class) g.starts_[e.atom.id] |= 2;
  for (Node& n : g.nodes_) {
    std::stable_sort(n.edges.begin(), n.edges.end(), [](const Edge& a, const Edge& b) {
      return a.atom.is_class != b.atom.is_class ? !a.atom.is_class : a.atom.id < b.atom.id;
    });
    n.literals = static_cast<std::uint32_t>(
        std::count_if(n.edges.begin(), n.edges.end(), [](const Edge& e) { return !e.atom.is_class; }));
  }
  g.numeric_.assign(g.words_.size(), 0);
  for (std::uint32_t w = 1; w < g.words_.size(); ++w)
    for (const LexEntry& le : g.lex_[w])
      if (le.cls == g.number_class_ || le.cls == g.ordinal_class_) g.numeric_[w] = 1;
  for (Node& n : g.nodes_) {
    for (std::uint32_t k = 0; k < n.literals; ++k) n.literal_ids.push_back(n.edges[k].atom.id);
    for (std::size_t k = n.literals; k < n.edges.size(); ++k) n.class_mask |= class_bit(n.edges[k].atom.id);
    if (n.literals >= kDenseLiterals) {
      n.lower_by_word.resize(g.words_.size());
      for (std::uint32_t w = 0; w < g.words_.size(); ++w)
        n.lower_by_word[w] = static_cast<std::uint32_t>(
            std::lower_bound(n.literal_ids.begin(), n.literal_ids.end(), w) - n.literal_ids.begin());
    }
  }
  // Every word interned: from now on word_id() rejects most other words by one bit.
  g.filter_.assign((1u << 14) / 64, 0);
  for (std::uint32_t w = 1; w < g.words_.size(); ++w) {
    const std::uint32_t key = filter_key(g.words_[w]);
    g.filter_[key >> 6] |= std::uint64_t{1} << (key & 63);
  }
  std::size_t shorts = 0;
  for (const std::string& w : g.words_) shorts += !w.empty() && w.size() <= 8;
  std::size_t slots = 16;
  while (slots < shorts * 4) slots *= 2;  // at most a quarter full: short probes
  g.short_.assign(slots, {});
  for (std::uint32_t w = 1; w < g.words_.size(); ++w) {
    const std::string_view word = g.words_[w];
    if (word.empty() || word.size() > 8) continue;
    const std::uint64_t key = pack_short(word);
    std::size_t h = short_hash(key, word.size()) & (slots - 1);
    while (g.short_[h].size != 0) h = (h + 1) & (slots - 1);
    g.short_[h] = {key, w, static_cast<std::uint32_t>(word.size())};
  }
  g.root_classes_ = g.nodes_[g.core_root_].class_mask;
  g.word_classes_.assign(g.words_.size(), {0, 0});
  for (std::uint32_t w = 1; w < g.words_.size(); ++w) {
    auto& wc = g.word_classes_[w];
    for (const LexEntry& le : g.lex_[w]) {
      if (!le.needs_capital) wc[0] |= class_bit(le.cls);
      wc[1] |= class_bit(le.cls);
    }
    if (g.numeric_[w]) {
      wc[0] |= kBuiltinClasses;
      wc[1] |= kBuiltinClasses;
    }
  }
  std::uint16_t past = g.class_id("past_cue"), future = g.class_id("future_cue");
  std::uint16_t near_future = g.class_id("near_future_cue");
  for (std::uint32_t w = 1; w < g.words_.size(); ++w)
    for (const LexEntry& le : g.lex_[w]) {
      if (le.cls == past) g.tense_[w] = 1;
      if (le.cls == future) g.tense_[w] = 2;
      if (le.cls == near_future) g.tense_[w] = 3;
    }
  return g;
}

Expected<void> Grammar::read_lexicon(const std::filesystem::path& file) {
  auto table = read_table(file, 3, 4);
  if (!table) {
    auto d = table.error();
    d.status = Status::rules;
    return d;
  }
  for (const Row& row : table->rows) {
    const std::string& word = row.fields[0];
    const std::string& cls = row.fields[1];
    if (word.empty() || word.find(' ') != std::string::npos ||
        std::any_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      auto d = table->error(row, 0, "a lexicon word is one lower-case token");
      d.status = Status::rules;
      return d;
    }
    if (word.find('-') != std::string::npos && word.size() > 1) {
      auto d = table->error(row, 0, "a lexicon word cannot hold a hyphen (hyphenated words are split)");
      d.status = Status::rules;
      return d;
    }
    if (cls.empty() || class_id(cls) < static_cast<std::uint16_t>(Builtin::count_)) {
      auto d = table->error(row, 1, "'" + cls + "' is a built-in class, not a lexicon class");
      d.status = Status::rules;
      return d;
    }
    std::uint16_t c = class_id(cls);
    if (c == 0xffff) {
      c = static_cast<std::uint16_t>(class_names_.size());
      class_names_.push_back(cls);
    }
    LexEntry e;
    e.cls = c;
    e.value = row.fields[2];
    if (auto v = to_int(e.value)) e.number = *v;
    if (row.fields.size() == 4) {
      if (row.fields[3] != "cap") {
        auto d = table->error(row, 3, "unknown flag '" + row.fields[3] + "' (known: cap)");
        d.status = Status::rules;
        return d;
      }
      e.needs_capital = true;
    }
    if ((cls == "number_word" || cls == "ordinal_word" || cls == "month" || cls == "weekday") && e.number == Frame::kUnset) {
      auto d = table->error(row, 2, "a " + cls + " needs an integer value");
      d.status = Status::rules;
      return d;
    }
    lex_[intern(word)].push_back(std::move(e));
  }
  return {};
}

Expected<void> Grammar::read_mods(const std::filesystem::path& file) {
  auto table = read_table(file, 3, 3);
  if (!table) {
    auto d = table.error();
    d.status = Status::rules;
    return d;
  }
  for (const Row& row : table->rows) {
    auto mod = mod_code(row.fields[1]);
    if (!mod) {
      auto d = table->error(row, 1, "unknown mod '" + row.fields[1] + "' (TimeML 1.2.1 §2.2.1.1)");
      d.status = Status::rules;
      return d;
    }
    std::uint8_t applies = row.fields[2] == "point" ? 1 : row.fields[2] == "duration" ? 2 : row.fields[2] == "any" ? 3 : 0;
    if (applies == 0) {
      auto d = table->error(row, 2, "applies to 'point', 'duration' or 'any'");
      d.status = Status::rules;
      return d;
    }
    Rule r;
    r.name = "mod:" + row.fields[0];
    r.file = table->file;
    r.line = row.line;
    r.is_mod = true;
    r.mod = *mod;
    r.mod_applies = applies;
    std::vector<Atom> path;
    std::string_view phrase = row.fields[0];
    while (!phrase.empty()) {
      auto sp = phrase.find(' ');
      std::string_view w = phrase.substr(0, sp);
      if (!w.empty()) path.push_back(Atom{false, intern(w), -1, {}});
      phrase = sp == std::string_view::npos ? std::string_view{} : phrase.substr(sp + 1);
    }
    if (path.empty()) {  // the mod root would accept before any word (match_at relies on it not)
      auto d = table->error(row, 0, "a modifier is one or more words");
      d.status = Status::rules;
      return d;
    }
    rules_.push_back(std::move(r));
    insert(path, static_cast<std::int32_t>(rules_.size() - 1), mod_root_);
  }
  return {};
}

void Grammar::insert(const std::vector<Atom>& path, std::int32_t rule, std::uint32_t root) {
  std::uint32_t node = root;
  for (const Atom& a : path) {
    std::uint32_t next = 0;
    for (const Edge& e : nodes_[node].edges)
      if (e.atom == a) next = e.child;
    if (next == 0) {
      next = static_cast<std::uint32_t>(nodes_.size());
      nodes_[node].edges.push_back(Edge{a, next});
      nodes_.emplace_back();
    }
    node = next;
  }
  if (nodes_[node].rule < 0) nodes_[node].rule = rule;
}

Expected<void> Grammar::read_rules(const std::filesystem::path& file) {
  auto bytes = read_file(file);
  if (!bytes) {
    auto d = bytes.error();
    d.status = Status::rules;
    return d;
  }
  const std::string fname = file.string();
  std::string_view text = *bytes;
  std::uint32_t line_no = 0;
  auto fail = [&](std::uint32_t col, std::string msg) -> Expected<void> {
    return Diagnostic{fname, line_no, col, std::move(msg), Status::rules};
  };
  while (!text.empty()) {
    ++line_no;
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    auto fields = tab_fields(line);
    if (fields.size() != 3)
      return fail(1, "a rule is NAME<tab>PATTERN<tab>PRODUCTION (found " + std::to_string(fields.size()) + " fields)");
    Rule r;
    r.name = std::string(fields[0].first);
    r.file = fname;
    r.line = line_no;
    for (const Rule& other : rules_)
      if (other.name == r.name && !other.is_mod)
        return fail(fields[0].second, "rule '" + r.name + "' is already defined at " + other.file + ":" +
                                          std::to_string(other.line));

    // Pattern: elements separated by spaces; each expands to one or more atoms.
    struct Element {
      std::vector<Atom> alts;
      bool optional = false;
      bool negative = false;
      bool lookahead = false;  // "&x": must come next, and stays out of the timex
    };
    std::vector<Element> elems;
    std::string_view pat = fields[1].first;
    std::size_t pos = 0;
    // "^" first: the match must begin its sentence ("^ now ,": the discourse marker).
    if (pat.size() > 1 && pat[0] == '^' && pat[1] == ' ') {
      r.sentence_start = true;
      pos = 2;
    }
    while (pos < pat.size()) {
      while (pos < pat.size() && pat[pos] == ' ') ++pos;
      if (pos >= pat.size()) break;
      std::size_t b = pos;
      while (pos < pat.size() && pat[pos] != ' ') ++pos;
      std::string_view el = pat.substr(b, pos - b);
      const std::uint32_t col = fields[1].second + static_cast<std::uint32_t>(b);
      Element e;
      if (el.front() == '!') {
        e.negative = true;
        el.remove_prefix(1);
      } else if (el.front() == '&' && el.size() > 1) {
        e.lookahead = true;
        el.remove_prefix(1);
      }
      if (el.size() > 1 && el.back() == '?') {
        e.optional = true;
        el.remove_suffix(1);
      }
      std::string slot_name;
      if (auto colon = el.find(':'); colon != std::string_view::npos && colon > 0 && el[0] != '<' &&
                                     el.find('<') > colon) {
        slot_name = std::string(el.substr(0, colon));
        el.remove_prefix(colon + 1);
      }
      if (el.empty()) return fail(col, "empty pattern element");
      std::vector<std::string_view> alts;
      for (std::size_t s = 0;;) {
        auto bar = el.find('|', s);
        alts.push_back(el.substr(s, bar == std::string_view::npos ? std::string_view::npos : bar - s));
        if (bar == std::string_view::npos) break;
        s = bar + 1;
      }
      std::int16_t slot = -1;
      if (!slot_name.empty()) {
        slot = static_cast<std::int16_t>(r.slots.size());
        r.slots.push_back(slot_name);
      }
      for (std::string_view alt : alts) {
        if (alt.empty()) return fail(col, "empty alternative in '" + std::string(el) + "'");
        Atom a;
        a.slot = slot;
        if (alt.front() == '<') {
          if (alt.back() != '>') return fail(col, "unclosed class in '" + std::string(alt) + "'");
          std::string_view cls = alt.substr(1, alt.size() - 2);
          std::uint16_t c = class_id(cls);
          if (c == 0xffff) return fail(col, "unknown class '<" + std::string(cls) + ">'");
          a.is_class = true;
          a.id = c;
          if (slot < 0 && !e.negative) {
            // A lone class names its own slot ("<month>" → $month).
            std::string name(cls);
            for (const auto& s : r.slots)
              if (s == name) return fail(col, "slot '" + name + "' captured twice; name one (x:<" + name + ">)");
            a.slot = static_cast<std::int16_t>(r.slots.size());
            r.slots.push_back(name);
            if (alts.size() > 1) return fail(col, "name the slot of an alternation with a class (s:...)");
          }
        } else {
          std::string_view lit = alt;
          if (auto eq = lit.find('='); eq != std::string_view::npos && eq > 0) {
            a.literal_value = std::string(lit.substr(eq + 1));
            lit = lit.substr(0, eq);
          }
          if (std::any_of(lit.begin(), lit.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
            return fail(col, "literal '" + std::string(lit) + "' must be lower case");
          if (lit.size() > 1 && lit.find('-') != std::string_view::npos)
            return fail(col, "literal '" + std::string(lit) + "' holds a hyphen; hyphenated words are split, write them apart");
          a.id = intern(lit);
        }
        e.alts.push_back(std::move(a));
      }
      elems.push_back(std::move(e));
    }
    // Lookarounds only at the ends.
    while (!elems.empty() && elems.front().negative) {
      for (auto& a : elems.front().alts) r.not_before.push_back(a);
      elems.erase(elems.begin());
    }
    while (!elems.empty() && elems.back().negative) {
      for (auto& a : elems.back().alts) r.not_after.push_back(a);
      elems.pop_back();
    }
    for (const auto& e : elems)
      if (e.negative) return fail(fields[1].second, "a negative element (!x) goes at the start or the end");
    // A lookahead (&x) is matched as the last piece but left out of the timex ("the year
    // &ended": TimeBank's fiscal year is "the year", not "the year ended").
    if (!elems.empty() && elems.back().lookahead) {
      r.trailing = 1;
      for (const Atom& a : elems.back().alts)
        if (a.is_class || a.slot >= 0 || elems.back().optional || elems.size() < 2)
          return fail(fields[1].second, "a lookahead (&x) is one required literal word after the rest");
    }
    // And a lookbehind (&x first) before the rest, left out as well ("&will one day": the
    // modal makes the day one to come, and is no part of the timex).
    if (elems.size() > 1 && elems.front().lookahead) {
      r.leading = 1;
      for (const Atom& a : elems.front().alts)
        if (a.is_class || a.slot >= 0 || elems.front().optional || elems.size() < 2 + r.trailing)
          return fail(fields[1].second, "a lookbehind (&x) is one required literal word before the rest");
    }
    for (std::size_t k = r.leading; k + r.trailing < elems.size(); ++k)
      if (elems[k].lookahead) return fail(fields[1].second, "a lookaround element (&x) goes at the start or the end");
    if (elems.empty()) return fail(fields[1].second, "empty pattern");

    // Production.
    std::string_view prod = fields[2].first;
    std::vector<std::pair<std::string_view, std::uint32_t>> words;
    for (std::size_t p = 0; p < prod.size();) {
      while (p < prod.size() && prod[p] == ' ') ++p;
      if (p >= prod.size()) break;
      std::size_t b = p;
      while (p < prod.size() && prod[p] != ' ') ++p;
      words.emplace_back(prod.substr(b, p - b), fields[2].second + static_cast<std::uint32_t>(b));
    }
    if (words.empty()) return fail(fields[2].second, "empty production");
    static constexpr std::pair<std::string_view, Frame::Kind> kKinds[] = {
        {"point", Frame::Kind::point}, {"shift", Frame::Kind::shift}, {"ref", Frame::Kind::ref},
        {"duration", Frame::Kind::duration}, {"set", Frame::Kind::set}, {"none", Frame::Kind::none}};
    bool kind_ok = false;
    for (auto [n, k] : kKinds)
      if (n == words[0].first) {
        r.kind = k;
        kind_ok = true;
      }
    if (!kind_ok)
      return fail(words[0].second, "unknown production '" + std::string(words[0].first) +
                                       "' (point, shift, ref, duration, set, none)");
    for (std::size_t w = 1; w < words.size(); ++w) {
      auto [arg, col] = words[w];
      auto eq = arg.find('=');
      if (eq == std::string_view::npos || eq == 0 || eq + 1 == arg.size())
        return fail(col, "an argument is key=value, not '" + std::string(arg) + "'");
      std::string_view key = arg.substr(0, eq), val = arg.substr(eq + 1);
      Arg a;
      a.line = line_no;
      a.column = col;
      auto kit = std::find(kKeyNames.begin(), kKeyNames.end(), key);
      if (kit == kKeyNames.end()) return fail(col, "unknown key '" + std::string(key) + "'");
      a.key = static_cast<std::uint8_t>(kit - kKeyNames.begin());
      if (val.front() == '-' && val.size() > 1 && val[1] == '$') {
        a.negate = true;
        val.remove_prefix(1);
      }
      if (val.front() == '$') {
        auto sit = std::find(r.slots.begin(), r.slots.end(), val.substr(1));
        if (sit == r.slots.end()) return fail(col + static_cast<std::uint32_t>(eq + 1), "no slot '" + std::string(val.substr(1)) + "' in the pattern");
        a.slot = static_cast<std::int16_t>(sit - r.slots.begin());
      } else {
        a.literal = std::string(val);
        // Check literals now, so a typo is a load error and not a silent miss.
        Frame probe;
        Rule tmp;
        tmp.args.push_back(a);
        tmp.kind = r.kind;
        if (!build_frame(tmp, {}, probe))
          return fail(col + static_cast<std::uint32_t>(eq + 1), "bad value '" + std::string(val) + "' for " + std::string(key));
      }
      r.args.push_back(std::move(a));
    }

    // Expand optional elements and alternatives into trie paths.
    max_slots_ = std::max(max_slots_, r.slots.size());
    rules_.push_back(std::move(r));
    const auto rule_index = static_cast<std::int32_t>(rules_.size() - 1);
    std::vector<std::vector<Atom>> paths{{}};
    for (const auto& e : elems) {
      std::vector<std::vector<Atom>> next;
      for (const auto& p : paths) {
        if (e.optional) next.push_back(p);
        for (const Atom& a : e.alts) {
          next.push_back(p);
          next.back().push_back(a);
        }
      }
      paths = std::move(next);
      if (paths.size() > 4096) return fail(fields[1].second, "pattern expands to more than 4096 paths");
    }
    for (const auto& p : paths)
      if (!p.empty()) insert(p, rule_index, core_root_);
  }
  return {};
}

// ---------------------------------------------------------------- pieces

void Grammar::pieces(const text::Document& doc, std::vector<Piece>& out, std::uint32_t until) const {
  out.clear();
  out.reserve(doc.tokens.size() + doc.tokens.size() / 16);
  const std::string_view lower = doc.lower;
  std::uint32_t run = 0;
  const text::Token* prev = nullptr;
  for (const text::Token& t : doc.tokens) {
    // A sentence break right after a word that swallowed its period ("p.m." before "EST",
    // "Friday" or "March 3") may be the segmenter's guess; a timex can run on across it.
    if (prev && t.sentence != prev->sentence &&
        !(prev->kind == text::TokenKind::word && lower[prev->span.end - 1] == '.')) {
      if (t.span.begin > until) break;
      ++run;
    }
    prev = &t;
    auto add = [&](std::uint32_t b, std::uint32_t e) {
      // Written in place: a Piece built on the stack and copied was stored as bytes and read
      // back as 16-byte words, a stalled store forward that led this function's profile.
      Piece& p = out.emplace_back();
      p.span = {b, e};
      p.sentence = t.sentence;
      p.run = run;
      std::string_view s = lower.substr(b, e - b);
      p.word = word_id(s);
      if (p.word == 0 && s.size() > 2 && s.back() == '.' && t.kind == text::TokenKind::word) {
        // "EST." at the end of a sentence: the segmenter kept the period of an abbreviation
        // the lexicon knows without one; the period is the sentence's, not the timex's.
        if (std::uint32_t w = word_id(s.substr(0, s.size() - 1))) {
          p.word = w;
          p.span.end = e - 1;
          s.remove_suffix(1);
        }
      }
      char c0 = doc.text[b];
      p.capitalized = c0 >= 'A' && c0 <= 'Z';
      p.digits = is_digit(s[0]) || (s.size() > 1 && s[0] == '\'' && is_digit(s[1]));
      if (p.digits) p.number = digits_value(s);
      p.classes = word_classes_[p.word][p.capitalized] | (p.digits ? digit_classes(p) : 0);
    };
    std::string_view s = t.span.of(lower);
    if (t.kind == text::TokenKind::punct || t.kind == text::TokenKind::symbol || s.size() < 3 ||
        s.find('-', 1) == std::string_view::npos || iso_shape(s)) {
      add(t.span.begin, t.span.end);
      continue;
    }
    std::uint32_t b = t.span.begin;
    for (std::uint32_t k = t.span.begin + 1; k + 1 < t.span.end; ++k)
      if (lower[k] == '-') {
        add(b, k);
        b = k + 1;
      }
    add(b, t.span.end);
  }
}

// ---------------------------------------------------------------- matching

std::size_t Grammar::number_words(const std::vector<Piece>& ps, std::size_t i, int& value) const {
  auto num_of = [&](std::size_t k) -> int {
    if (k >= ps.size() || ps[k].word == 0) return -1;
    for (const LexEntry& e : lex_[ps[k].word])
      if (e.cls == number_class_) return e.number;
    return -1;
  };
  int v = num_of(i);
  if (v < 0 || v >= 100) return 0;
  std::size_t n = 1;
  int total = 0;
  int cur = v;
  for (;;) {
    int next = num_of(i + n);
    if (next < 0 || ps[i + n].run != ps[i].run) break;
    if (cur % 10 == 0 && cur >= 20 && cur < 100 && next > 0 && next < 10) {  // twenty four
      cur += next;
      ++n;
      continue;
    }
    if (next == 100 || next == 1000 || next == 1000000) {  // two hundred, a thousand
      cur = (cur == 0 ? 1 : cur) * next;
      if (next >= 1000) {
        total += cur;
        cur = 0;
      }
      ++n;
      continue;
    }
    if (cur % 100 == 0 && cur >= 100 && next < 100) {  // two hundred fifty
      cur += next;
      ++n;
      continue;
    }
    break;
  }
  value = total + cur;
  return n;
}

std::size_t Grammar::year_words(const std::vector<Piece>& ps, std::size_t i, int& value) const {
  // "nineteen ninety-six", "nineteen eighty", "two thousand (and) one"
  auto num_of = [&](std::size_t k) -> int {
    if (k >= ps.size() || ps[k].word == 0 || ps[k].run != ps[i].run) return -1;
    for (const LexEntry& e : lex_[ps[k].word])
      if (e.cls == number_class_) return e.number;
    return -1;
  };
  int a = num_of(i);
  if (a >= 11 && a <= 20) {
    int b = num_of(i + 1);
    if (b < 10 || b >= 100) return 0;
    std::size_t n = 2;
    if (b % 10 == 0 && b >= 20) {
      int c = num_of(i + 2);
      if (c > 0 && c < 10) {
        b += c;
        n = 3;
      }
    }
    value = a * 100 + b;
    return n;
  }
  if (a == 2 && num_of(i + 1) == 1000) {
    value = 2000;
    std::size_t n = 2;
    int c = num_of(i + 2);
    if (c > 0 && c < 20) {
      value += c;
      n = 3;
    }
    return n;
  }
  return 0;
}

std::size_t Grammar::match_builtin(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i,
                                   Builtin b, Capture& cap) const {
  const Piece& p = ps[i];
  // Built-ins read digits or number and ordinal words; any other word is none of them.
  if (!p.digits && !numeric_[p.word]) return 0;
  std::string_view s = p.span.of(doc.lower);
  cap.span = p.span;
  switch (b) {
    case Builtin::year:
      if (p.number >= 1000 && p.number <= 2999 && s.size() == 4) {
        cap.number = p.number;
        return 1;
      }
      if (p.word) {
        int v = 0;
        if (std::size_t n = year_words(ps, i, v)) {
          cap.number = v;
          cap.span = {p.span.begin, ps[i + n - 1].span.end};
          return n;
        }
      }
      return 0;
    case Builtin::day:
      if (p.number >= 1 && p.number <= 31 && s.size() <= 2) {
        cap.number = p.number;
        return 1;
      }
      [[fallthrough]];
    case Builtin::ordinal: {
      if (p.digits && s.size() >= 3) {
        std::string_view suf = s.substr(s.size() - 2);
        std::int32_t v = digits_value(s.substr(0, s.size() - 2));
        if (v > 0 && (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") &&
            (b == Builtin::ordinal || v <= 31)) {
          cap.number = v;
          return 1;
        }
      }
      if (p.word)
        for (const LexEntry& e : lex_[p.word])
          if (e.cls == ordinal_class_ && (b == Builtin::ordinal || e.number <= 31)) {
            cap.number = e.number;
            return 1;
          }
      return 0;
    }
    case Builtin::integer:
      if (p.number >= 0) {
        cap.number = p.number;
        return 1;
      }
      return 0;
    case Builtin::num: {
      if (p.number >= 0) {
        cap.number = p.number;
        return 1;
      }
      int v = 0;
      if (std::size_t n = p.word ? number_words(ps, i, v) : 0) {
        cap.number = v;
        cap.span = {p.span.begin, ps[i + n - 1].span.end};
        return n;
      }
      return 0;
    }
    case Builtin::iso_date:
      if (s.size() == 10 && iso_shape(s)) {
        cap.text = p.span.of(doc.text);
        return 1;
      }
      return 0;
    case Builtin::iso_month:
      if (s.size() == 7 && iso_shape(s)) {
        cap.text = p.span.of(doc.text);
        return 1;
      }
      return 0;
    case Builtin::numeric_date: {
      int y, m, d;
      if (p.digits && (s.find('/') != std::string_view::npos || s.find('.') != std::string_view::npos) &&
          numeric_date(s, options_.numeric_order, y, m, d)) {
        cap.text = p.span.of(doc.text);
        return 1;
      }
      return 0;
    }
    case Builtin::clock: {
      auto colon = s.find(':');
      if (!p.digits || colon == std::string_view::npos || colon == 0 || colon > 2) return 0;
      std::int32_t h = digits_value(s.substr(0, colon));
      std::int32_t m = digits_value(s.substr(colon + 1, 2));
      if (h < 0 || h > 24 || m < 0 || m > 59 || s.size() < colon + 3) return 0;
      if (s.size() > colon + 3 && (s[colon + 3] != ':' || s.size() != colon + 6)) return 0;
      cap.text = p.span.of(doc.text);
      return 1;
    }
    case Builtin::decade: {
      if (!p.digits) return 0;
      std::string_view d = s;
      if (d.front() == '\'') d.remove_prefix(1);
      if (d.size() >= 3 && d.substr(d.size() - 2) == "'s") d.remove_suffix(2);
      else if (d.size() >= 2 && d.back() == 's') d.remove_suffix(1);
      else return 0;
      std::int32_t v = digits_value(d);
      if (v < 0 || v % 10 != 0) return 0;
      if (d.size() == 4) cap.number = v / 10;
      else if (d.size() == 2) cap.number = 190 + v / 10;  // '80s: the 20th century's
      else return 0;
      return 1;
    }
    case Builtin::hour12:
      if (p.number >= 1 && p.number <= 12 && s.size() <= 2) {
        cap.number = p.number;
        return 1;
      }
      return 0;
    case Builtin::fraction:
      if (s == "1/2") {
        cap.number = 1;
        return 1;
      }
      return 0;
    case Builtin::year_alone:
      if (p.number >= 1800 && p.number <= 2099 && s.size() == 4) {
        cap.number = p.number;
        return 1;
      }
      if (p.word) {  // "nineteen ninety-six": a year said in words is one whatever its context
        int v = 0;
        if (std::size_t n = year_words(ps, i, v); n && v >= 1800 && v <= 2099) {
          cap.number = v;
          cap.span = {p.span.begin, ps[i + n - 1].span.end};
          return n;
        }
      }
      return 0;
    case Builtin::clock24: {
      if (s.size() != 5 || s[2] != ':' || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[3]) || !is_digit(s[4]))
        return 0;
      const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
      if (h > 23 || m > 59) return 0;
      cap.text = p.span.of(doc.text);
      return 1;
    }
    case Builtin::count_:
      return 0;
  }
  return 0;
}

std::size_t Grammar::match_atom(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i,
                                const Atom& a, Capture& cap) const {
  const Piece& p = ps[i];
  if (!a.is_class) {
    if (p.word != a.id) return 0;
    cap.span = p.span;
    cap.number = Frame::kUnset;
    cap.text = a.literal_value.empty() ? std::string_view(words_[a.id]) : std::string_view(a.literal_value);
    if (!a.literal_value.empty())
      if (auto v = to_int(a.literal_value)) cap.number = *v;
    return 1;
  }
  cap.number = Frame::kUnset;
  cap.text = {};
  if (a.id < static_cast<std::uint32_t>(Builtin::count_)) return match_builtin(doc, ps, i, static_cast<Builtin>(a.id), cap);
  if (p.word == 0) return 0;
  for (const LexEntry& e : lex_[p.word])
    if (e.cls == a.id && (!e.needs_capital || p.capitalized)) {
      cap.span = p.span;
      cap.number = e.number;
      cap.text = e.value;
      return 1;
    }
  return 0;
}

struct Grammar::Walk {
  std::size_t start = 0;
  std::size_t length = 0;
  std::int32_t rule = -1;
  Frame frame;
  std::uint8_t want = 3;  // mods: which productions may follow
  bool mod_root = false;
};

void Grammar::walk(const text::Document& doc, const std::vector<Piece>& ps, std::uint32_t node, std::size_t i,
                   std::vector<Capture>& caps, Walk& best) const {
  const Node& n = nodes_[node];
  if (n.rule >= 0) {
    std::size_t len = i - best.start;
    const Rule& r = rules_[n.rule];
    if (len > best.length || (len == best.length && n.rule < best.rule)) {
      auto hits = [&](const std::vector<Atom>& atoms, std::size_t k) {
        if (k >= ps.size() || ps[k].run != ps[best.start].run) return false;
        Capture c;
        for (const Atom& a : atoms)
          if (match_atom(doc, ps, k, a, c)) return true;
        return false;
      };
      bool ok = !(best.start > 0 && hits(r.not_before, best.start - 1)) && !hits(r.not_after, i) &&
                !(r.sentence_start && best.start > 0 && ps[best.start - 1].sentence == ps[best.start].sentence);
      Frame f;
      if (ok && !best.mod_root) {
        // caps holds this path's captures by slot; others were restored to empty on the way back.
        ok = build_frame(r, caps, f);
        bool is_duration = f.kind == Frame::Kind::duration;
        if (ok && !((best.want & 1) && !is_duration) && !((best.want & 2) && is_duration)) ok = false;
      }
      if (ok) {
        best.length = len;
        best.rule = n.rule;
        best.frame = f;
      }
    }
  }
  if (i >= ps.size() || ps[i].run != ps[best.start].run) return;
  // A word the rules never name and no digits: no literal, lexicon class or built-in matches.
  if (ps[i].word == 0 && !ps[i].digits) return;
  auto follow = [&](const Edge& e, std::size_t len, const Capture& c) {
    Capture saved;
    bool has_slot = e.atom.slot >= 0;
    if (has_slot) {
      saved = caps[e.atom.slot];
      caps[e.atom.slot] = c;
    }
    walk(doc, ps, e.child, i + len, caps, best);
    if (has_slot) caps[e.atom.slot] = saved;
  };
  if (const std::uint32_t w = ps[i].word; w && n.literals) {
    const auto ids = n.literal_ids.begin();
    for (std::size_t k = n.lower_by_word.empty() ? static_cast<std::size_t>(std::lower_bound(ids, n.literal_ids.end(), w) - ids)
                                                 : n.lower_by_word[w];
         k < n.literals && n.literal_ids[k] == w; ++k) {
      Capture c;
      if (std::size_t len = match_atom(doc, ps, i, n.edges[k].atom, c)) follow(n.edges[k], len, c);
    }
  }
  // A class whose bit the piece lacks cannot match (Piece::classes is a superset).
  const std::uint64_t classes = ps[i].classes;
  if ((n.class_mask & classes) == 0) return;
  std::uint32_t cls = ~0u;
  std::size_t len = 0;
  Capture c;
  for (auto it = n.edges.begin() + n.literals; it != n.edges.end(); ++it) {
    if (it->atom.id != cls) {
      cls = it->atom.id;
      len = (class_bit(cls) & classes) ? match_atom(doc, ps, i, it->atom, c) : 0;
    }
    if (len) follow(*it, len, c);
  }
}

std::size_t Grammar::match_at(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i,
                              std::vector<Mention>& out, std::vector<Capture>& caps) const {
  const Piece& p = ps[i];
  // A walk from a root finds nothing unless a literal edge names the word or a class edge may
  // match it (the roots accept nothing: every path has an atom).
  const bool mod_start = starts_[p.word] & 2;
  const bool core_start = (starts_[p.word] & 1) || (nodes_[core_root_].class_mask & p.classes);
  if (!mod_start && !core_start) return 0;
  // Every walk leaves caps as it found it (empty captures), so one buffer serves them all.
  if (caps.size() < max_slots_) caps.resize(max_slots_);
  // A modifier first ("late", "the end of", "more than"), then a rule right after it.
  Walk mod;
  mod.start = i;
  mod.mod_root = true;
  if (mod_start) walk(doc, ps, mod_root_, i, caps, mod);
  if (mod.rule >= 0 && i + mod.length < ps.size()) {
    Walk core;
    core.start = i + mod.length;
    core.want = rules_[mod.rule].mod_applies;
    walk(doc, ps, core_root_, core.start, caps, core);
    if (core.rule >= 0 && rules_[core.rule].leading == 0) {
      Mention m;
      const std::size_t n = core.length - rules_[core.rule].trailing;
      m.span = {p.span.begin, ps[core.start + n - 1].span.end};
      m.frame = core.frame;
      if (m.frame.mod == Mod::none) m.frame.mod = rules_[mod.rule].mod;
      m.rule = rules_[core.rule].name;
      out.push_back(m);
      return mod.length + n;
    }
  }
  if (!core_start) return 0;
  Walk core;
  core.start = i;
  walk(doc, ps, core_root_, i, caps, core);
  if (core.rule < 0) return 0;
  const std::size_t n = core.length - rules_[core.rule].trailing;
  Mention m;
  m.span = {ps[i + rules_[core.rule].leading].span.begin, ps[i + n - 1].span.end};
  m.frame = core.frame;
  m.rule = rules_[core.rule].name;
  if (m.frame.kind == Frame::Kind::point && m.frame.weekday != Frame::kUnset && m.frame.lean == Frame::Lean::none &&
      m.frame.year == Frame::kUnset && m.frame.month == Frame::kUnset)
    m.cue = cue_before(doc, ps, i);
  out.push_back(m);
  return n;
}

Frame::Lean Grammar::cue_before(const text::Document& doc, const std::vector<Piece>& ps, std::size_t i) const {
  // The token of each piece, for its part of speech: pieces split tokens, never join them.
  auto token = std::upper_bound(doc.tokens.begin(), doc.tokens.end(), ps[i].span.begin,
                                [](std::uint32_t b, const text::Token& t) { return b < t.span.begin; });
  for (std::size_t k = i; k-- > 0 && ps[k].sentence == ps[i].sentence;) {
    while (token != doc.tokens.begin() && std::prev(token)->span.begin > ps[k].span.begin) --token;
    const bool tagged = token != doc.tokens.begin();
    const text::Pos p = tagged ? std::prev(token)->pos : text::Pos::unknown;
    // A future cue that is a noun says nothing of tense: "criticised the plan on Friday".
    if (std::uint8_t t = tense_of(ps[k].word); t && !(t == 2 && (p == text::Pos::nn || p == text::Pos::nns)))
      return t == 1 ? Frame::Lean::before : Frame::Lean::after;
    if (p == text::Pos::vbd) return Frame::Lean::before;
  }
  return Frame::Lean::none;
}

// ---------------------------------------------------------------- productions

bool Grammar::build_frame(const Rule& r, const std::vector<Capture>& caps, Frame& f) const {
  f = Frame{};
  f.kind = r.kind;
  if (r.kind == Frame::Kind::duration) f.type = TimexType::duration;
  if (r.kind == Frame::Kind::set) f.type = TimexType::set;
  int ampm = 0;
  for (const Arg& a : r.args) {
    std::string_view text = a.literal;
    int number = Frame::kUnset;
    if (a.slot >= 0) {
      if (static_cast<std::size_t>(a.slot) >= caps.size()) continue;  // optional, absent
      const Capture& c = caps[a.slot];
      if (c.span.empty() && c.text.empty() && c.number == Frame::kUnset) continue;
      text = c.text;
      number = c.number;
    } else if (auto v = to_int(text)) {
      number = *v;
    }
    if (a.negate && number != Frame::kUnset) number = -number;
    auto int_in = [&](int lo, int hi, int& field) {
      if (number == Frame::kUnset || number < lo || number > hi) return false;
      field = number;
      return true;
    };
    auto int_or_x = [&](int& field) {
      if (text == "X" || text == "-X") {
        field = Frame::kUnknown;
        return true;
      }
      if (number == Frame::kUnset) return false;
      field = number;
      return true;
    };
    bool ok = true;
    switch (static_cast<Key>(a.key)) {
      case k_type:
        if (text == "DATE") f.type = TimexType::date;
        else if (text == "TIME") f.type = TimexType::time;
        else if (text == "DURATION") f.type = TimexType::duration;
        else if (text == "SET") f.type = TimexType::set;
        else ok = false;
        break;
      case k_from:
        if (text == "dct") f.from = Frame::From::dct;
        else if (text == "narrative") f.from = Frame::From::narrative;
        else ok = false;
        break;
      case k_lean:
        if (text == "before") f.lean = Frame::Lean::before;
        else if (text == "after") f.lean = Frame::Lean::after;
        else if (text == "same") f.lean = Frame::Lean::same;
        else ok = false;
        break;
      case k_mod:
        if (auto m = mod_code(text)) f.mod = *m;
        else ok = false;
        break;
      case k_unit:
        if (auto u = unit_code(text)) f.unit = *u;
        else ok = false;
        break;
      case k_grain:
        if (auto u = unit_code(text)) f.grain = *u;
        else ok = false;
        break;
      case k_fiscal: f.fiscal = number == 1; break;
      case k_year: ok = int_in(-9999, 99999, f.year); break;
      case k_year2:
        ok = number >= 0 && number <= 99;
        if (ok) f.year = number < 50 ? 2000 + number : 1900 + number;
        break;
      case k_month: ok = int_in(1, 12, f.month); break;
      case k_day: ok = int_in(1, 31, f.day); break;
      case k_weekday: ok = int_in(1, 7, f.weekday); break;
      case k_season:
        if (auto s = season_code(text)) f.season = *s;
        else ok = int_in(1, 4, f.season);
        break;
      case k_quarter: ok = int_in(1, 4, f.quarter); break;
      case k_half: ok = int_in(1, 2, f.half); break;
      case k_week: ok = int_in(1, 53, f.week); break;
      case k_decade: ok = int_in(-999, 9999, f.decade); break;
      case k_century:
        // "20th century" is 19 (the years 19xx); the rule passes the ordinal.
        ok = int_in(-99, 999, f.century);
        break;
      case k_part:
        if (auto pc = part_code(text)) f.part = *pc;
        else ok = false;
        break;
      case k_hour: ok = int_in(0, 24, f.hour); break;
      case k_minute: ok = int_in(0, 59, f.minute); break;
      case k_ampm:
        if (text.starts_with("a")) ampm = 1;
        else if (text.starts_with("p")) ampm = 2;
        else ok = false;
        break;
      case k_by: ok = int_or_x(f.by); break;
      case k_n: ok = int_or_x(f.n); break;
      case k_half_more: f.n_half = 1; break;
      case k_value: f.value = a.slot >= 0 ? text : std::string_view(a.literal); ok = !f.value.empty(); break;
      case k_quant: f.quant = a.slot >= 0 ? text : std::string_view(a.literal); break;
      case k_freq: ok = int_in(1, 1000, f.times); break;
      case k_numeric_date: {
        int y, m, d;
        ok = numeric_date(text, options_.numeric_order, y, m, d);
        if (ok) {
          f.year = y;
          f.month = m;
          f.day = d;
        }
        break;
      }
      case k_iso: {
        ok = text.size() == 10 || text.size() == 7;
        if (!ok) break;
        f.year = digits_value(text.substr(0, 4));
        f.month = digits_value(text.substr(5, 2));
        if (text.size() == 10) f.day = digits_value(text.substr(8, 2));
        ok = f.month >= 1 && f.month <= 12 && (text.size() == 7 || (f.day >= 1 && f.day <= 31));
        break;
      }
      case k_clock: {
        auto colon = text.find(':');
        ok = colon != std::string_view::npos;
        if (!ok) break;
        f.hour = digits_value(text.substr(0, colon));
        f.minute = digits_value(text.substr(colon + 1, 2));
        ok = f.hour >= 0 && f.hour <= 24 && f.minute >= 0 && f.minute <= 59;
        break;
      }
      case k_inherit: f.inherit = number == 1; break;
      case k_nth: ok = int_in(1, 5, f.nth); break;
      case k_bc_year:  // 44 BC is the astronomical year -43 (there is no year 0)
        ok = number != Frame::kUnset && number >= 1 && number <= 9999;
        if (ok) f.year = 1 - number;
        break;
      case k_count_: ok = false; break;
    }
    if (!ok) return false;
  }
  if (ampm != 0 && f.hour != Frame::kUnset) {
    if (f.hour > 12) return false;
    if (ampm == 2 && f.hour < 12) f.hour += 12;
    if (ampm == 1 && f.hour == 12) f.hour = 0;
  }
  return true;
}

}  // namespace annals::time::detail
