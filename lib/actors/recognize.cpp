// Recognition in two passes over one document. The first finds candidates left to right:
// gazetteer names, runs of capitalised tokens split into titles, demonyms, known names and
// unknown names, groups ("Japanese nationals"), pronouns and descriptions. The second resolves
// them in text order, so that a surname, an acronym or "the company" can refer back to an
// actor already seen, and keeps the unknown names that carry enough evidence of being actors.
#include "actors/actors.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "actors/lexicon.h"

namespace annals::actors {

std::string_view to_string(ActorType t) {
  switch (t) {
    case ActorType::country: return "country";
    case ActorType::government: return "government";
    case ActorType::organization: return "organization";
    case ActorType::person: return "person";
    case ActorType::group: return "group";
    case ActorType::place: return "place";
    case ActorType::other: return "other";
  }
  return "other";
}

struct Recognizer::Impl {
  Lexicon lx;
  text::Lemmatizer lemmatizer;
};

Recognizer::Recognizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Recognizer::Recognizer(Recognizer&&) noexcept = default;
Recognizer& Recognizer::operator=(Recognizer&&) noexcept = default;
Recognizer::~Recognizer() = default;

Expected<Recognizer> Recognizer::load(const Paths& paths) {
  auto seg = text::Segmenter::load(paths);
  if (!seg) return seg.error();
  auto lx = load_lexicon(paths, *seg);
  if (!lx) return lx.error();
  auto lem = text::Lemmatizer::load(paths);
  if (!lem) return lem.error();
  return Recognizer(std::make_unique<Impl>(Impl{std::move(*lx), std::move(*lem)}));
}

namespace {

using text::Pos;
// Word lists as string_view, so that comparing a token with them needs no strlen.
using namespace std::string_view_literals;

enum class CandKind : std::uint8_t {
  known,            ///< a gazetteer name (country, capital, contextual, organisation, leader)
  unknown,          ///< a name no list knows
  group,            ///< demonym + group noun
  crowd,            ///< a described group acting as a subject: "6,000 workers", "Protesters"
  country_nominal,  ///< "the Japanese government", "the Kim Jong-un regime": the country
  title_ref,        ///< "Japan's prime minister", "the president": the holder, when known
  pronoun,
  nominal,          ///< "the company"
  pair,             ///< "both sides", "the two companies": the two actors last named together
  group_ref,        ///< "the engineers": the group last named with that head noun
  institution,      ///< a state's institution: "Malawi's parliament", "the air force"
};

enum class PronounClass : std::uint8_t { person, thing, plural };

struct Candidate {
  std::uint32_t first = 0, last = 0;
  CandKind kind = CandKind::known;
  NameKind name_kind = NameKind::country;
  std::uint32_t target = 0;  ///< known: index per name_kind; group/country_nominal: country
  // Evidence for unknown names and titles.
  std::int8_t title = -1;       ///< TitleClass of a title just before, or -1
  std::uint32_t title_first = 0, title_last = 0;  ///< the title's tokens
  std::uint32_t country = kNoCountry;  ///< from a demonym before ("Japanese Prime Minister X")
  bool org_pattern = false;     ///< ends with an organisation word or is "<Head> of <Name>"
  bool locative = false;        ///< after "in", "at", "near"...
  bool age = false;             ///< followed by ", 45,"
  bool subject = false;         ///< followed by a finite verb
  bool employer = false;        ///< after "analysts at", "officials from" (members.tsv)
  PronounClass pronoun = PronounClass::thing;
  const Nominal* nominal = nullptr;
  /// unknown: the description right after the name ("the KOVO union", "the Orbita fund").
  const Nominal* described = nullptr;
  std::uint32_t label_first = 0;  ///< crowd: first token of its label, after the quantity;
                                  ///< institution: of its name, after a demonym
  std::uint32_t owner_first = 0;  ///< institution after a possessive: the owner's first token
};

constexpr std::size_t kNever = static_cast<std::size_t>(-1);
constexpr std::uint8_t kNounPerson = 18;  ///< WordNet's noun.person (lexnames(5WN))

struct ActorInfo {
  std::string title_key;  ///< lower-case title a person was introduced with ("prime minister")
  std::uint32_t country = kNoCountry;
  std::uint32_t lex_country = kNoCountry;  ///< for country actors: their lexicon index
  std::size_t last_mention = kNever;       ///< index of its latest mention
  std::uint32_t mentions = 0;              ///< how often the text has named it so far
  std::vector<const Nominal*> described;   ///< descriptions it was named with ("union")
  bool institution = false;                ///< a state's institution ("Malawian parliament")
};

constexpr std::array kPronouns = {"he"sv,     "him"sv,    "his"sv, "himself"sv, "she"sv,
                                  "her"sv,    "hers"sv,   "herself"sv, "it"sv,  "its"sv,
                                  "itself"sv, "they"sv,   "them"sv,    "their"sv, "themselves"sv};
constexpr std::array kConnectors = {"of"sv, "for"sv, "and"sv, "&"sv, "de"sv, "du"sv, "la"sv, "le"sv, "van"sv,
                                    "von"sv, "der"sv, "den"sv, "al"sv, "bin"sv, "del"sv, "da"sv, "dos"sv, "the"sv};
constexpr std::array kLocatives = {"in"sv, "at"sv, "near"sv, "from"sv, "into"sv, "across"sv, "outside"sv,
                                   "inside"sv, "via"sv, "through"sv, "toward"sv, "towards"sv, "around"sv,
                                   "throughout"sv, "to"sv, "on"sv, "off"sv};
constexpr std::array kMultitudes = {"thousands"sv, "hundreds"sv, "dozens"sv, "scores"sv, "millions"sv};
constexpr std::array kAuxBe = {"is"sv, "are"sv, "was"sv, "were"sv, "be"sv, "been"sv, "being"sv, "get"sv, "got"sv};
constexpr std::array kApproximators = {"about"sv, "some"sv, "nearly"sv, "around"sv, "almost"sv, "roughly"sv,
                                       "approximately"sv, "over"sv, "more"sv, "than"sv, "at"sv, "least"sv,
                                       "up"sv, "to"sv, "an"sv, "estimated"sv};
constexpr std::array kClauseOpeners = {"and"sv, "but"sv, "while"sv, "when"sv, "as"sv, "after"sv, "before"sv,
                                       "because"sv, "since"sv, "until"sv, "where"sv, "although"sv,
                                       "though"sv, "if"sv, "then"sv, "so"sv};
/// Verbs of a source's belief: "investigators believe", "residents fear" report, not act.
constexpr std::array kBeliefVerbs = {"believe"sv, "believes"sv, "believed"sv, "think"sv, "thinks"sv, "thought"sv,
                                     "expect"sv, "expects"sv, "expected"sv, "fear"sv, "fears"sv, "feared"sv,
                                     "suspect"sv, "suspects"sv, "suspected"sv, "estimate"sv, "estimated"sv,
                                     "say"sv, "describe"sv, "described"sv};
constexpr std::array kAuxHave = {"has"sv, "have"sv, "had"sv, "having"sv};
constexpr std::array kSubjectVerbs = {"said"sv, "says"sv, "say"sv, "told"sv, "announced"sv, "announces"sv,
                                      "added"sv, "stated"sv, "reported"sv, "confirmed"sv, "denied"sv,
                                      "argued"sv, "argues"sv, "wrote"sv, "writes"sv, "claimed"sv, "claims"sv};

template <class A>
bool in(const A& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

class Pass {
 public:
  Pass(const Lexicon& lx, const text::Lemmatizer& lem, const text::Document& doc)
      : lx_(lx), lem_(lem), doc_(doc), weak_(doc.tokens.size(), false) {}

  Result run() {
    mark_weak();
    for (const auto& s : doc_.sentences) find(s);
    count_names();
    resolve();
    merge_short_forms();
    Result r;
    r.actors = std::move(actors_);
    r.mentions = std::move(mentions_);
    r.mention_at.assign(doc_.tokens.size(), -1);
    for (std::size_t m = 0; m < r.mentions.size(); ++m)
      for (auto t = r.mentions[m].first; t < r.mentions[m].last; ++t)
        r.mention_at[t] = static_cast<std::int32_t>(m);
    return r;
  }

 private:
  // ---- token predicates ------------------------------------------------------------------
  bool word(std::size_t i) const { return doc_.tokens[i].kind == text::TokenKind::word; }
  bool cap(std::size_t i) const {
    return word(i) && (doc_.tokens[i].shape & (text::capitalized | text::all_caps));
  }
  std::string_view lw(std::size_t i) const { return doc_.lower_word(i); }
  std::string_view w(std::size_t i) const { return doc_.word(i); }
  bool connector(std::size_t i) const { return word(i) && !cap(i) && in(kConnectors, lw(i)); }
  /// A lower-case particle inside a personal or trading name ("Frente Comunero del Sur",
  /// "Bram de Wit", "Oro del Sur Trading"), unlike "of", "for", "and" and "the", which join
  /// two names only when an organisation word or the gazetteer says so (cut_run).
  bool particle(std::size_t i, std::size_t b) const {
    static constexpr std::array kJoining = {"of"sv, "for"sv, "and"sv, "&"sv, "the"sv};
    return connector(i) && !in(kJoining, lw(i)) && i + 1 < b && cap(i + 1);
  }

  bool common_word(std::string_view lower) const {
    using C = text::Lemmatizer::Category;
    for (auto c : {C::noun, C::verb, C::adjective})
      if (lem_.known(lem_.lemma(lower, c), c)) return true;
    return false;
  }

  /// A capitalised token that may be (part of) a name: not a month or headline word, and, where
  /// capitals say nothing (sentence start, headlines), seen capitalised elsewhere or no
  /// ordinary English word.
  /// "Caracas-based", "Danish-owned", "Saudi-led": a modifier before a name, not part of it.
  bool modifier(std::size_t i) const {
    for (std::string_view suffix : {"-based", "-owned", "-led", "-backed", "-born"})
      if (lw(i).size() > suffix.size() && lw(i).ends_with(suffix)) return true;
    return false;
  }
  bool namish(std::size_t i) const {
    if (!cap(i) || lx_.non_names.contains(lw(i)) || modifier(i)) return false;
    if (!weak_[i]) return true;
    if (cap_mid_.contains(lw(i))) return true;
    const auto pos = doc_.tokens[i].pos;
    if (!text::is_proper(pos)) return false;
    // An English word that opens a sentence is no name ("Officials", "Kestrel"), unless a
    // capital that means it follows: "Kestrel Air ordered", "Summit Bank said".
    return !common_word(lw(i)) || (lw(i).size() > 2 && i + 1 < doc_.tokens.size() && cap(i + 1) && !weak_[i + 1] &&
                                   doc_.tokens[i + 1].sentence == doc_.tokens[i].sentence &&
                                   text::is_proper(doc_.tokens[i + 1].pos) && namish(i + 1));
  }

  /// Tokens where capitals carry no evidence: sentence and line starts, after an opening quote
  /// or colon, and every token of a title-case headline line.
  void mark_weak() {
    const auto& t = doc_.tokens;
    std::size_t line = 0;
    for (std::size_t i = 0; i <= t.size(); ++i) {
      if (i < t.size() && !(t[i].shape & text::line_start) && i != 0) continue;
      mark_headline(line, i);
      line = i;
    }
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].shape & (text::sentence_start | text::line_start)) weak_[i] = true;
      if (i > 0 && (t[i - 1].pos == Pos::punct_quote_open || t[i - 1].pos == Pos::punct_colon))
        weak_[i] = true;
      // A sentence opened by punctuation ('"This was ...', '(We ...') or a dateline's dash
      // ("NAIROBI — A Kenyan court") starts at the word after it.
      if (i > 0 && t[i - 1].kind != text::TokenKind::word &&
          ((t[i - 1].shape & (text::sentence_start | text::line_start)) || doc_.word(i - 1) == "\xE2\x80\x94"))
        weak_[i] = true;
    }
    for (std::size_t i = 0; i < t.size(); ++i)
      if (cap(i) && !weak_[i]) cap_mid_.insert(lw(i));
  }

