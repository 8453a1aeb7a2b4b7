// WordNet's morphy (wn(7), morph.c): exception lists first, then detachment rules, keeping
// only base forms that the index of the part of speech lists.
#include "text/text.h"

#include <array>
#include <unordered_map>
#include <unordered_set>

#include "core/files.h"

namespace annals::text {
namespace {

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, Hash, std::equal_to<>>;
using WordMap = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;

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
};

Lemmatizer::Lemmatizer(std::unique_ptr<Data> d) : d_(std::move(d)) {}
Lemmatizer::Lemmatizer(Lemmatizer&&) noexcept = default;
Lemmatizer& Lemmatizer::operator=(Lemmatizer&&) noexcept = default;
Lemmatizer::~Lemmatizer() = default;

Expected<Lemmatizer> Lemmatizer::load(const Paths& paths) {
  auto data = std::make_unique<Data>();
  constexpr std::array<std::string_view, 3> names{"noun", "verb", "adj"};
  for (std::size_t c = 0; c < 3; ++c) {
    auto index_path = paths.wordnet / ("index." + std::string(names[c]));
    auto bytes = read_file(index_path);
    if (!bytes)
      return Diagnostic{index_path.string(), 0, 0,
                        bytes.error().message + " (install wordnet-base or set ANNALS_WORDNET)", Status::rules};
    std::string_view text = *bytes;
    while (!text.empty()) {
      auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      if (line.empty() || line.front() == ' ') continue;  // the licence header lines start with spaces
      data->index[c].emplace(line.substr(0, line.find(' ')));
    }
    auto exc_path = paths.wordnet / (std::string(names[c]) + ".exc");
    auto exc = read_file(exc_path);
    if (!exc) return Diagnostic{exc_path.string(), 0, 0, exc.error().message, Status::rules};
    text = *exc;
    while (!text.empty()) {
      auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      auto sp = line.find(' ');
      if (sp == std::string_view::npos) continue;
      auto rest = line.substr(sp + 1);
      data->exceptions[c].emplace(line.substr(0, sp), rest.substr(0, rest.find(' ')));
    }
  }
  return Lemmatizer(std::move(data));
}

bool Lemmatizer::known(std::string_view lemma, Category c) const {
  return d_->index[static_cast<std::size_t>(c)].contains(lemma);
}

std::string Lemmatizer::lemma(std::string_view w, Category c) const {
  const auto ci = static_cast<std::size_t>(c);
  if (auto it = d_->exceptions[ci].find(w); it != d_->exceptions[ci].end()) return it->second;
  if (d_->index[ci].contains(w)) return std::string(w);
  auto try_rules = [&](auto const& rules) -> std::string {
    std::string cand;
    for (const auto& r : rules) {
      if (w.size() <= r.from.size() || !w.ends_with(r.from)) continue;
      cand.assign(w.substr(0, w.size() - r.from.size()));
      cand += r.to;
      if (d_->index[ci].contains(cand)) return cand;
    }
    return {};
  };
  std::string base;
  switch (c) {
    case Category::noun: base = try_rules(kNounRules); break;
    case Category::verb: base = try_rules(kVerbRules); break;
    case Category::adjective: base = try_rules(kAdjRules); break;
  }
  return base.empty() ? std::string(w) : base;
}

std::vector<std::string> phrase_tokens(std::string_view phrase) {
  Document d = segment("", std::string(phrase));
  std::vector<std::string> out;
  out.reserve(d.tokens.size());
  for (std::size_t i = 0; i < d.tokens.size(); ++i) out.emplace_back(d.lower_word(i));
  return out;
}

}  // namespace annals::text
