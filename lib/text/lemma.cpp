// WordNet's morphy (wn(7), morph.c): exception lists first, then detachment rules, keeping
// only base forms that the index of the part of speech lists.
#include "text/text.h"

#include <array>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

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
  /// Per noun and verb in index[noun|verb]: the lexicographer file of its most frequent sense.
  std::array<std::vector<std::uint8_t>, 2> sense_file;
};

Lemmatizer::Lemmatizer(std::shared_ptr<const Data> d) : d_(std::move(d)) {}
Lemmatizer::Lemmatizer(Lemmatizer&&) noexcept = default;
Lemmatizer& Lemmatizer::operator=(Lemmatizer&&) noexcept = default;
Lemmatizer::~Lemmatizer() = default;

Expected<Lemmatizer> Lemmatizer::load(const Paths& paths) {
  // The actors and events stages each hold a lemmatizer: read WordNet once (about 25 MB of
  // files) for both.
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::weak_ptr<const Data>> loaded;
  const std::lock_guard lock(mutex);
  if (auto it = loaded.find(paths.wordnet); it != loaded.end())
    if (auto shared = it->second.lock()) return Lemmatizer(std::move(shared));
  auto data = std::make_shared<Data>();
  constexpr std::array<std::string_view, 3> names{"noun", "verb", "adj"};
  auto next_line = [](std::string_view& text) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    return line;
  };
  // Per noun and verb id, its first synset's offset (a view into the index file's bytes,
  // which live until their data file is read in the same iteration).
  std::array<std::vector<std::pair<std::uint32_t, std::string_view>>, 2> first_offsets;
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
      if (c < 2 && added) {
        // "deliver v 12 6 @ ~ * $ + ; 12 7 00989620 ... 00056930": the synset count is the
        // third field and the offsets, eight digits each, close the line; the first is the most
        // frequent sense, whose data.<pos> line holds the lexicographer file as its second field.
        const std::string_view fields = line.substr(0, line.find_last_not_of(' ') + 1);
        const std::size_t f1 = fields.find(' '), f2 = fields.find(' ', f1 + 1), f3 = fields.find(' ', f2 + 1);
        std::size_t synsets = 0;
        if (f3 != std::string_view::npos) std::from_chars(fields.data() + f2 + 1, fields.data() + f3, synsets);
        if (synsets > 0 && synsets * 9 <= fields.size())
          first_offsets[c].emplace_back(id, fields.substr(fields.size() - (synsets * 9 - 1), 8));
      }
    }
    if (c < 2) {
      auto data_path = paths.wordnet / ("data." + std::string(names[c]));
      auto synsets = read_file(data_path);
      if (!synsets) return Diagnostic{data_path.string(), 0, 0, synsets.error().message, Status::rules};
      auto& files = data->sense_file[c];
      files.assign(data->index[c].size(), kNoFile);
      for (const auto& [id, offset] : first_offsets[c]) {
        std::size_t at = 0;
        std::from_chars(offset.data(), offset.data() + offset.size(), at);
        // "00989620 32 v 01 deliver 0 ...": the line at byte `at`, its second field.
        if (at + 12 > synsets->size() || (at > 0 && (*synsets)[at - 1] != '\n')) continue;
        unsigned file = kNoFile;
        const char* p = synsets->data() + at + offset.size() + 1;
        std::from_chars(p, p + 2, file);
        files[id] = static_cast<std::uint8_t>(file);
      }
    }
  }
  loaded[paths.wordnet] = data;
  return Lemmatizer(std::move(data));
}

std::uint8_t Lemmatizer::sense_file(std::string_view lemma, Category c) const {
  if (c == Category::adjective) return kNoFile;
  const auto ci = static_cast<std::size_t>(c);
  const std::uint32_t id = d_->index[ci].find(lemma);
  return id == detail::WordTable::kNone ? kNoFile : d_->sense_file[ci][id];
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