  void mark_headline(std::size_t a, std::size_t b) {
    if (b <= a) return;
    std::size_t words = 0, caps = 0;
    for (auto i = a; i < b; ++i) {
      if (!word(i) || w(i).size() <= 3) continue;
      ++words;
      caps += cap(i);
    }
    const bool stop = doc_.tokens[b - 1].pos == Pos::punct_stop;
    if (words >= 2 && caps * 10 >= words * 7 && !stop)
      for (auto i = a; i < b; ++i) weak_[i] = true;
  }

  // ---- lexicon matches -------------------------------------------------------------------
  template <class Phrases>
  std::optional<TokenTrie::Match> match(const TokenTrie& trie, const Phrases& phrases,
                                        std::size_t i, std::size_t limit) const {
    std::size_t avail = limit - i;
    while (avail > 0) {
      auto m = trie.longest(avail, [&](std::size_t k) { return lw(i + k); });
      if (!m) return std::nullopt;
      const auto& forms = phrases[m->payload].forms;
      bool ok = true;
      for (std::size_t k = 0; k < forms.size() && ok; ++k) ok = case_compatible(forms[k], w(i + k));
      if (ok) return m;
      avail = m->length - 1;
    }
    return std::nullopt;
  }
  std::optional<TokenTrie::Match> name_at(std::size_t i, std::size_t limit) const {
    return match(lx_.names, lx_.name_phrases, i, limit);
  }
  std::optional<TokenTrie::Match> title_at(std::size_t i, std::size_t limit) const {
    return match(lx_.titles, lx_.title_phrases, i, limit);
  }
  /// A title written in lower case ("the prime minister"), a description of its holder.
  std::optional<TokenTrie::Match> lower_title_at(std::size_t i, std::size_t limit) const {
    if (cap(i)) return std::nullopt;
    auto m = lx_.titles.longest(limit - i, [&](std::size_t k) { return lw(i + k); });
    if (!m || lx_.title_phrases[m->payload].target == static_cast<std::uint32_t>(TitleClass::honorific))
      return std::nullopt;
    return m;
  }
  /// A title after one to three capitalised words that are no name, with a name word after it
  /// in the run [i, b): where the title ends, and its phrase.
  struct PortfolioTitle {
    std::size_t end;
    std::uint32_t phrase;
  };
  std::optional<PortfolioTitle> portfolio_title(std::size_t i, std::size_t b) const {
    for (std::size_t j = i + 1; j < b && j <= i + 3; ++j) {
      if (!namish(j - 1) || connector(j - 1) || name_at(j - 1, b) || demonym_at(j - 1, b)) return std::nullopt;
      if (auto m = title_at(j, b)) {
        const auto cls = static_cast<TitleClass>(lx_.title_phrases[m->payload].target);
        const std::size_t e = j + m->length;
        if ((cls != TitleClass::office && cls != TitleClass::head) || e >= b || !namish(e)) return std::nullopt;
        return PortfolioTitle{e, m->payload};
      }
    }
    return std::nullopt;
  }
  std::optional<TokenTrie::Match> demonym_at(std::size_t i, std::size_t limit) const {
    if (!cap(i)) return std::nullopt;
    return match(lx_.demonyms, lx_.demonym_phrases, i, limit);
  }
  std::optional<TokenTrie::Match> suffix_at(std::size_t i, std::size_t limit) const {
    if (!cap(i)) return std::nullopt;
    return lx_.suffixes.longest(limit - i, [&](std::size_t k) { return lw(i + k); });
  }
  bool ends_with_suffix(std::size_t a, std::size_t b) const {
    for (auto k = b - 1; k > a && k + 3 >= b; --k)
      if (auto m = suffix_at(k, b); m && k + m->length == b) return true;
    return false;
  }
  bool head_of(std::size_t k, std::size_t b) const {
    auto m = suffix_at(k, b);
    return m && m->payload == 1 && k + m->length < b && (lw(k + m->length) == "of" || lw(k + m->length) == "for");
  }
  /// A head word inside the run before "of"/"for": "State Committee for National Security",
  /// "Court of Arbitration for Sport".
  bool inner_head(std::size_t a, std::size_t b) const {
    for (auto h = a; h + 1 < b; ++h)
      if (head_of(h, b)) return true;
    return false;
  }

  // ---- pass 1: candidates ----------------------------------------------------------------
  void find(const text::Sentence& s) {
    std::size_t i = s.first;
    while (i < s.last) {
      if (const std::size_t e = crowd(i, s.first, s.last); e != i) {
        i = e;
        continue;
      }
      if (!word(i)) {
        ++i;
        continue;
      }
      // A currency's prefix: "C$240 million", "US$11 million", "A$400 million".
      if (i + 1 < s.last && w(i).size() <= 3 && (doc_.tokens[i].shape & text::capitalized) && w(i + 1) == "$" &&
          !(doc_.tokens[i + 1].shape & text::space_before)) {
        i += 2;
        continue;
      }
      // A capital at a sentence start says nothing: "He met ...", "The bank said ..." are
      // pronouns and descriptions, not names.
      if (cap(i) && weak_[i] && (in(kPronouns, lw(i)) || ((lw(i) == "the" || lw(i) == "this" || lw(i) == "both") && i + 1 < s.last &&
                                                             word(i + 1) && !cap(i + 1)))) {
        i = lower(i, s.last);
        continue;
      }
      if (cap(i)) {
        i = run(i, s.last);
        continue;
      }
      if (auto m = name_at(i, s.last); m && !(i + m->length < s.last && cap(i + m->length))) {
        add_known(i, i + m->length, s.last);
        i += m->length;
        continue;
      }
      i = lower(i, s.last);
    }
  }

