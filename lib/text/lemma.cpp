// WordNet's morphy (wn(7), morph.c): exception lists first, then detachment rules, keeping
// only base forms that the index of the part of speech lists.
#include "text/text.h"

#include <array>
#include <charconv>
#include <cstring>

#include "core/files.h"
#include "text/word_table.h"

namespace annals::text {
namespace {

// The events and actors stages ask for several lemmas per token: open-addressing word tables
// (text/word_table.h), not node-based hash sets of std::string.
using WordSet = detail::WordTable;

/// Exception list: word → base form; a word listed twice keeps its first base form.
struct WordMap {
  detail::WordTable words;
  std::vector<std::string> bases;  // by word index

  void emplace(std::string_view word, std::string_view base) {
    bool added = false;
    words.insert(word, added);
    if (added) bases.emplace_back(base);
  }
  const std::string* find(std::string_view word) const {
    const std::uint32_t id = words.find(word);
    return id == detail::WordTable::kNone ? nullptr : &bases[id];
  }
};

bool contains(const WordSet& set, std::string_view w) { return set.find(w) != detail::WordTable::kNone; }

struct Suffix {
  std::string_view from, to;
};
// morph.c's sufx/addr tables.
constexpr std::array<Suffix, 8> kNounRules{{{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                                            {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}}};
constexpr std::array<Suffix, 8> kVerbRules{{{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""},
                                            {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}}};
constexpr std::array<Suffix, 4> kAdjRules{{{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}};

}  // namespace

struct Lemmatizer::Data {
  std::array<WordSet, 3> index;
  std::array<WordMap, 3> exceptions;
  /// Per verb in index[verb]: the lexicographer file of its most frequent sense.
  std::vector<std::uint8_t> verb_file;
};

Lemmatizer::Lemmatizer(std::unique_ptr<Data> d) : d_(std::move(d)) {}
Lemmatizer::Lemmatizer(Lemmatizer&&) noexcept = default;
Lemmatizer& Lemmatizer::operator=(Lemmatizer&&) noexcept = default;
Lemmatizer::~Lemmatizer() = default;

Expected<Lemmatizer> Lemmatizer::load(const Paths& paths) {
  auto data = std::make_unique<Data>();
  constexpr std::array<std::string_view, 3> names{"noun", "verb", "adj"};
  auto next_line = [](std::string_view& text) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    return line;
  };
  std::vector<std::pair<std::uint32_t, std::string_view>> first_offsets;  // verb id → its first synset
  for (std::size_t c = 0; c < 3; ++c) {
    auto index_path = paths.wordnet / ("index." + std::string(names[c]));
    auto bytes = read_file(index_path);
    if (!bytes)
      return Diagnostic{index_path.string(), 0, 0,
                        bytes.error().message + " (install wordnet-base or set ANNALS_WORDNET)", Status::rules};
    auto exc_path = paths.wordnet / (std::string(names[c]) + ".exc");
    auto exc = read_file(exc_path);
    if (!exc) return Diagnostic{exc_path.string(), 0, 0, exc.error().message, Status::rules};
    // Base forms that are collocations ("major-axes" → "major_axis"): the only ones with '_'
    // that a token can reach (see below).
    detail::WordTable collocation_bases;
    std::string_view text = *exc;
    while (!text.empty()) {
      std::string_view line = next_line(text);
      auto sp = line.find(' ');
      if (sp == std::string_view::npos) continue;
      auto rest = line.substr(sp + 1);
      const std::string_view base = rest.substr(0, rest.find(' '));
      data->exceptions[c].emplace(line.substr(0, sp), base);
      bool added = false;
      if (base.find('_') != std::string_view::npos) collocation_bases.insert(base, added);
    }
    // A token never holds '_' (segment() makes it a symbol), nor does a detachment candidate
    // built from one, so the index's collocations ("prime_minister", half of index.noun) are
    // left out unless an exception gives one as a base form: half the table to miss in.
    text = *bytes;
    while (!text.empty()) {
      std::string_view line = next_line(text);
      if (line.empty() || line.front() == ' ') continue;  // the licence header lines start with spaces
      const std::string_view word = line.substr(0, line.find(' '));
      if (word.find('_') != std::string_view::npos && collocation_bases.find(word) == detail::WordTable::kNone)
        continue;
      bool added = false;
      const std::uint32_t id = data->index[c].insert(word, added);
      if (c == 1 && added) {
        // "deliver v 12 6 @ ~ * $ + ; 12 7 00989620 ...": the first offset is the most
        // frequent sense; its data.verb line holds the lexicographer file as its second field.
        if (data->verb_file.size() <= id) data->verb_file.resize(id + 1, kNoFile);
        const auto last_space = line.find_last_not_of(' ');
        std::string_view fields = line.substr(0, last_space + 1);
        std::size_t off_end = fields.size();
        // The offsets close the line; the first one follows the two counts after the pointers.
        std::vector<std::string_view> parts;
        for (std::size_t b = 0; b < off_end;) {
          const auto e = fields.find(' ', b);
          parts.push_back(fields.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
          if (e == std::string_view::npos) break;
          b = e + 1;
        }
        if (parts.size() >= 4) {
          std::size_t synsets = 0;
          std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), synsets);
          if (synsets > 0 && synsets <= parts.size()) first_offsets.emplace_back(id, parts[parts.size() - synsets]);
        }
      }
    }
    if (c == 1) {
      auto data_path = paths.wordnet / "data.verb";
      auto verbs = read_file(data_path);
      if (!verbs) return Diagnostic{data_path.string(), 0, 0, verbs.error().message, Status::rules};
      for (const auto& [id, offset] : first_offsets) {
        std::size_t at = 0;
        std::from_chars(offset.data(), offset.data() + offset.size(), at);
        // "00989620 32 v 01 deliver 0 ...": the line at byte `at`, its second field.
        if (at + 12 > verbs->size() || (at > 0 && (*verbs)[at - 1] != '\n')) continue;
        unsigned file = kNoFile;
        const char* p = verbs->data() + at + offset.size() + 1;
        std::from_chars(p, p + 2, file);
        data->verb_file[id] = static_cast<std::uint8_t>(file);
      }
      data->verb_file.resize(data->index[1].size(), kNoFile);
    }
  }
  return Lemmatizer(std::move(data));
}

std::uint8_t Lemmatizer::verb_file(std::string_view lemma) const {
  const std::uint32_t id = d_->index[1].find(lemma);
  return id == detail::WordTable::kNone || id >= d_->verb_file.size() ? kNoFile : d_->verb_file[id];
}

bool Lemmatizer::known(std::string_view lemma, Category c) const {
  return contains(d_->index[static_cast<std::size_t>(c)], lemma);
}

std::string_view Lemmatizer::lemma(std::string_view w, Category c) const {
  const auto ci = static_cast<std::size_t>(c);
  if (const std::string* base = d_->exceptions[ci].find(w)) return *base;
  const WordSet& index = d_->index[ci];
  if (const std::uint32_t id = index.find(w); id != detail::WordTable::kNone) return index.word(id);
  // Candidates are built in a buffer on the stack: most words fail every rule. A hit is
  // returned as the index's own copy, so no lemma allocates.
  auto try_rules = [&](auto const& rules) -> std::string_view {
    char buf[64];
    for (const auto& r : rules) {
      if (w.size() <= r.from.size() || !w.ends_with(r.from)) continue;
      const std::size_t stem = w.size() - r.from.size();
      if (stem + r.to.size() > sizeof buf) continue;  // no English base form is that long
      std::memcpy(buf, w.data(), stem);
      std::memcpy(buf + stem, r.to.data(), r.to.size());
      if (const std::uint32_t id = index.find(std::string_view(buf, stem + r.to.size()));
          id != detail::WordTable::kNone)
        return index.word(id);
    }
    return {};
  };
  std::string_view base;
  switch (c) {
    case Category::noun: base = try_rules(kNounRules); break;
    case Category::verb: base = try_rules(kVerbRules); break;
    case Category::adjective: base = try_rules(kAdjRules); break;
  }
  return base.empty() ? w : base;
}

std::vector<std::string> phrase_tokens(std::string_view phrase) {
  Document d = segment("", std::string(phrase));
  std::vector<std::string> out;
  out.reserve(d.tokens.size());
  for (std::size_t i = 0; i < d.tokens.size(); ++i) out.emplace_back(d.lower_word(i));
  return out;
}

}  // namespace annals::text