  /// A group described, not named, that acts as a clause's subject: "Thousands of people
  /// marched", "6,000 workers at the plant stopped work", "23 activists who had blocked the
  /// road", "Protesters now accuse ...", "Privacy campaigners said". With "the" it is a group
  /// named before ("the rebels"), which nominals.tsv resolves. Victims and objects ("killing
  /// 41 people", "hundreds of residents were evacuated") and sources ("officials said") are
  /// not actors. Returns the end of the phrase, or `i` when there is none.
  std::size_t crowd(std::size_t i, std::size_t sfirst, std::size_t send) {
    const auto& toks = doc_.tokens;
    std::size_t h = i;  // after the quantity
    if (toks[i].pos == Pos::cd) {
      // "2019 protesters" is a year before a noun, not a count.
      const auto t = w(i);
      if (t.size() == 4 && t.find_first_not_of("0123456789") == std::string_view::npos) return i;
      h = i + 1;
    } else if (in(kMultitudes, lw(i)) && i + 1 < send && lw(i + 1) == "of") {
      h = i + 2;
    } else if (!(toks[i].pos == Pos::nns || text::is_adjective(toks[i].pos) || toks[i].pos == Pos::nn ||
                 (weak_[i] && text::is_proper(toks[i].pos))) ||
               lw(i) == "people" || (cap(i) && !weak_[i])) {
      return i;
    }
    // The phrase opens a clause ("Protesters now accuse", "..., and 200 workers walked out"),
    // or a relative clause makes it a subject ("police detained 23 activists who had ...");
    // elsewhere it is an object or a complement ("told supporters in the capital that ...").
    const bool opens = clause_start(i, sfirst);
    // The agent of a passive: "stolen by hackers", "ambushed by gunmen".
    const bool by_agent = i >= sfirst + 2 && lw(i - 1) == "by" && toks[i - 2].pos == Pos::vbn;
    // "Kenyan police", "Nepali engineers": the demonym makes them part of a country (run()).
    if (h < send && demonym_at(h, send)) return i;
    // Up to two lower-case modifiers before the group noun: "40 jailed fighters".
    for (std::size_t b = h; b < send && b < h + 3 && word(b) && (b == i || !cap(b)); ++b) {
      if (auto g = lx_.groups.longest(send - b, [&](std::size_t k) { return lw(b + k); })) {
        const std::size_t last = b + g->length;
        if (g->payload != kCrowd || !(by_agent || active_subject(last, send, !opens))) return i;
        Candidate c;
        c.first = static_cast<std::uint32_t>(i);
        c.last = static_cast<std::uint32_t>(last);
        c.kind = CandKind::crowd;
        c.label_first = static_cast<std::uint32_t>(h);
        cands_.push_back(c);
        return last;
      }
      // Any plural noun WordNet files first as people: "Hundreds of depositors marched",
      // "Shuar leaders accused", "Lawyers filed".
      if (toks[b].pos == Pos::nns && !cap(b) &&
          lem_.sense_file(lem_.lemma(lw(b), text::Lemmatizer::Category::noun), text::Lemmatizer::Category::noun) ==
              kNounPerson) {
        if (!(by_agent || active_subject(b + 1, send, !opens))) return i;
        Candidate c;
        c.first = static_cast<std::uint32_t>(i);
        c.last = static_cast<std::uint32_t>(b + 1);
        c.kind = CandKind::crowd;
        c.label_first = static_cast<std::uint32_t>(h);
        cands_.push_back(c);
        return b + 1;
      }
      const Pos p = toks[b].pos;
      // A sentence's first word may be tagged a name: "Dairy exporters in France warned".
      if (!(text::is_adjective(p) || p == Pos::vbn || p == Pos::nn || (b == i && weak_[b] && text::is_proper(p))))
        break;
    }
    return i;
  }

  /// Whether token `i` opens a clause, after quantity words ("About 6,000 workers", "more
  /// than 200 people"): at the sentence start, after punctuation or a conjunction.
  bool clause_start(std::size_t i, std::size_t sfirst) const {
    std::size_t j = i;
    while (j > sfirst && in(kApproximators, lw(j - 1))) --j;
    if (j == sfirst) return true;
    // (A dash is tagged SYM: "EL FASHER, Sudan — Gunmen attacked".)
    return text::is_punct(doc_.tokens[j - 1].pos) || doc_.tokens[j - 1].kind == text::TokenKind::punct ||
           in(kClauseOpeners, lw(j - 1));
  }

  /// Whether the noun phrase ending before `k` is the subject of an active verb, after a
  /// prepositional phrase ("workers at the Ostrava plant stopped"), a relative pronoun
  /// ("activists who had blocked"), adverbs, modals and auxiliaries; not of a passive ("were
  /// evacuated"), a participle ("people killed in the quake") or a reporting verb.
  bool active_subject(std::size_t k, std::size_t send, bool relative_only) const {
    const auto& toks = doc_.tokens;
    if (relative_only) {
      if (k + 1 < send && lw(k) == "," && lw(k + 1) == "who") ++k;
      if (k >= send || lw(k) != "who") return false;
    }
    // "Soldiers and volunteers evacuated": past a coordinated group.
    if (k + 1 < send && lw(k) == "and")
      if (auto g = lx_.groups.longest(send - k - 1, [&](std::size_t j) { return lw(k + 1 + j); }); g && g->payload != kState)
        k += 1 + g->length;
    // "Officials from the ministry", "members of the union": the named body acts.
    if (k < send && (lw(k) == "from" || lw(k) == "of")) return false;
    if (k < send && (lw(k) == "at" || lw(k) == "in")) {
      // "Officials at the ministry", "analysts at the central bank": the body acts.
      const std::size_t o = k + 1 < send && lw(k + 1) == "the" ? k + 2 : k + 1;
      if (o < send && (institution_end(o, send) != o || (cap(o) && suffix_at(o, send)))) return false;
      std::size_t v = k + 1;
      while (v < send && v < k + 9 && !text::is_verb(toks[v].pos) && toks[v].pos != Pos::md && lw(v) != ",") ++v;
      k = v;
    }
    if (k + 1 < send && lw(k) == "," && lw(k + 1) == "who") ++k;
    if (k < send && lw(k) == "who") ++k;
    bool aux = false, be = false;
    while (k < send) {
      if (text::is_adverb(toks[k].pos) || toks[k].pos == Pos::md) {
        aux = aux || toks[k].pos == Pos::md;
        ++k;
      } else if (k + 1 < send && (in(kAuxBe, lw(k)) || in(kAuxHave, lw(k))) &&
                 (text::is_verb(toks[k + 1].pos) || text::is_adverb(toks[k + 1].pos))) {
        be = be || in(kAuxBe, lw(k));
        aux = true;
        ++k;
      } else {
        break;
      }
    }
    if (k >= send || in(kSubjectVerbs, lw(k)) || in(kBeliefVerbs, lw(k))) return false;
    switch (toks[k].pos) {
      case Pos::vbd:
      case Pos::vbz:
      case Pos::vbp: return !be;
      // A bare form after a plural subject is a present the tagger read as an infinitive
      // ("Protesters now accuse").
      case Pos::vb: return !be;
      case Pos::vbn: return aux && !be;
      case Pos::vbg: return be;  // "were marching", not "people fleeing the fighting"
      default: return false;
    }
  }

  /// A run of capitalised tokens (with inner connectors) starting at `a`; returns its end.
  std::size_t run(std::size_t a, std::size_t send) {
    std::size_t b = a;
    while (b < send) {
      if (cap(b)) {
        ++b;
        continue;
      }
      if (b > a && b + 1 < send && cap(b + 1) && connector(b) &&
          (lw(b) != "the" || lw(b - 1) == "of")) {
        ++b;
        continue;
      }
      // A plural possessive inside a name: "the Air Passengers' Association".
      if (b > a && b + 1 < send && lw(b) == "'" && cap(b + 1) && lw(b - 1).ends_with('s')) {
        ++b;
        continue;
      }
      break;
    }
    // A name an acronym in brackets spells is whole, and may hold other small words: "Front
    // for Renewal and Unity (FRU)", "Rally for a New Senegal (RNS)".
    const std::size_t first = lw(a) == "the" ? a + 1 : a;
    bool spelled = false;
    for (std::size_t e = b, words = 0; e < send && words < 10; ++e, ++words) {
      if (w(e) == "(") {
        if ((spelled = spelled_by_acronym(first, e))) b = e;
        break;
      }
      if (!cap(e) && !(word(e) && lw(e).size() <= 3)) break;
    }
    // A news agency credited in a dateline: "SYDNEY, March 14, 2024 (Meridian News) —".
    if (a > 0 && w(a - 1) == "(" && b + 1 < send && w(b) == ")" &&
        (w(b + 1) == "\xE2\x80\x94" || w(b + 1) == "\xE2\x80\x93" || w(b + 1) == "--" || w(b + 1) == "-"))
      return b;
    // A dateline's place in capitals at a line start ("KIRUNA, Sweden —", "PORT LOUIS —")
    // says where the story was filed, not who acted.
    if ((doc_.tokens[a].shape & text::line_start) && b < send &&
        (lw(b) == "," || lw(b) == "\xE2\x80\x94" || lw(b) == "-" || lw(b) == "--")) {
      bool caps = true;
      for (auto k = a; k < b; ++k) caps &= (doc_.tokens[k].shape & text::all_caps) != 0 && w(k).size() > 1;
      if (caps && !name_at(a, b)) return b;
    }
    if (auto whole = name_at(a, b); spelled && !(whole && a + whole->length == b)) {
      Candidate c;
      c.first = static_cast<std::uint32_t>(first);
      c.last = static_cast<std::uint32_t>(b);
      c.kind = CandKind::unknown;
      c.org_pattern = true;
      cands_.push_back(c);
      return b;
    }
    b = cut_run(a, b);
    std::size_t k = a;
    Candidate pending;
    std::size_t demonym_first = 0;
    bool demonym_last = false;
    while (k < b) {
      demonym_last = false;
      if (connector(k) || modifier(k)) {
        ++k;
        continue;
      }
      if (doc_.tokens[k].pos == Pos::dt || lw(k) == "the") {  // "The North", "The Pentagon", "The Bank of Japan"
        if (auto m = name_at(k, b); m && k + m->length == b) {
          add_known(k, b, send, &pending);
          k = b;
          break;
        }
        ++k;
        continue;
      }
      if (b - k >= 2 && (ends_with_suffix(k, b) || inner_head(k, b))) {
        auto m = name_at(k, b);
        if (m && k + m->length == b) {
          add_known(k, b, send, &pending);
        } else {
          Candidate c = pending;
          c.first = static_cast<std::uint32_t>(k);
          c.last = static_cast<std::uint32_t>(b);
          c.kind = CandKind::unknown;
          c.org_pattern = true;
          cands_.push_back(c);
        }
        k = b;
        break;
      }
      if (auto m = name_at(k, b)) {
        // A capital that is a first name: "Sofia Antunes", "Victoria Mensah" (a name word,
        // itself no gazetteer name or title, follows it in the run).
        const std::size_t e = k + m->length;
        if (lx_.name_phrases[m->payload].kind == NameKind::capital && e < b && !connector(e) && namish(e) &&
            !name_at(e, b) && !title_at(e, b) && !demonym_at(e, b)) {
          std::size_t x = e + 1;
          while (x < b && (particle(x, b) || (!connector(x) && namish(x) && !name_at(x, b) && !title_at(x, b)))) ++x;
          add_unknown(k, x, send, pending);
          pending = {};
          k = x;
          continue;
        }
        add_known(k, k + m->length, send, &pending);
        k += m->length;
        pending = {};
        continue;
      }
      if (auto m = title_at(k, b)) {
        pending.title = static_cast<std::int8_t>(lx_.title_phrases[m->payload].target);
        pending.title_first = static_cast<std::uint32_t>(k);
        pending.title_last = static_cast<std::uint32_t>(k + m->length);
        k += m->length;
        continue;
      }
      if (auto m = demonym_at(k, b)) {
        pending.country = lx_.demonym_phrases[m->payload].target;
        demonym_first = k;
        k += m->length;
        demonym_last = true;
        continue;
      }
      // A portfolio before a title: "Junior Oil Minister Kavita Deshmukh", "Mining Minister
      // Teodoro Vargas": up to three capitalised words, a title, then the name.
      if (auto t = portfolio_title(k, b)) {
        pending.title = static_cast<std::int8_t>(lx_.title_phrases[t->phrase].target);
        pending.title_first = static_cast<std::uint32_t>(k);
        pending.title_last = static_cast<std::uint32_t>(t->end);
        k = t->end;
        continue;
      }
      if (!namish(k)) {
        ++k;
        pending = {};
        continue;
      }
      std::size_t m = k + 1;
      while (m < b && (particle(m, b) || (!connector(m) && namish(m) && !name_at(m, b) && !title_at(m, b)))) ++m;
      add_unknown(k, m, send, pending);
      pending = {};
      k = m;
    }
    if (demonym_last) return after_demonym(demonym_first, b, send, pending.country);
    return b;
  }

  /// "Front for Renewal and Unity (FRU)", "Ministry of Industry and Trade (MoIT)",
  /// "Corporación Minera de Bolivia (COMIBOL)": the acronym in brackets right after the run
  /// spells it, so the run is one name, "and", "for" and "a" in it. Each capitalised word gives
  /// the acronym its initial and maybe more of its letters, in order; a lower-case word gives
  /// its initial or nothing (Schwartz & Hearst's test, made to cover every word).
  bool spelled_by_acronym(std::size_t a, std::size_t b) const {
    const auto& t = doc_.tokens;
    if (b + 2 >= t.size() || b - a < 2 || t[b].pos != Pos::punct_lrb || t[b + 2].pos != Pos::punct_rrb ||
        !cap(b + 1) || !cap(a))
      return false;
    const std::string_view acr = w(b + 1);
    std::size_t upper = 0;
    for (char c : acr) {
      if (!std::isalpha(static_cast<unsigned char>(c))) return false;
      upper += std::isupper(static_cast<unsigned char>(c)) != 0;
    }
    if (upper < 2 || acr.size() > 10) return false;
    const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    // Whether acr[ai..] is spelled by the words from k on.
    const auto spells = [&](const auto& self, std::size_t ai, std::size_t k) -> bool {
      if (k == b) return ai == acr.size();
      const std::string_view word = w(k);
      const bool optional = !cap(k);
      if (optional && self(self, ai, k + 1)) return true;
      if (ai == acr.size() || lower(word[0]) != lower(acr[ai])) return false;
      // The initial, then any further letters of the acronym found in order in the word.
      std::size_t next = ai + 1;
      if (self(self, next, k + 1)) return true;
      for (std::size_t j = 1; j < word.size() && next < acr.size(); ++j)
        if (lower(word[j]) == lower(acr[next]) && self(self, ++next, k + 1)) return true;
      return false;
    };
    return spells(spells, 0, a);
  }

  /// Where a run stops: at "and"/"&" unless the whole run is an organisation's name
  /// ("Securities and Exchange Commission"), at "of"/"for" unless an organisation word or a
  /// gazetteer name or title spans it ("Bank of Japan", "Secretary of State").
  std::size_t cut_run(std::size_t a, std::size_t b) const {
    auto whole = name_at(a, b);
    if (whole && a + whole->length == b) return b;
    const bool org = ends_with_suffix(a, b);
    for (auto k = a + 1; k < b; ++k) {
      if (!connector(k)) continue;
      auto c = lw(k);
      // "Ministry of Science and Education", "Ministry of Industry and Trade": a head and "of"
      // before, one word after; "Bank of America and Wells Fargo" are two.
      if ((c == "and" || c == "&") && !org && !(k + 2 == b && head_of(a, b))) return k;
      if (c != "of" && c != "for") continue;
      bool keep = false;
      for (auto h = a; h < k && !keep; ++h) {
        if (auto m = suffix_at(h, k); m && h + m->length == k) keep = true;
        if (auto m = name_at(h, b); m && h + m->length > k) keep = true;
        if (auto m = title_at(h, b); m && h + m->length > k) keep = true;
        if (h + 1 < k && head_of(h, b)) keep = true;  // "Court of Arbitration for Sport"
      }
      if (!keep) return k;
    }
    return b;
  }

  /// After a demonym ending a run: "Japanese nationals" (group), "the Japanese government".
  std::size_t after_demonym(std::size_t first, std::size_t b, std::size_t send,
                            std::uint32_t country) {
    if (b >= send || !word(b) || cap(b)) return b;
    if (const std::size_t e = institution_end(b, send); e != b) {
      add_institution(first, b, e, country);
      return e;
    }
    if (auto g = lx_.groups.longest(send - b, [&](std::size_t k) { return lw(b + k); })) {
      Candidate c;
      c.first = static_cast<std::uint32_t>(first);
      c.last = static_cast<std::uint32_t>(b + g->length);
      c.kind = CandKind::group;
      c.target = country;
      cands_.push_back(c);
      return c.last;
    }
    auto it = lx_.nominals.find(lw(b));
    if (it != lx_.nominals.end() &&
        std::find(it->second.types.begin(), it->second.types.end(), ActorType::country) !=
            it->second.types.end()) {
      Candidate c;
      c.first = static_cast<std::uint32_t>(first);
      c.last = static_cast<std::uint32_t>(b + 1);
      c.kind = CandKind::country_nominal;
      c.target = country;
      cands_.push_back(c);
      return c.last;
    }
    return b;
  }

  /// A state's institution starting at `b`, after up to two lower-case noun modifiers
  /// ("parliament", "the oil ministry", "health ministry"): its end, or `b` when there is none.
  /// Not a modifier itself: "the army chief", "parliament's speaker" is one ('s is no noun).
  std::size_t institution_end(std::size_t b, std::size_t send) const {
    for (std::size_t h = b; h < send && h <= b + 2 && word(h) && !cap(h); ++h) {
      if (auto g = lx_.groups.longest(send - h, [&](std::size_t k) { return lw(h + k); });
          g && g->payload == kState) {
        const std::size_t e = h + g->length;
        if (e < send && word(e) && !cap(e) && text::is_noun(doc_.tokens[e].pos) && lw(e) != "'s") return b;
        return e;
      }
      if (doc_.tokens[h].pos != Pos::nn) return b;
    }
    return b;
  }

  /// The institution at tokens [name, last), its mention starting at `first`, of `country`
  /// (kNoCountry: the article's).
  void add_institution(std::size_t first, std::size_t name, std::size_t last, std::uint32_t country) {
    Candidate c;
    c.first = static_cast<std::uint32_t>(first);
    c.last = static_cast<std::uint32_t>(last);
    c.kind = CandKind::institution;
    c.target = country;
    c.label_first = static_cast<std::uint32_t>(name);
    auto it = lx_.nominals.find(lw(last - 1));
    if (it != lx_.nominals.end()) c.nominal = &it->second;
    cands_.push_back(c);
  }

  void add_known(std::size_t a, std::size_t b, std::size_t send, const Candidate* pending = nullptr) {
    const auto& ph = lx_.name_phrases[lx_.names.longest(b - a, [&](std::size_t k) { return lw(a + k); })->payload];
    Candidate c = pending ? *pending : Candidate{};
    c.first = static_cast<std::uint32_t>(a);
    c.last = static_cast<std::uint32_t>(b);
    c.kind = CandKind::known;
    c.name_kind = ph.kind;
    c.target = ph.target;
    // "the Kim Jong-un regime": the leader's country.
    if (ph.kind == NameKind::leader && b < send && word(b)) {
      auto n = lw(b);
      if (n == "regime" || n == "government" || n == "administration") {
        c.kind = CandKind::country_nominal;
        c.target = lx_.leaders[ph.target].country;
        c.last = static_cast<std::uint32_t>(b + 1);
      }
    }
    cands_.push_back(c);
  }

  void add_unknown(std::size_t a, std::size_t b, std::size_t send, const Candidate& pending) {
    Candidate c = pending;
    c.first = static_cast<std::uint32_t>(a);
    c.last = static_cast<std::uint32_t>(b);
    c.kind = CandKind::unknown;
    if (a > 0 && word(a - 1) && in(kLocatives, lw(a - 1))) c.locative = true;
    // "Analysts at ING said": a body people work at, not a place.
    if (a > 1 && (lw(a - 1) == "at" || lw(a - 1) == "from") && lx_.members.contains(lw(a - 2))) {
      c.locative = false;
      c.employer = true;
    }
    // "in São Paulo and Rio de Janeiro": the place coordinated with a place is one too.
    if (a > 0 && (lw(a - 1) == "and" || lw(a - 1) == "or" || lw(a - 1) == ",") && !cands_.empty() &&
        cands_.back().last + 1 == a && cands_.back().locative)
      c.locative = true;
    // Not an adjective or a word ("the European agency", "a Kestrel court"), nor after "a"
    // ("a Cascais court" is a court in Cascais).
    if (b < send && word(b) && !cap(b) && text::is_noun(doc_.tokens[b].pos) && !common_word(lw(b - 1)) &&
        !(a > 0 && (lw(a - 1) == "a" || lw(a - 1) == "an"))) {
      auto it = lx_.nominals.find(lem_.lemma(lw(b), text::Lemmatizer::Category::noun));
      if (it != lx_.nominals.end()) c.described = &it->second;
    }
    if (b + 2 < send && w(b) == "," && doc_.tokens[b + 1].kind == text::TokenKind::number &&
        w(b + 2) == ",")
      c.age = true;
    std::size_t v = b;
    if (v < send && (lw(v) == "'s" || lw(v) == "'")) v = send;  // a possessive is no subject
    if (v < send && word(v)) {
      const auto p = doc_.tokens[v].pos;
      if (p == Pos::vbd || p == Pos::vbz || p == Pos::md || in(kSubjectVerbs, lw(v)))
        c.subject = true;
    }
    cands_.push_back(c);
  }

  /// Lower-case tokens: pronouns, "the company", "Japan's prime minister".
  std::size_t lower(std::size_t i, std::size_t send) {
    auto t = lw(i);
    static constexpr std::array kPerson = {"he"sv,  "him"sv, "his"sv,  "himself"sv,
                                           "she"sv, "her"sv, "hers"sv, "herself"sv};
    static constexpr std::array kThing = {"it"sv, "its"sv, "itself"sv};
    static constexpr std::array kPlural = {"they"sv, "them"sv, "their"sv, "themselves"sv};
    Candidate c;
    c.first = static_cast<std::uint32_t>(i);
    c.last = static_cast<std::uint32_t>(i + 1);
    c.kind = CandKind::pronoun;
    if (in(kPerson, t)) {
      c.pronoun = PronounClass::person;
      cands_.push_back(c);
      return i + 1;
    }
    if (in(kThing, t)) {
      if (t == "it" && pleonastic(i + 1, send)) return i + 1;
      c.pronoun = PronounClass::thing;
      cands_.push_back(c);
      return i + 1;
    }
    if (in(kPlural, t)) {
      c.pronoun = PronounClass::plural;
      cands_.push_back(c);
      return i + 1;
    }
    // "both governments", "the two companies", "the companies": a pair named before. ("sides"
    // after "Both" may be tagged as a verb.)
    if (const std::size_t h = t == "both" ? i + 1 : t == "the" && i + 1 < send && lw(i + 1) == "two" ? i + 2 : send;
        h < send && (doc_.tokens[h].pos == Pos::nns || (doc_.tokens[h].pos == Pos::vbz && t == "both")) &&
        !cap(h) && !(h + 1 < send && (lw(h + 1) == "of" || cap(h + 1)))) {
      c.kind = CandKind::pair;
      c.last = static_cast<std::uint32_t>(h + 1);
      auto it = lx_.nominals.find(lem_.lemma(lw(h), text::Lemmatizer::Category::noun));
      c.nominal = it == lx_.nominals.end() ? nullptr : &it->second;
      cands_.push_back(c);
      return c.last;
    }
    if (t == "the" && i + 1 < send && doc_.tokens[i + 1].pos == Pos::nns && !cap(i + 1) &&
        !(i + 2 < send && (lw(i + 2) == "of" || cap(i + 2)))) {
      auto it = lx_.nominals.find(lem_.lemma(lw(i + 1), text::Lemmatizer::Category::noun));
      c.last = static_cast<std::uint32_t>(i + 2);
      if (it != lx_.nominals.end()) {
        c.kind = CandKind::pair;
        c.nominal = &it->second;
      } else {
        c.kind = CandKind::group_ref;
      }
      cands_.push_back(c);
      return c.last;
    }
    // "the air force", "the foreign ministry", "passed by parliament": an institution of the
    // country the article is about, or the one named before with that head.
    if (t == "the" && i + 1 < send) {
      if (const std::size_t e = institution_end(i + 1, send); e != i + 1) {
        add_institution(i, i + 1, e, kNoCountry);
        return e;
      }
    } else if (i == 0 || text::is_punct(doc_.tokens[i - 1].pos) || doc_.tokens[i - 1].pos == Pos::in ||
               doc_.tokens[i - 1].pos == Pos::cc || doc_.tokens[i - 1].kind == text::TokenKind::punct) {
      if (auto g = lx_.groups.longest(send - i, [&](std::size_t k) { return lw(i + k); });
          g && g->payload == kState && institution_end(i, send) == i + g->length) {
        add_institution(i, i, i + g->length, kNoCountry);
        return i + g->length;
      }
    }
    if ((t == "the" || t == "this" || t == "that") && i + 1 < send) {
      std::size_t h = i + 1;
      if (auto m = lower_title_at(h, send); m && !(h + m->length < send && cap(h + m->length))) {
        c.kind = CandKind::title_ref;
        c.last = static_cast<std::uint32_t>(h + m->length);
        c.title_first = static_cast<std::uint32_t>(h);
        c.title_last = c.last;
        cands_.push_back(c);
        return c.last;
      }
      auto it = lx_.nominals.find(lw(h));
      const bool followed = h + 1 < send && (cap(h + 1) || lw(h + 1) == "of");
      if (it != lx_.nominals.end() && word(h) && !cap(h) && !followed) {
        c.kind = CandKind::nominal;
        c.last = static_cast<std::uint32_t>(h + 1);
        c.nominal = &it->second;
        cands_.push_back(c);
        return c.last;
      }
    }
    // "Japan's prime minister": a title after a possessive name.
    if (i >= 2 && (lw(i - 1) == "'s" || lw(i - 1) == "'") && !cands_.empty() &&
        cands_.back().last == i - 1) {
      // "Malawi's parliament", "India's oil ministry": the country's institution.
      if (const auto& p = cands_.back(); p.kind == CandKind::known &&
          (p.name_kind == NameKind::country || p.name_kind == NameKind::capital)) {
        if (const std::size_t e = institution_end(i, send); e != i) {
          const std::uint32_t owner = p.first, country = p.target;  // (push_back moves p)
          add_institution(i, i, e, country);
          cands_.back().owner_first = owner;
          return e;
        }
      }
      if (auto m = lower_title_at(i, send); m && !(i + m->length < send && cap(i + m->length))) {
        c.kind = CandKind::title_ref;
        c.last = static_cast<std::uint32_t>(i + m->length);
        c.title_first = static_cast<std::uint32_t>(i);
        c.title_last = c.last;
        if (cands_.back().kind == CandKind::known &&
            (cands_.back().name_kind == NameKind::country || cands_.back().name_kind == NameKind::capital))
          c.country = cands_.back().target;
        cands_.push_back(c);
        return c.last;
      }
    }
    return i + 1;
  }

  /// "it is time", "it seems": no referent.
  bool pleonastic(std::size_t j, std::size_t send) const {
    if (j >= send) return false;
    static constexpr std::array kVerbs = {"is"sv, "was"sv, "'s"sv, "seems"sv, "seemed"sv, "appears"sv,
                                          "appeared"sv, "takes"sv, "took"sv, "remains"sv};
    if (in(kVerbs, lw(j))) return true;
    // "it would be hard", "it will take weeks", but "it would close the border" has a referent.
    static constexpr std::array kAfterModal = {"be"sv, "seem"sv, "appear"sv, "take"sv, "remain"sv};
    return (lw(j) == "would" || lw(j) == "will") && j + 1 < send && in(kAfterModal, lw(j + 1));
  }

  // ---- between the passes ----------------------------------------------------------------
  void count_names() {
    // The article's country: the one named most, by name, capital or adjective ("Latvian
    // diplomats"); the dateline's ("RIGA, Feb. 21 —") wins a tie, then the first named. A
    // dateline or a venue alone does not make it: talks on Colombia held in Oslo.
    std::unordered_map<std::uint32_t, std::uint32_t> named;
    std::uint32_t best = 0;
    home_country_ = kNoCountry;
    for (const auto& c : cands_) {
      const bool by_name =
          c.kind == CandKind::known && (c.name_kind == NameKind::country || c.name_kind == NameKind::capital);
      const bool by_adjective = (c.kind == CandKind::group || c.kind == CandKind::country_nominal ||
                                 c.kind == CandKind::institution) && c.target != kNoCountry;
      if (!by_name && !by_adjective) continue;
      const auto si = doc_.tokens[c.first].sentence;
      const bool dateline = by_name && si < 3 && text::dateline_body(doc_, doc_.sentences[si]) > c.first;
      // "talks in Oslo" places an event; it does not make the article Norway's.
      const bool place = by_name && c.name_kind == NameKind::capital && c.first > 0 && in(kLocatives, lw(c.first - 1));
      if (const auto n = named[c.target] += dateline ? 3 : place ? 1 : 2; n > best) {
        best = n;
        home_country_ = c.target;
      }
    }
    for (const auto& c : cands_) {
      if (c.kind == CandKind::known &&
          (c.name_kind == NameKind::country || c.name_kind == NameKind::capital))
        named_countries_.insert(c.target);
      if (c.kind != CandKind::unknown) continue;
      auto key = Span{doc_.tokens[c.first].span.begin, doc_.tokens[c.last - 1].span.end}.of(doc_.lower);
      auto& n = counts_[key];
      ++n.total;
      n.locative += c.locative;
    }
  }

  // ---- pass 2: resolution ----------------------------------------------------------------
  std::string key_of(std::uint32_t a, std::uint32_t b) const {
    return std::string(Span{doc_.tokens[a].span.begin, doc_.tokens[b - 1].span.end}.of(doc_.lower));
  }
  std::string text_of(std::uint32_t a, std::uint32_t b) const {
    return std::string(Span{doc_.tokens[a].span.begin, doc_.tokens[b - 1].span.end}.of(doc_.text));
  }

  std::size_t actor(const std::string& label, ActorType type, bool plural = false) {
    auto id = actor_id(label);
    if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
    Actor a;
    a.id = std::move(id);
    a.label = label;
    a.type = type;
    a.plural = plural;
    by_id_.emplace(a.id, actors_.size());
    actors_.push_back(std::move(a));
    info_.emplace_back();
    return actors_.size() - 1;
  }

  std::size_t country_actor(std::uint32_t c) {
    auto a = actor(lx_.countries[c], ActorType::country);
    info_[a].lex_country = c;
    return a;
  }

  /// The country's actor when the document names the country, for part_of.
  std::optional<std::size_t> named_country(std::uint32_t c) {
    if (c == kNoCountry || !named_countries_.contains(c)) return std::nullopt;
    return country_actor(c);
  }

  void mention(const Candidate& c, std::size_t a, MentionKind kind) {
    Mention m;
    m.first = c.first;
    m.last = c.last;
    m.span = Span{doc_.tokens[c.first].span.begin, doc_.tokens[c.last - 1].span.end};
    m.actor = a;
    m.kind = kind;
    if (kind == MentionKind::pronoun) {
      auto t = lw(c.first);
      m.possessive = t == "its" || t == "his" || t == "their" || t == "her";
    } else if (c.last < doc_.tokens.size()) {
      auto n = lw(c.last);
      m.possessive = n == "'s" || (n == "'" && doc_.tokens[c.last].pos == Pos::pos);
    }
    if (kind == MentionKind::name) {
      auto text = std::string(m.span.of(doc_.text));
      auto& al = actors_[a].aliases;
      if (std::find(al.begin(), al.end(), text) == al.end()) al.push_back(std::move(text));
    }
    info_[a].last_mention = mentions_.size();
    ++info_[a].mentions;
    mentions_.push_back(m);
    if (kind == MentionKind::name && actors_[a].type == ActorType::person && info_[a].title_key.empty())
      appositive_title(c.first, c.last, a);
  }

  /// A title in apposition to a person's name gives the person that title, so "the mayor"
  /// later is the person: "The mayor of Belokamen, Stoyan Petrov, was arrested", "Ivan Dimov,
  /// the governor of the province, resigned", "Sunita Karki, Nepal's foreign minister".
  void appositive_title(std::size_t first, std::size_t last, std::size_t a) {
    const auto s = doc_.tokens[first].sentence;
    const std::size_t sfirst = doc_.sentences[s].first, send = doc_.sentences[s].last;
    static constexpr std::array kDeterminers = {"the"sv, "a"sv, "an"sv, "its"sv, "his"sv, "her"sv, "their"sv, "'s"sv};
    static constexpr std::array kFormer = {"former"sv, "then"sv, "acting"sv, "new"sv, "outgoing"sv, "interim"sv};
    // The title's phrase ends at the comma before the name: "of the Bulgarian town of X".
    auto complement_only = [&](std::size_t b, std::size_t e) {
      if (b == e) return true;
      if (lw(b) != "of" && lw(b) != "for" && lw(b) != "at" && lw(b) != "in") return false;
      for (auto k = b; k < e; ++k)
        if (text::is_verb(doc_.tokens[k].pos) || lw(k) == "," || lw(k) == "and") return false;
      return true;
    };
    auto title_after = [&](std::size_t k) -> std::optional<std::pair<std::size_t, std::size_t>> {
      if (k < send && in(kFormer, lw(k))) ++k;
      if (k >= send) return std::nullopt;
      auto m = lower_title_at(k, send);
      if (!m) return std::nullopt;
      return std::pair{k, k + m->length};
    };
    std::optional<std::pair<std::size_t, std::size_t>> t;
    // Before: "[the] TITLE [of ...], NAME".
    if (first >= sfirst + 2 && lw(first - 1) == ",") {
      for (std::size_t k = first - 1; k-- > sfirst && k + 14 > first && !t;) {
        if (!(in(kDeterminers, lw(k)) || k == sfirst)) continue;
        const std::size_t h = in(kDeterminers, lw(k)) ? k + 1 : k;
        if (auto x = title_after(h); x && complement_only(x->second, first - 1)) t = x;
      }
    }
    // After: "NAME, [the] TITLE [of ...][,.]".
    if (!t && last + 1 < send && lw(last) == ",") {
      std::size_t k = last + 1;
      if (in(kDeterminers, lw(k))) ++k;
      else if (k + 2 < send && doc_.tokens[k].pos == Pos::nnp && lw(k + 1) == "'s") k += 2;  // "Nepal's"
      t = title_after(k);
    }
    if (!t) return;
    auto key = key_of(static_cast<std::uint32_t>(t->first), static_cast<std::uint32_t>(t->second));
    auto& holders = titled_[key];
    if (std::find(holders.begin(), holders.end(), a) == holders.end()) holders.push_back(a);
    info_[a].title_key = std::move(key);
  }

  void alias(const std::string& key, std::size_t a) { aliases_[key] = a; }

  /// Surname and given name of a multi-token person name, so "Abe" finds "Shinzo Abe".
  void name_parts(const Candidate& c, std::size_t a) {
    alias(key_of(c.first, c.last), a);
    if (c.last - c.first < 2) return;
    alias(std::string(lw(c.last - 1)), a);
    // A person's given name names them too where no one else holds it as a name ("Bounmy" after
    // "Bounmy Vongsa": Lao, Thai and Icelandic usage; a Korean or Chinese family name).
    if (actors_[a].type != ActorType::person || !aliases_.contains(std::string(lw(c.first))))
      alias(std::string(lw(c.first)), a);
    // "Oro del Sur Trading" is later "Oro del Sur": the name without its company word.
    if (c.org_pattern && c.last - c.first >= 3 && ends_with_suffix(c.first, c.last))
      alias(key_of(c.first, c.last - 1), a);
  }

  /// "the European Central Bank (ECB)": the acronym names the same actor from now on.
  void acronym(const Candidate& c, std::size_t a) {
    auto l = c.last;
    if (l + 2 >= doc_.tokens.size()) return;
    if (doc_.tokens[l].pos != Pos::punct_lrb || doc_.tokens[l + 2].pos != Pos::punct_rrb) return;
    if (!(doc_.tokens[l + 1].shape & text::all_caps) && !spelled_by_acronym(c.first, l)) return;
    alias(std::string(lw(l + 1)), a);
  }

  void note_description(const Candidate& c, std::size_t a) {
    auto& d = info_[a].described;
    if (c.described && std::find(d.begin(), d.end(), c.described) == d.end()) d.push_back(c.described);
  }

  void note_title(const Candidate& c, std::size_t a) {
    if (c.title < 0 || actors_[a].type != ActorType::person) return;
    auto t = static_cast<TitleClass>(c.title);
    if (t == TitleClass::honorific) return;
    auto key = key_of(c.title_first, c.title_last);
    if (info_[a].title_key == key) return;
    auto& holders = titled_[key];
    if (std::find(holders.begin(), holders.end(), a) == holders.end()) holders.push_back(a);
    info_[a].title_key = std::move(key);
    if (c.country != kNoCountry) info_[a].country = c.country;
  }

  void resolve() {
    for (const auto& c : cands_) {
      switch (c.kind) {
        case CandKind::known: resolve_known(c); break;
        case CandKind::unknown: resolve_unknown(c); break;
        case CandKind::group: resolve_group(c); break;
        case CandKind::crowd: resolve_crowd(c); break;
        case CandKind::country_nominal: mention(c, country_actor(c.target), MentionKind::nominal); break;
        case CandKind::title_ref: resolve_title(c); break;
        case CandKind::pronoun: resolve_pronoun(c); break;
        case CandKind::nominal: resolve_nominal(c); break;
        case CandKind::pair: resolve_pair(c); break;
        case CandKind::group_ref: resolve_group_ref(c); break;
        case CandKind::institution: resolve_institution(c); break;
      }
    }
  }

  void resolve_known(const Candidate& c) {
    std::size_t a = 0;
    switch (c.name_kind) {
      case NameKind::country:
      case NameKind::capital:
        a = country_actor(c.target);
        break;
      case NameKind::contextual:
        if (!named_countries_.contains(c.target)) return;
        a = country_actor(c.target);
        break;
      case NameKind::organization: {
        const auto& o = lx_.organizations[c.target];
        a = actor(o.label, o.type);
        if (auto p = named_country(o.country)) actors_[a].part_of = *p;
        break;
      }
      case NameKind::leader: {
        const auto& l = lx_.leaders[c.target];
        a = actor(l.label, ActorType::person);
        info_[a].country = l.country;
        name_parts(c, a);
        break;
      }
    }
    note_title(c, a);
    acronym(c, a);
    mention(c, a, MentionKind::name);
  }

  void resolve_unknown(const Candidate& c) {
    // "the Central Bank Act": a law or a treaty, no actor.
    if (c.last - c.first >= 2 && lx_.instruments.contains(lw(c.last - 1))) return;
    auto key = key_of(c.first, c.last);
    if (auto it = aliases_.find(key); it != aliases_.end()) {
      note_title(c, it->second);
      note_description(c, it->second);
      acronym(c, it->second);
      mention(c, it->second, MentionKind::name);
      return;
    }
    // A short form before the full name, as in a headline: "Larkspur Home files for
    // bankruptcy" over "Larkspur Home Stores, the US chain, filed ...".
    if (const Candidate* full = full_name_later(c, key)) {
      auto a = actor(text_of(full->first, full->last), ActorType::organization);
      name_parts(*full, a);
      mention(c, a, MentionKind::name);
      return;
    }
    auto type = unknown_type(c, key);
    if (!type) return;
    auto a = actor(text_of(c.first, c.last), *type);
    name_parts(c, a);
    note_title(c, a);
    note_description(c, a);
    acronym(c, a);
    mention(c, a, MentionKind::name);
  }

  /// A later company name that is this name and a company word ("Larkspur Home Stores" for
  /// "Larkspur Home"), as name_parts() would alias it.
  const Candidate* full_name_later(const Candidate& c, const std::string& key) const {
    const std::size_t len = c.last - c.first;
    for (const Candidate& d : cands_) {
      if (d.first <= c.first || d.kind != CandKind::unknown || !d.org_pattern || d.last - d.first != len + 1 ||
          len < 2 || !ends_with_suffix(d.first, d.last))
        continue;
      if (key_of(d.first, d.last - 1) == key) return &d;
    }
    return nullptr;
  }

  /// The type of a name no list knows, or nothing when the evidence is too thin (a place, a
  /// word capitalised for emphasis).
  std::optional<ActorType> unknown_type(const Candidate& c, const std::string& key) const {
    if (c.org_pattern) return ActorType::organization;
    if (c.title >= 0) return ActorType::person;
    if (c.age) return ActorType::person;
    if (model_name(c)) return std::nullopt;
    if (c.employer) return ActorType::organization;
    // "the KOVO union", "the Orbita fund": the description types the name.
    if (c.described) {
      for (auto t : {ActorType::organization, ActorType::group, ActorType::government})
        if (std::find(c.described->types.begin(), c.described->types.end(), t) != c.described->types.end())
          return t == ActorType::government ? ActorType::organization : t;
    }
    const auto& n = counts_.at(key);
    const bool place = n.locative * 2 > n.total;
    const std::size_t len = c.last - c.first;
    if (len >= 2) {
      if (place) return std::nullopt;
      return len <= 3 ? ActorType::person : ActorType::organization;
    }
    if (place) return std::nullopt;
    if (c.subject || n.total >= 2) return ActorType::organization;
    return std::nullopt;
  }

  /// A product's name, not a maker's: a model number after the name ("Airbus A330-200",
  /// "Vickers VC-10", "Boreal-1") or alone ("A380"). Letters then digits make a model; a
  /// name led by digits ("3M") is a company's, and the gazetteer knows "G20".
  bool model_name(const Candidate& c) const {
    auto mixed = [](std::string_view t) {
      return t.find_first_of("0123456789") != std::string_view::npos &&
             t.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != std::string_view::npos;
    };
    auto model = [](std::string_view t) {  // "A380", "VC-10", "B-52": letters, then digits
      std::size_t k = 0;
      while (k < t.size() && std::isalpha(static_cast<unsigned char>(t[k]))) ++k;
      if (k == 0 || k == t.size()) return false;
      if (t[k] == '-') ++k;
      return k < t.size() && t.find_first_not_of("0123456789-", k) == std::string_view::npos;
    };
    if (c.last - c.first == 1) return model(w(c.first));
    for (auto k = c.first + 1; k < c.last; ++k)
      if (mixed(w(k))) return true;
    return false;
  }

  void resolve_group(const Candidate& c) {
    auto a = actor(text_of(c.first, c.last), ActorType::group, /*plural=*/true);
    if (auto p = named_country(c.target)) actors_[a].part_of = *p;
    mention(c, a, MentionKind::name);
  }

  /// "6,000 workers": a group known by its description, labelled without the quantity and
  /// in lower case ("Protesters" at a sentence start is "protesters").
  void resolve_crowd(const Candidate& c) {
    auto a = actor(key_of(c.label_first, c.last), ActorType::group, /*plural=*/true);
    actors_[a].generic = true;
    mention(c, a, MentionKind::name);
  }

  /// A one-word name met before the full one ("Ndour" in the headline, "Abdou Karim Ndour"
  /// below; "Pacifica" and "Pacifica Air"): when exactly one longer name of a person ends with
  /// it, or of anything else begins with it, the short form's mentions are that actor's (a
  /// short form the text typed as a person joins only a person).
  void merge_short_forms() {
    // Each multi-word name under the word a short form would be: a person's last, anything
    // else's first. One pass to index, one to look up: linear in the actors.
    std::unordered_map<std::string, std::vector<std::size_t>> persons, others;
    for (std::size_t b = 0; b < actors_.size(); ++b) {
      const Actor& y = actors_[b];
      const auto sp = y.label.find(' ');
      if (y.generic || sp == std::string::npos) continue;
      if (y.type == ActorType::person)
        persons[ascii_lower(std::string_view(y.label).substr(y.label.rfind(' ') + 1))].push_back(b);
      else
        others[ascii_lower(std::string_view(y.label).substr(0, sp))].push_back(b);
    }
    std::vector<std::size_t> into(actors_.size());
    bool any = false;
    for (std::size_t a = 0; a < actors_.size(); ++a) {
      into[a] = a;
      const Actor& x = actors_[a];
      if (x.generic || x.label.find(' ') != std::string::npos || x.type == ActorType::country ||
          x.type == ActorType::government || x.type == ActorType::group)
        continue;
      const std::string word = ascii_lower(x.label);
      std::vector<std::size_t> fits;
      for (const auto* index : {&persons, &others}) {
        if (x.type == ActorType::person && index == &others) continue;
        if (auto it = index->find(word); it != index->end()) fits.insert(fits.end(), it->second.begin(), it->second.end());
      }
      if (fits.size() == 1) {
        into[a] = fits[0];
        any = true;
      }
    }
    if (!any) return;
    for (auto& m : mentions_) {
      m.actor = into[m.actor];
      if (m.partner) m.partner = into[*m.partner];
    }
    for (std::size_t a = 0; a < actors_.size(); ++a)
      if (into[a] != a)
        for (auto& al : actors_[a].aliases) {
          auto& to = actors_[into[a]].aliases;
          if (std::find(to.begin(), to.end(), al) == to.end()) to.push_back(al);
        }
    // Drop the merged actors and renumber the rest.
    std::vector<std::size_t> index(actors_.size());
    std::vector<Actor> kept;
    for (std::size_t a = 0; a < actors_.size(); ++a) {
      index[a] = kept.size();
      if (into[a] == a) kept.push_back(std::move(actors_[a]));
    }
    for (auto& m : mentions_) {
      m.actor = index[m.actor];
      if (m.partner) m.partner = index[*m.partner];
    }
    for (std::size_t k = 0; k < kept.size(); ++k)
      if (kept[k].part_of) {
        const std::size_t to = index[into[*kept[k].part_of]];
        kept[k].part_of = to == k ? std::nullopt : std::optional(to);
      }
    actors_ = std::move(kept);
  }

  /// "the minister": the most recently mentioned person introduced with that title (and of
  /// that country when the phrase names one). Looks only at the actors that had the title, not
  /// back through every mention, so a long document stays linear.
  void resolve_title(const Candidate& c) {
    auto it = titled_.find(key_of(c.title_first, c.title_last));
    if (it == titled_.end()) return;
    std::optional<std::size_t> best;
    for (auto a : it->second) {
      const auto& inf = info_[a];
      if (inf.title_key != it->first || inf.last_mention == kNever) continue;
      if (c.country != kNoCountry && inf.country != c.country) continue;
      if (!best || inf.last_mention > info_[*best].last_mention) best = a;
    }
    if (best) mention(c, *best, MentionKind::nominal);
  }

  /// Of the actors passing `ok` named in the last few sentences, the one the text has named
  /// most (the most recent of equals): "the company" in a story about Larkspur that has just
  /// quoted its buyer is still Larkspur.
  template <class Ok>
  std::optional<std::size_t> salient(const Candidate& c, std::uint32_t sentences, Ok ok) const {
    const auto s = doc_.tokens[c.first].sentence;
    std::optional<std::size_t> best;
    for (auto m = mentions_.rbegin(); m != mentions_.rend(); ++m) {
      if (doc_.tokens[m->first].sentence + sentences < s) break;
      if (ok(actors_[m->actor]) && (!best || info_[m->actor].mentions > info_[*best].mentions)) best = m->actor;
    }
    return best;
  }

  /// Most recent mention, within the last few sentences, whose actor passes `ok`.
  template <class Ok>
  std::optional<std::size_t> recent(const Candidate& c, std::uint32_t sentences, Ok ok) const {
    const auto s = doc_.tokens[c.first].sentence;
    for (auto m = mentions_.rbegin(); m != mentions_.rend(); ++m) {
      if (doc_.tokens[m->first].sentence + sentences < s) break;
      if (ok(actors_[m->actor])) return m->actor;
    }
    return std::nullopt;
  }

  /// Whether the mention at tokens [first, last) is a clause's subject: a verb follows it
  /// (after adverbs and modals), or ", which"/", who" opens a relative clause on it.
  bool subject_at(std::size_t first, std::size_t last) const {
    const auto& toks = doc_.tokens;
    if (first > 0 && toks[first - 1].pos == Pos::in) return false;
    std::size_t k = last;
    if (k < toks.size() && lw(k) == "(") {  // "The Union (RWDSU) said"
      while (k < toks.size() && k < last + 6 && lw(k) != ")") ++k;
      ++k;
    }
    while (k < toks.size() && (text::is_adverb(toks[k].pos) || toks[k].pos == Pos::md)) ++k;
    if (k >= toks.size()) return false;
    if (text::is_verb(toks[k].pos)) return true;
    return lw(k) == "," && k + 1 < toks.size() && (lw(k + 1) == "which" || lw(k + 1) == "who");
  }
  bool subject_pronoun(const Candidate& c) const { return subject_at(c.first, c.last); }

  /// Most recent subject mention, within the last few sentences, whose actor passes `ok`.
  template <class Ok>
  std::optional<std::size_t> recent_subject(const Candidate& c, std::uint32_t sentences, Ok ok) const {
    const auto s = doc_.tokens[c.first].sentence;
    for (auto m = mentions_.rbegin(); m != mentions_.rend(); ++m) {
      if (doc_.tokens[m->first].sentence + sentences < s) break;
      if (m->possessive || !ok(actors_[m->actor])) continue;
      if (subject_at(m->first, m->last)) return m->actor;
    }
    return std::nullopt;
  }

  void resolve_pronoun(const Candidate& c) {
    std::optional<std::size_t> a;
    switch (c.pronoun) {
      case PronounClass::person:
        a = recent(c, 2, [](const Actor& x) { return x.type == ActorType::person; });
        break;
      case PronounClass::thing: {
        auto fits = [](const Actor& x) {
          return !x.plural && (x.type == ActorType::organization || x.type == ActorType::country ||
                               x.type == ActorType::government);
        };
        // "it" as a subject prefers the latest subject: in "Oslo accused Reykjavik of
        // overfishing, and in 2013 it barred ...", "it" is Oslo.
        if (subject_pronoun(c)) a = recent_subject(c, 2, fits);
        if (!a) a = recent(c, 2, fits);
        break;
      }
      case PronounClass::plural:
        if (auto p = recent_pair(c, 2, true, nullptr)) {
          mention(c, p->first, MentionKind::pronoun);
          mentions_.back().partner = p->second;
          return;
        }
        a = recent(c, 2, [](const Actor& x) {
          return x.plural || x.type == ActorType::organization || x.type == ActorType::country ||
                 x.type == ActorType::government || x.type == ActorType::group;
        });
        break;
    }
    if (a) mention(c, *a, MentionKind::pronoun);
  }

  /// The two actors of the latest "X and Y" within `sentences` (descriptors may sit before Y:
  /// "X and Germany's Y"). With `latest`, Y must be the last name mentioned, as a pronoun needs;
  /// a description ("both governments") may look further back for a pair of its types.
  std::optional<std::pair<std::size_t, std::size_t>> recent_pair(const Candidate& c, std::uint32_t sentences,
                                                                 bool latest, const Nominal* n) const {
    const auto s = doc_.tokens[c.first].sentence;
    auto fits = [&](std::size_t a) {
      const auto t = actors_[a].type;
      if (n) return std::find(n->types.begin(), n->types.end(), t) != n->types.end();
      return t == ActorType::organization || t == ActorType::country || t == ActorType::government ||
             t == ActorType::group || t == ActorType::person;
    };
    for (auto m = mentions_.rbegin(); m != mentions_.rend(); ++m) {
      if (doc_.tokens[m->first].sentence + sentences < s) break;
      if (m->kind == MentionKind::name && m->possessive) continue;  // "Germany's" before "Brenner"
      if (m->kind != MentionKind::name) {
        if (latest) return std::nullopt;
        continue;
      }
      // A subject pronoun prefers a subject: "X and Y met in Lima. They ..." skips "Lima".
      if (latest && m->first > 0 && doc_.tokens[m->first - 1].pos == Pos::in) continue;
      // Walk left over Y's descriptors to "and".
      std::size_t j = m->first;
      auto prev = std::next(m);
      while (j > 0) {
        const auto k = j - 1;
        if (prev != mentions_.rend() && prev->last == j && prev->possessive && prev->kind == MentionKind::name) {
          j = prev->first;
          ++prev;
          continue;
        }
        const auto p = doc_.tokens[k].pos;
        if (p == Pos::dt || p == Pos::pos || p == Pos::jj || p == Pos::nn || p == Pos::nns) {
          j = k;
          continue;
        }
        break;
      }
      // X may be a possessive before its head noun: "Colombia's government and the Frente".
      std::size_t x_end = j > 0 ? j - 1 : 0;
      if (prev != mentions_.rend() && prev->possessive && prev->kind == MentionKind::name && x_end >= 2 &&
          doc_.tokens[x_end - 1].pos == Pos::nn && (lw(x_end - 2) == "'s" || lw(x_end - 2) == "'"))
        x_end -= 2;
      const bool pair = j > 0 && lw(j - 1) == "and" && prev != mentions_.rend() && prev->last == x_end &&
                        prev->kind != MentionKind::pronoun && prev->actor != m->actor && !prev->partner &&
                        fits(prev->actor) && fits(m->actor);
      if (pair) return std::pair(prev->actor, m->actor);
      if (latest) return std::nullopt;
    }
    return std::nullopt;
  }

  void resolve_pair(const Candidate& c) {
    auto p = recent_pair(c, 4, false, c.nominal);
    if (!p) return;
    mention(c, p->first, MentionKind::nominal);
    mentions_.back().partner = p->second;
  }

  void resolve_nominal(const Candidate& c) {
    const auto& n = *c.nominal;
    auto a = salient(c, 8, [&](const Actor& x) {
      if (std::find(n.types.begin(), n.types.end(), x.type) == n.types.end()) return false;
      // "the union" is the actor whose name holds "Union", or that the text called a union;
      // an actor the text called a union is no "company".
      const auto& d = info_[static_cast<std::size_t>(&x - actors_.data())].described;
      if (std::find(d.begin(), d.end(), &n) != d.end()) return true;
      if (n.label_word.empty()) return d.empty();
      return x.label.find(n.label_word) != std::string::npos;
    });
    if (a) mention(c, *a, MentionKind::nominal);
  }

  /// A state's institution, labelled with its country's adjective ("Malawi's parliament",
  /// "the Malawian parliament": "Malawian parliament"). Without a country ("the ministry",
  /// "the foreign ministry") it is the institution named before whose label ends so, else an
  /// organisation the head noun describes ("the ministry" after "Ministry of Health"), else the
  /// article's country's.
  /// "Malawian", or the country's name where demonyms.tsv gives no adjective.
  std::string adjective(std::uint32_t country) const {
    return lx_.adjective_of[country].empty() ? lx_.countries[country] : lx_.adjective_of[country];
  }

  void resolve_institution(const Candidate& c) {
    const std::string what = key_of(c.label_first, c.last);
    std::uint32_t country = c.target;
    // "the Qatari ministry" after "the Qatari foreign ministry"; "the coast guard" after "the
    // Philippine Coast Guard": the body named before whose label ends so (of the country given).
    // (Bare: the name is a groups.tsv row itself, no modifier before it.)
    const auto row = lx_.groups.longest(c.last - c.label_first, [&](std::size_t k) { return lw(c.label_first + k); });
    if (row && row->length == c.last - c.label_first) {
      const std::string prefix = country == kNoCountry ? std::string() : adjective(country) + " ";
      auto ends_with_what = [&](const Actor& x) {
        const std::string_view l = x.label;
        if (x.type == ActorType::country || x.type == ActorType::person || l.size() <= what.size() ||
            l[l.size() - what.size() - 1] != ' ' || ascii_lower(l.substr(l.size() - what.size())) != what)
          return false;
        return country == kNoCountry ||
               (info_[static_cast<std::size_t>(&x - actors_.data())].institution && l.starts_with(prefix));
      };
      if (auto a = recent(c, 1'000'000, ends_with_what)) {
        mention(c, *a, MentionKind::nominal);
        return;
      }
    }
    if (country == kNoCountry) {
      if (c.nominal) {  // "the central bank" after "the Bank of Ghana"
        const auto& n = *c.nominal;
        auto a = salient(c, 8, [&](const Actor& x) {
          return !info_[static_cast<std::size_t>(&x - actors_.data())].institution && !n.label_word.empty() &&
                 x.label.find(n.label_word) != std::string::npos &&
                 std::find(n.types.begin(), n.types.end(), x.type) != n.types.end();
        });
        if (a) {
          mention(c, *a, MentionKind::nominal);
          return;
        }
      }
      country = home_country_;
    }
    const std::string label = country == kNoCountry ? what : adjective(country) + " " + what;
    auto a = actor(label, ActorType::group);
    info_[a].institution = true;
    if (c.owner_first < c.first) {  // "Poland's foreign ministry" names it too
      auto owned = text_of(c.owner_first, c.last);
      auto& al = actors_[a].aliases;
      if (std::find(al.begin(), al.end(), owned) == al.end()) al.push_back(std::move(owned));
    }
    if (country == kNoCountry) actors_[a].generic = true;
    else if (auto p = named_country(country)) actors_[a].part_of = *p;
    mention(c, a, MentionKind::name);
  }

  /// "Three Nepali engineers ... the engineers": a plural noun after "the" refers back to the
  /// group last named with that head noun, within a few sentences; else it names nobody.
  void resolve_group_ref(const Candidate& c) {
    const std::string_view head = lw(c.first + 1);
    auto a = recent(c, 6, [&](const Actor& x) {
      if (x.type != ActorType::group || x.label.size() < head.size()) return false;
      const std::string_view l = x.label;
      const auto tail = l.substr(l.size() - head.size());
      return (l.size() == head.size() || l[l.size() - head.size() - 1] == ' ') &&
             std::equal(tail.begin(), tail.end(), head.begin(), [](char p, char q) {
               return std::tolower(static_cast<unsigned char>(p)) == q;
             });
    });
    if (a) mention(c, *a, MentionKind::nominal);
  }

  struct Count {
    std::uint32_t total = 0, locative = 0;
  };

  const Lexicon& lx_;
  const text::Lemmatizer& lem_;
  const text::Document& doc_;
  std::vector<bool> weak_;
  std::unordered_set<std::string_view> cap_mid_;
  std::vector<Candidate> cands_;
  std::unordered_map<std::string_view, Count> counts_;
  std::unordered_set<std::uint32_t> named_countries_;
  std::uint32_t home_country_ = kNoCountry;  ///< the country the article is about
  std::vector<Actor> actors_;
  std::vector<ActorInfo> info_;
  std::vector<Mention> mentions_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> aliases_;
  std::unordered_map<std::string, std::vector<std::size_t>> titled_;  ///< title key → persons given it
};

}  // namespace

Result Recognizer::recognize(const text::Document& doc) const {
  return Pass(impl_->lx, impl_->lemmatizer, doc).run();
}

}  // namespace annals::actors
