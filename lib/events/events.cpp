#include "events/events.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/table.h"
#include "core/token_trie.h"
#include "core/word_hash.h"

namespace annals::events {
namespace {

using text::Pos;

using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

/// How a trigger's syntactic slots map to roles.
struct Frame {
  Role subj = Role::agent;
  Role obj = Role::patient;
  bool no_obj = false;  ///< "obj=none": the object is what was said, not a participant
  Role poss = Role::agent;
  std::map<std::string, Role, std::less<>> preps;
};

struct Entry {
  std::string type;
  Frame frame;
};

enum class CuePosition : std::uint8_t { before, complement, after };
struct ModalityCue {
  Modality modality;
  CuePosition position;
};

std::optional<Role> role_from(std::string_view s) {
  if (s == "agent") return Role::agent;
  if (s == "patient") return Role::patient;
  if (s == "participant") return Role::participant;
  return std::nullopt;
}

bool is_np_internal(Pos p) {
  return p == Pos::dt || p == Pos::pdt || text::is_adjective(p) || p == Pos::prp_s || text::is_noun(p) ||
         p == Pos::pos || p == Pos::cd;
}

/// A finite verb: past, or present with or without the third person's "-s".
bool is_finite(Pos p) { return p == Pos::vbd || p == Pos::vbz || p == Pos::vbp; }

bool is_be(std::string_view w) {
  return w == "be" || w == "is" || w == "are" || w == "was" || w == "were" || w == "been" || w == "being" ||
         w == "'s" || w == "'re" || w == "get" || w == "got" || w == "gets" || w == "getting";
}

/// Clause barriers: complementizers, relative pronouns, semicolons. Times and subjects do
/// not reach across them.
bool is_barrier(std::string_view lw, Pos p) {
  return lw == "that" && (p == Pos::in || p == Pos::wdt) ? true
         : lw == "which" || lw == "who" || lw == "whom" || lw == "whose" || lw == "whether" || lw == ";" ||
           lw == "because" || lw == "although" || lw == "though" || lw == "while" || lw == "but" || lw == "if" ||
           lw == "unless";
}

/// Prepositions that approximate a count inside its noun phrase: "about 6,000 workers",
/// "more than 200", "at least 40".
bool is_count_approximator(std::string_view lw) {
  return lw == "about" || lw == "around" || lw == "over" || lw == "under" || lw == "nearly" || lw == "some" ||
         lw == "almost" || lw == "roughly" || lw == "approximately" || lw == "than" || lw == "at";
}

/// Words that are prepositions before a noun phrase and subordinators before a clause:
/// "after the vote" / "after the Commission rejected the plan".
bool is_subordinator(std::string_view lw) {
  return lw == "after" || lw == "before" || lw == "since" || lw == "until" || lw == "till" || lw == "once" ||
         lw == "as";
}

}  // namespace

std::string_view to_string(Modality m) {
  switch (m) {
    case Modality::asserted: return "asserted";
    case Modality::claimed: return "claimed";
    case Modality::hypothetical: return "hypothetical";
    case Modality::negated: return "negated";
  }
  return "asserted";
}

std::string_view to_string(Role r) {
  switch (r) {
    case Role::agent: return "agent";
    case Role::patient: return "patient";
    case Role::participant: return "participant";
  }
  return "agent";
}

/// Orders (lemma, noun) keys and looks them up by string_view, without building a std::string.
struct TriggerLess {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    const int c = std::string_view(a.first).compare(std::string_view(b.first));
    return c < 0 || (c == 0 && a.second < b.second);
  }
};

struct Extractor::Impl {
  text::Lemmatizer lemmatizer;
  std::map<std::pair<std::string, bool>, Entry, TriggerLess> triggers;  // (lemma, noun)
  WordSet light_verbs;
  WordSet non_events;
  WordSet object_control;
  std::bitset<256> verb_files;  ///< WordNet lexicographer files of verbs that are events (verb_files.tsv)
  TokenTrie cue_before, cue_complement, cue_after;
  std::vector<ModalityCue> cues;

  // triggers by lemma, one table per part of speech, hashed: entry() runs several times per
  // token, and a walk down the ordered map compared strings at every level.
  std::array<std::unordered_map<std::string_view, const Entry*, WordHash, std::equal_to<>>, 2> trigger_index;

  const Entry* entry(std::string_view lemma, bool noun) const {
    const auto& index = trigger_index[noun];
    auto it = index.find(lemma);
    return it == index.end() ? nullptr : it->second;
  }

  std::vector<Event> extract(const text::Document& doc, const actors::Result& ar,
                             const std::vector<time::Timex>& timexes, const syntax::Relations* deep) const;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

Expected<Extractor> Extractor::load(const Paths& paths) {
  auto lem = text::Lemmatizer::load(paths);
  if (!lem) return lem.error();
  auto impl = std::make_unique<Impl>(Impl{std::move(*lem), {}, {}, {}, {}, {}, {}, {}, {}});
  const auto dir = paths.rules / "events/rules/en";

  auto triggers = read_table(dir / "triggers.tsv", 3, 4);
  if (!triggers) return triggers.error();
  for (const auto& row : triggers->rows) {
    const auto& f = row.fields;
    if (f[1] != "verb" && f[1] != "noun") return triggers->error(row, 1, "part of speech must be 'verb' or 'noun'");
    if (f[2].empty()) return triggers->error(row, 2, "empty type");
    Entry e{f[2], {}};
    if (f.size() == 4) {
      std::string_view spec = f[3];
      while (!spec.empty()) {
        auto sp = spec.find(' ');
        std::string_view item = spec.substr(0, sp);
        spec = sp == std::string_view::npos ? std::string_view{} : spec.substr(sp + 1);
        if (item.empty()) continue;
        auto eq = item.find('=');
        if (item == "obj=none") {
          e.frame.no_obj = true;
          continue;
        }
        auto role = eq == std::string_view::npos ? std::nullopt : role_from(item.substr(eq + 1));
        if (!role) return triggers->error(row, 3, "frame items are slot=agent|patient|participant or obj=none: '" + std::string(item) + "'");
        auto slot = item.substr(0, eq);
        if (slot == "subj") e.frame.subj = *role;
        else if (slot == "obj") e.frame.obj = *role;
        else if (slot == "poss") e.frame.poss = *role;
        else e.frame.preps.emplace(std::string(slot), *role);
      }
    }
    bool noun = f[1] == "noun";
    if (!e.frame.preps.contains("by")) e.frame.preps.emplace("by", Role::agent);
    if (noun && !e.frame.preps.contains("of")) e.frame.preps.emplace("of", Role::patient);
    if (!impl->triggers.emplace(std::pair(f[0], noun), std::move(e)).second)
      return triggers->error(row, 0, "'" + f[0] + "' is already a " + (noun ? "noun" : "verb") + " trigger");
  }
  for (auto [file, set] : {std::pair{"light_verbs.tsv", &impl->light_verbs}, std::pair{"non_events.tsv", &impl->non_events},
                           std::pair{"object_control.tsv", &impl->object_control}}) {
    auto t = read_table(dir / file, 1, 1);
    if (!t) return t.error();
    for (const auto& row : t->rows) set->insert(row.fields[0]);
  }
  {
    // lexnames(5WN): the verb files are numbered 29 to 43 in this order.
    static constexpr std::array<std::string_view, 15> kVerbFiles = {
        "verb.body",     "verb.change",   "verb.cognition", "verb.communication", "verb.competition",
        "verb.consumption", "verb.contact", "verb.creation", "verb.emotion",     "verb.motion",
        "verb.perception", "verb.possession", "verb.social", "verb.stative",     "verb.weather"};
    auto t = read_table(dir / "verb_files.tsv", 1, 1);
    if (!t) return t.error();
    for (const auto& row : t->rows) {
      auto it = std::find(kVerbFiles.begin(), kVerbFiles.end(), row.fields[0]);
      if (it == kVerbFiles.end()) return t->error(row, 0, "not a WordNet verb file: '" + row.fields[0] + "'");
      impl->verb_files.set(29 + static_cast<std::size_t>(it - kVerbFiles.begin()));
    }
  }
  auto cues = read_table(dir / "modality.tsv", 3, 3);
  if (!cues) return cues.error();
  for (const auto& row : cues->rows) {
    ModalityCue c{};
    const auto& f = row.fields;
    if (f[1] == "negated") c.modality = Modality::negated;
    else if (f[1] == "hypothetical") c.modality = Modality::hypothetical;
    else if (f[1] == "claimed") c.modality = Modality::claimed;
    else return cues->error(row, 1, "modality must be negated, hypothetical or claimed");
    TokenTrie* trie = nullptr;
    if (f[2] == "before") c.position = CuePosition::before, trie = &impl->cue_before;
    else if (f[2] == "complement") c.position = CuePosition::complement, trie = &impl->cue_complement;
    else if (f[2] == "after") c.position = CuePosition::after, trie = &impl->cue_after;
    else return cues->error(row, 2, "position must be before, complement or after");
    auto toks = text::phrase_tokens(f[0]);
    if (!trie->insert(toks, static_cast<std::uint32_t>(impl->cues.size())))
      return cues->error(row, 0, "empty cue");
    impl->cues.push_back(c);
  }
  // The map's nodes stay put: the index points into them.
  for (const auto& [key, e] : impl->triggers) impl->trigger_index[key.second].emplace(key.first, &e);
  return Extractor(std::move(impl));
}

std::vector<Event> Extractor::extract(const text::Document& doc, const actors::Result& actors,
                                      const std::vector<time::Timex>& timexes,
                                      const syntax::Relations* deep) const {
  return impl_->extract(doc, actors, timexes, deep && !deep->empty() ? deep : nullptr);
}

std::vector<Event> Extractor::Impl::extract(const text::Document& doc, const actors::Result& ar,
                                            const std::vector<time::Timex>& timexes,
                                            const syntax::Relations* deep) const {
  using Cat = text::Lemmatizer::Category;
  const auto& toks = doc.tokens;
  const std::size_t n = toks.size();
  auto lw = [&](std::size_t i) { return doc.lower_word(i); };
  auto pos = [&](std::size_t i) { return toks[i].pos; };
  auto mention_of = [&](std::size_t i) -> int {
    return i < ar.mention_at.size() ? ar.mention_at[i] : -1;
  };

  // Tokens inside a parenthetical: between a pair of dashes or in brackets, per sentence.
  std::vector<std::uint8_t> in_paren(n, 0);
  for (const auto& s : doc.sentences) {
    std::size_t open = s.last;
    for (std::size_t i = s.first; i < s.last; ++i) {
      auto w = doc.word(i);
      bool dash = w == "\xE2\x80\x94" || w == "--" || (w == "\xE2\x80\x93" && (toks[i].shape & text::space_before));
      if (w == "(" || (dash && open == s.last)) {
        open = i;
      } else if ((w == ")" || dash) && open != s.last) {
        for (std::size_t k = open; k <= i; ++k) in_paren[k] = 1;
        open = s.last;
      }
    }
  }

  // Clause barriers by token: the clause bounds of every candidate and the time search ask.
  std::vector<std::uint8_t> barrier_at(n);
  for (std::size_t k = 0; k < n; ++k) barrier_at[k] = is_barrier(lw(k), pos(k));
  auto barrier = [&](std::size_t k) { return barrier_at[k] != 0; };
  // A verb at k after modals, adverbs and a negation: "but could not agree".
  auto verb_follows = [&](std::size_t k) {
    while (k < n && (pos(k) == Pos::md || text::is_adverb(pos(k)) || lw(k) == "not" || lw(k) == "n't")) ++k;
    return k < n && text::is_verb(pos(k));
  };

  // Where a report complement cue ("said that", "according to") first ends in each sentence:
  // an event is claimed when a cue ends at or before it. Found once per sentence, not once
  // per candidate (kNotYet until the sentence's first candidate asks).
  constexpr std::size_t kNotYet = static_cast<std::size_t>(-1);
  std::vector<std::size_t> complement_end(doc.sentences.size(), kNotYet);
  auto first_complement_end = [&](std::uint32_t si) {
    if (complement_end[si] != kNotYet) return complement_end[si];
    const auto& s = doc.sentences[si];
    std::size_t end = s.last + 1;  // none
    for (std::size_t k = s.first; k < s.last && k + 1 < end; ++k) {
      const std::uint32_t len = cue_complement.shortest(s.last - k, [&](std::size_t j) { return lw(k + j); });
      if (len) end = std::min(end, k + len);
    }
    return complement_end[si] = end;
  };

  // Timexes by token: which timex (if any) covers each token.
  std::vector<int> timex_at(n, -1);
  for (std::size_t t = 0; t < timexes.size(); ++t) {
    for (std::size_t i = doc.token_at(timexes[t].span.begin); i < n && toks[i].span.begin < timexes[t].span.end; ++i)
      timex_at[i] = static_cast<int>(t);
  }

  // Datelines ("KIRUNA, Sweden — 19 March 2024 —", "HELSINKI, 2021-05-18 —", "Filed 26 August
  // 2022"): the date the article was filed, not the date of what the sentence reports. Only
  // names, commas and dashes (or one capitalised header verb) before it in the sentence; a
  // dash, more times or the sentence end after it.
  auto is_dash = [&](std::size_t k) {
    auto w = doc.word(k);
    return w == "\xE2\x80\x94" || w == "\xE2\x80\x93" || w == "--" || w == "|";
  };
  std::vector<std::uint8_t> dateline(timexes.size(), 0);
  for (std::size_t t = 0; t < timexes.size(); ++t) {
    std::size_t first = doc.token_at(timexes[t].span.begin);
    if (first >= n) continue;
    const auto& s = doc.sentences[toks[first].sentence];
    std::size_t last = first;
    while (last < s.last && timex_at[last] == static_cast<int>(t)) ++last;
    bool names_before = true;
    for (std::size_t k = s.first; k < first && names_before; ++k) {
      const Pos p = pos(k);
      bool header_verb = k == s.first && k + 1 == first && (p == Pos::vbn || p == Pos::vbd) &&
                         (toks[k].shape & text::capitalized);
      names_before = p == Pos::nnp || p == Pos::nnps || p == Pos::punct_comma || is_dash(k) || header_verb;
    }
    bool end_after = true;
    for (std::size_t k = last; k < s.last && end_after && !is_dash(k); ++k)
      end_after = timex_at[k] >= 0 || text::is_punct(pos(k));
    dateline[t] = names_before && end_after;
  }

  // "its first strike since 1997", "the most serious since 2022", "its weakest result since
  // 2003": the date opens the period the superlative ranges over; it dates nothing before it.
  // (A perfect's "since" — "has been cut twice since 2015" — does date its verb.)
  auto since_superlative = [&](std::size_t timex_first, std::size_t floor) {
    if (timex_first <= floor || lw(timex_first - 1) != "since") return false;
    for (std::size_t k = timex_first - 1; k-- > floor && k + 6 > timex_first;) {
      if (text::is_verb(pos(k)) || pos(k) == Pos::punct_comma) return false;
      if (pos(k) == Pos::jjs || pos(k) == Pos::rbs || lw(k) == "first" || lw(k) == "most" || lw(k) == "biggest" ||
          lw(k) == "largest" || lw(k) == "worst")
        return true;
    }
    return false;
  };

  // Part of a verb group before its main verb: an adverb, a modal, "be" or "have".
  auto auxiliary = [&](std::size_t k) {
    auto w = lw(k);
    return text::is_adverb(pos(k)) || pos(k) == Pos::md || is_be(w) || w == "has" || w == "have" || w == "had";
  };
  // Where the verb group ending at verb v begins, not before token lo.
  auto verb_group_start = [&](std::size_t v, std::size_t lo) {
    while (v > lo && auxiliary(v - 1)) --v;
    return v;
  };

  // The preposition an actor mention depends on, if any: walk left over its noun phrase and
  // over coordinated mentions ("from Washington, Seoul and Tokyo").
  auto governing_prep_at = [&](const actors::Mention& m, std::size_t floor) -> std::optional<std::size_t> {
    // "he", "she", "they" are subjects, never the object of a preposition ("after they left").
    if (m.kind == actors::MentionKind::pronoun && m.last == m.first + 1) {
      auto w = lw(m.first);
      if (w == "he" || w == "she" || w == "they") return std::nullopt;
    }
    std::size_t j = m.first;
    std::size_t cur_last = m.last;  // end of the mention the walk last crossed
    while (j > floor) {
      std::size_t k = j - 1;
      // A date ends the walk: in "In 2015 Norway signed", "In" governs the date, not Norway.
      if (timex_at[k] >= 0) return std::nullopt;
      if (int mk = mention_of(k); mk >= 0) {
        j = ar.mentions[static_cast<std::size_t>(mk)].first;
        cur_last = ar.mentions[static_cast<std::size_t>(mk)].last;
        continue;
      }
      if (is_np_internal(pos(k)) || pos(k) == Pos::rb) {
        j = k;
        continue;
      }
      // A preposition that approximates a count is part of its noun phrase: "About 6,000
      // workers", "more than 200 people", "at least 40 fighters".
      if (k + 1 < n && (pos(k + 1) == Pos::cd || lw(k + 1) == "least") &&
          is_count_approximator(lw(k))) {
        j = k;
        continue;
      }
      // "X, Y and Z" is a list; "for the booster EPO, the Unit (AIU) announced" is not: a
      // comma joins only a name that a comma, "and" or "or" follows.
      const bool listed = lw(k) != "," ||
                          (cur_last < n && (lw(cur_last) == "," || lw(cur_last) == "and" || lw(cur_last) == "or"));
      if (listed && (lw(k) == "," || lw(k) == "and" || lw(k) == "or") && k > floor && mention_of(k - 1) >= 0) {
        j = k;
        continue;
      }
      // A complementizer or subordinator opens a clause; it governs no noun phrase.
      if ((pos(k) == Pos::in || pos(k) == Pos::to) && !barrier(k)) return k;
      return std::nullopt;
    }
    return std::nullopt;
  };
  auto governing_prep = [&](const actors::Mention& m, std::size_t floor) -> std::string_view {
    auto k = governing_prep_at(m, floor);
    return k ? lw(*k) : std::string_view{};
  };

  // The antecedent of a relative pronoun, given the mention just before it: "who" is people,
  // so after "Dairy exporters in France and Ireland, who" it is the group before the
  // preposition, not the countries in it.
  auto who_antecedent = [&](int mk, std::string_view pronoun) {
    if (mk < 0 || pronoun != "who") return mk;
    const auto& m = ar.mentions[static_cast<std::size_t>(mk)];
    if (ar.actors[m.actor].type != actors::ActorType::country) return mk;
    const auto pk = governing_prep_at(m, 0);
    if (!pk || *pk == 0 || mention_of(*pk - 1) < 0) return mk;
    const auto t = ar.actors[ar.mentions[static_cast<std::size_t>(mention_of(*pk - 1))].actor].type;
    return t == actors::ActorType::group || t == actors::ActorType::person ? mention_of(*pk - 1) : mk;
  };

  // The name a relative pronoun at `rel` refers back to: the mention before it, past a comma
  // and an aside in brackets ("The European Space Agency (ESA), which"); not a possessive.
  auto relative_antecedent = [&](std::size_t rel, std::size_t first) -> int {
    std::size_t a = rel;
    if (a > first && lw(a - 1) == ",") --a;
    if (a > first + 2 && lw(a - 1) == ")") {
      std::size_t open = a - 1;
      while (open > first && lw(open) != "(" && a - open < 6) --open;
      if (lw(open) == "(") a = open;
    }
    if (a <= first) return -1;
    const int mk = who_antecedent(mention_of(a - 1), lw(rel));
    return mk >= 0 && !ar.mentions[static_cast<std::size_t>(mk)].possessive ? mk : -1;
  };

  // People named by the body they belong to, heading a subject: "Officers of the army",
  // "Leaders of the Forum", "Analysts at the bank", "Officials from the ministry" act for
  // it. The preposition follows a plural noun that opens its noun phrase.
  auto members_of = [&](const actors::Mention& m, std::size_t floor) {
    auto k = governing_prep_at(m, floor);
    if (!k || *k < floor + 1) return false;
    auto p = lw(*k);
    if (p != "of" && p != "at" && p != "from") return false;
    std::size_t h = *k - 1;
    // Members who are an actor themselves ("6,000 workers at the Tema port") act for
    // themselves.
    // "the government of Nepal said": the country's own government, a singular head.
    const bool government = p == "of" && (lw(h) == "government" || lw(h) == "administration" ||
                                          lw(h) == "authorities" || lw(h) == "leadership");
    if ((pos(h) != Pos::nns && !government) || mention_of(h) >= 0) return false;
    std::size_t j = h;
    while (j > floor && (pos(j - 1) == Pos::dt || text::is_adjective(pos(j - 1)) || pos(j - 1) == Pos::cd ||
                         pos(j - 1) == Pos::nn))
      --j;
    return j == floor || lw(j - 1) == "," || lw(j - 1) == "\xE2\x80\x94" || lw(j - 1) == "and";
  };

  // A mention after a subordinator that opens a clause whose verb is `verb`: "after the
  // Commission rejected the plan", "until Peru and Chile have signed". Only auxiliaries,
  // adverbs, a negation, an aside ("(FDA)") and coordinated mentions stand between the
  // mention and the verb.
  auto clause_subject = [&](const actors::Mention& m, std::size_t verb, std::size_t floor) {
    auto k = governing_prep_at(m, floor);
    if (!k || !is_subordinator(lw(*k))) return false;
    for (std::size_t j = m.last; j < verb; ++j) {
      auto w = lw(j);
      if (in_paren[j] || auxiliary(j) || w == "not" || w == "n't" || mention_of(j) >= 0 ||
          ((w == "and" || w == ",") && mention_of(j + 1) >= 0))
        continue;
      return false;
    }
    return true;
  };

  // Mentions coordinated with mention index mi to its right: "X, Y and Z".
  auto coordinated = [&](std::size_t mi, std::size_t limit) {
    std::vector<std::size_t> out{mi};
    std::size_t j = ar.mentions[mi].last;
    while (j + 1 < limit) {
      auto w = lw(j);
      if (w != "," && w != "and" && w != "or") break;
      std::size_t k = j + 1;
      if (k < limit && lw(k) == "and") ++k;  // ", and"
      for (std::size_t d = 0;
           d < 3 && k < limit && mention_of(k) < 0 &&
           (pos(k) == Pos::dt || text::is_adjective(pos(k)) || pos(k) == Pos::nn);
           ++d)
        ++k;
      if (k >= limit) break;
      int mk = mention_of(k);
      if (mk < 0 || ar.mentions[static_cast<std::size_t>(mk)].first != k) break;
      // "and Germany's Globex": the coordinate is the name after the possessive.
      if (const auto& pm = ar.mentions[static_cast<std::size_t>(mk)]; pm.possessive && pm.last + 1 < limit &&
          (lw(pm.last) == "'s" || lw(pm.last) == "'") && mention_of(pm.last + 1) >= 0)
        mk = mention_of(pm.last + 1);
      out.push_back(static_cast<std::size_t>(mk));
      j = ar.mentions[static_cast<std::size_t>(mk)].last;
    }
    return out;
  };

  // The first of a coordination the mention mk is in: "X, Y and Z" → X.
  auto coordination_start = [&](std::size_t mk) {
    std::size_t first = mk;
    while (true) {
      std::size_t j = ar.mentions[first].first;
      // "X and Germany's Y": the possessive is Y's descriptor, not a coordinate.
      if (j >= 2 && (lw(j - 1) == "'s" || lw(j - 1) == "'") && mention_of(j - 2) >= 0 &&
          ar.mentions[static_cast<std::size_t>(mention_of(j - 2))].possessive)
        j = ar.mentions[static_cast<std::size_t>(mention_of(j - 2))].first;
      // Determiners and descriptors before the name: "X and the rebel Front".
      for (std::size_t d = 0; d < 3 && j > 2 && mention_of(j - 1) < 0 &&
                              (pos(j - 1) == Pos::dt || text::is_adjective(pos(j - 1)) || pos(j - 1) == Pos::nn);
           ++d)
        --j;
      if (j < 2) break;
      auto w = lw(j - 1);
      if (w != "," && w != "and" && w != "or") break;
      int pk = mention_of(j - 2);
      if (pk < 0) break;
      first = static_cast<std::size_t>(pk);
    }
    return first;
  };

  // The noun phrase right after position `from`: the mentions it holds (and those coordinated).
  auto np_mentions_after = [&](std::size_t from, std::size_t limit, bool titles = false) -> std::vector<std::size_t> {
    std::size_t k = from;
    // Determiners, adjectives and descriptor nouns before a name ("public broadcaster Yle",
    // "the private equity firm Bellweather Partners"), and "officers of" before the body
    // they belong to ("by officers of the Polícia Judiciária").
    bool proper = false;
    for (int nouns = 0; k < limit && mention_of(k) < 0; ++k) {
      const Pos p = pos(k);
      if (p == Pos::dt || p == Pos::pdt || text::is_adjective(p) || p == Pos::cd || p == Pos::rb) continue;
      // A capitalised title not in the mention, for a passive's agent only: "signed ... by
      // Foreign Minister Helga Sigurdardottir".
      if ((p == Pos::nn || p == Pos::nns || (titles && p == Pos::nnp)) && ++nouns <= 3) {
        proper |= p == Pos::nnp;
        continue;
      }
      if (lw(k) == "of" && nouns > 0 && k + 1 < limit) continue;
      break;
    }
    if (k >= limit) return {};
    int mk = mention_of(k);
    if (mk < 0) return {};
    const auto& m = ar.mentions[static_cast<std::size_t>(mk)];
    if (m.possessive) {
      // "Japan's plan": the head is the plan, not Japan; but in "the federation's former
      // finance director, Grace Tembo," the person named in apposition is the head.
      std::size_t j = m.last;
      if (j < limit && (lw(j) == "'s" || lw(j) == "'")) ++j;
      std::size_t nouns = 0;
      for (; j < limit && mention_of(j) < 0 && (text::is_adjective(pos(j)) || pos(j) == Pos::nn); ++j) ++nouns;
      if (nouns == 0 || j + 1 >= limit || lw(j) != ",") return {};
      const int ak = mention_of(j + 1);
      if (ak < 0) return {};
      const auto& a = ar.mentions[static_cast<std::size_t>(ak)];
      if (a.first != j + 1 || a.possessive || ar.actors[a.actor].type != actors::ActorType::person) return {};
      return {static_cast<std::size_t>(ak)};
    }
    // A title goes before a person; "by a Thai Airways tug operator" is no title.
    if (proper && (ar.actors[m.actor].type != actors::ActorType::person ||
                   (m.last < limit && (pos(m.last) == Pos::nn || pos(m.last) == Pos::nns))))
      return {};
    return coordinated(static_cast<std::size_t>(mk), limit);
  };

  // Whether token k is a reporting verb ("said", "told", "argued"): obj=none in triggers.tsv.
  // Asked for every token between each event and each timex of its sentence: memoised.
  std::vector<std::int8_t> reporting_at(n, -1);
  auto reporting = [&](std::size_t k) {
    if (reporting_at[k] < 0) {
      const Entry* r = entry(lemmatizer.lemma(lw(k), Cat::verb), false);
      reporting_at[k] = r && r->frame.no_obj;
    }
    return reporting_at[k] == 1;
  };

  // An "-ing" form the tagger read as a noun or adjective but that heads a verb phrase: "surrounding
  // buildings and detaining the prime minister". Only a verb trigger with no noun reading, and
  // not after a determiner, possessive or adjective ("the bombing", "Russia's shelling").
  auto ing_verb = [&](std::size_t i) {
    if ((pos(i) != Pos::nn && pos(i) != Pos::jj) || !lw(i).ends_with("ing") || lw(i).size() < 6) return false;
    // After a comma and before a complement, even a word with a noun reading is a verb: "...
    // blocked the takeover, ruling that the deal would ...", ", warning the government".
    const bool adjunct = i > 0 && i + 1 < n && lw(i - 1) == "," &&
                         (lw(i + 1) == "that" || pos(i + 1) == Pos::dt || pos(i + 1) == Pos::prp_s);
    if (!adjunct && (entry(lw(i), true) || entry(lemmatizer.lemma(lw(i), Cat::noun), true))) return false;
    if (i > 0) {
      const Pos b = pos(i - 1);
      if (b == Pos::dt || b == Pos::pdt || b == Pos::prp_s || b == Pos::pos || b == Pos::cd || text::is_adjective(b) ||
          text::is_noun(b) || mention_of(i - 1) >= 0)
        return false;
    }
    return entry(lemmatizer.lemma(lw(i), Cat::verb), false) != nullptr;
  };

  // "call" naming, not calling for: "what it called a provocation", "a group calling itself
  // X", "called the decision \"a great day\"".
  auto naming_call = [&](std::size_t i, std::size_t first, std::size_t last) {
    if (lemmatizer.lemma(lw(i), text::Lemmatizer::Category::verb) != "call") return false;
    for (std::size_t k = i; k-- > first && k + 3 >= i;)
      if (lw(k) == "what") return true;
    if (i + 1 < last) {
      auto w = lw(i + 1);
      if (w == "itself" || w == "themselves" || w == "himself" || w == "herself") return true;
    }
    for (std::size_t k = i + 1; k < last && k <= i + 6; ++k) {
      if (pos(k) == Pos::punct_quote_open || lw(k) == "\"" || lw(k) == "\xE2\x80\x9C" || lw(k) == "``") return k > i + 1;
      if (text::is_verb(pos(k)) || pos(k) == Pos::in || pos(k) == Pos::to || pos(k) == Pos::punct_comma) return false;
    }
    return false;
  };

  // A past form after a determiner or a preposition modifies a noun ("of kidnapped Japanese
  // nationals", "the revised plan"), whatever the tagger says.
  auto modifier = [&](std::size_t i) {
    if (i == 0) return false;
    const Pos b = pos(i - 1);
    return b == Pos::dt || b == Pos::in || b == Pos::prp_s || b == Pos::pos || b == Pos::to || text::is_adjective(b);
  };

  // A participle after a form of "be" (adverbs between): "were buried", "was badly beaten".
  auto after_be = [&](std::size_t i) {
    for (std::size_t k = i; k-- > 0 && k + 4 > i;) {
      if (is_be(lw(k))) return true;
      if (!text::is_adverb(pos(k))) return false;
    }
    return false;
  };

  std::vector<Event> out;
  std::vector<std::uint8_t> consumed(n, 0);
  for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const auto& s = doc.sentences[si];
    const std::size_t body = text::dateline_body(doc, s);
    for (std::size_t i = s.first; i < s.last; ++i) {
      if (consumed[i] || mention_of(i) >= 0 || timex_at[i] >= 0) continue;
      const Pos p = pos(i);
      const bool verb = text::is_verb(p) || ing_verb(i);
      const bool noun = (p == Pos::nn || p == Pos::nns) && !verb;
      if (!verb && !noun) continue;
      // "Published 3 November 2021": the header of a dateline, no event.
      if (verb && i == s.first && i + 1 < s.last && timex_at[i + 1] >= 0 &&
          dateline[static_cast<std::size_t>(timex_at[i + 1])])
        continue;
      Event ev;
      int conjunct = -1;  // the earlier verb this one is coordinated with ("told ... and said")
      ev.token = static_cast<std::uint32_t>(i);
      ev.trigger = toks[i].span;
      ev.sentence = si;
      ev.noun = noun;
      const Entry* e = nullptr;
      if (verb) {
        ev.lemma = lemmatizer.lemma(lw(i), Cat::verb);
        if (is_be(lw(i)) || ev.lemma == "be" || ev.lemma == "have" || ev.lemma == "do") continue;
        if (naming_call(i, s.first, s.last)) continue;
        // Light verb + event noun: "adopted the toughest set of sanctions".
        if (light_verbs.contains(ev.lemma)) {
          for (std::size_t k = i + 1; k < s.last && k <= i + 6; ++k) {
            if (mention_of(k) >= 0 || text::is_verb(pos(k)) || pos(k) == Pos::punct_comma) break;
            if (pos(k) != Pos::nn && pos(k) != Pos::nns) continue;
            const std::string_view nl = lemmatizer.lemma(lw(k), Cat::noun);
            const Entry* ne = entry(lw(k), true);
            if (!ne) ne = entry(nl, true);
            if (ne) {
              e = ne;
              consumed[k] = 1;
              break;
            }
          }
        }
        if (!e) e = entry(ev.lemma, false);
        if (!e && (non_events.contains(ev.lemma) || (p == Pos::vbg && i > s.first && lw(i - 1) == "to"))) continue;
      } else {
        e = entry(lw(i), true);
        if (!e) {
          ev.lemma = lemmatizer.lemma(lw(i), Cat::noun);
          e = entry(ev.lemma, true);
        } else {
          ev.lemma = std::string(lw(i));
        }
        if (!e) continue;
        // A noun modifying the noun after it names no event: "the death toll", "attack
        // helicopters" (an event noun there is its own candidate: "the election campaign").
        if (i + 1 < s.last && pos(i + 1) == Pos::nn && !entry(lw(i + 1), true) &&
            !entry(lemmatizer.lemma(lw(i + 1), Cat::noun), true))
          continue;
      }
      ev.type = e ? e->type : ev.lemma;
      // A verb triggers.tsv does not list: subject, object and a passive's "by", as every
      // trigger's frame has them.
      static const Frame kDefault = [] {
        Frame f;
        f.preps.emplace("by", Role::agent);
        return f;
      }();
      const Frame& frame = e ? e->frame : kDefault;

      auto add = [&](std::size_t mi, Role r) {
        const auto& m = ar.mentions[mi];
        auto push = [&](std::size_t actor) {
          for (const auto& a : ev.arguments)
            if (a.actor == actor && a.role == r) return;
          ev.arguments.push_back({actor, mi, r});
        };
        push(m.actor);
        if (m.partner) push(*m.partner);  // "they" after "X and Y": both
      };

      // Clause bounds around the trigger; a dateline's header is in none.
      std::size_t clause_begin = i >= body ? body : s.first;
      for (std::size_t k = i; k-- > clause_begin;) {
        if (in_paren[k] && !in_paren[i]) continue;
        if (barrier(k)) {
          clause_begin = k + 1;
          break;
        }
      }
      std::size_t clause_end = s.last;
      for (std::size_t k = i + 1; k < s.last; ++k) {
        if (barrier(k)) {
          clause_end = k;
          break;
        }
      }

      if (verb) {
        // Passive: a form of "be"/"get" (adverbs between) before a past participle, or before
        // the participle it is coordinated with ("if he is extradited and convicted").
        bool passive = false;
        for (std::size_t v = i; p == Pos::vbn && !passive;) {
          std::size_t k = v;
          while (k-- > s.first && k + 4 > v) {
            if (is_be(lw(k))) {
              passive = true;
              break;
            }
            if (!text::is_adverb(pos(k)) && lw(k) != "n't" && lw(k) != "not") break;
          }
          if (passive || v < s.first + 2 || (lw(v - 1) != "and" && lw(v - 1) != "or") || pos(v - 2) != Pos::vbn) break;
          v -= 2;
        }
        // Subject: the nearest actor to the left that no preposition governs, skipping
        // parentheticals; through a relative pronoun to its antecedent.
        std::size_t floor = clause_begin;
        int relative_subject = -1;
        if (clause_begin > s.first) {
          auto b = lw(clause_begin - 1);
          bool relative = b == "who" || b == "which" || (b == "that" && pos(clause_begin - 1) == Pos::wdt);
          bool adjacent = true;
          for (std::size_t k = clause_begin; k < i; ++k)
            if (!auxiliary(k)) adjacent = false;
          if (relative && adjacent) floor = clause_begin >= s.first + 3 ? clause_begin - 3 : s.first;
          // The antecedent of "who"/"which" is the name just before it, even inside a
          // prepositional phrase ("at the request of the United States, which accuses him").
          if (relative && adjacent) relative_subject = relative_antecedent(clause_begin - 1, s.first);
        }
        // A subordinate clause ("a day after a US delegation held talks", "after a newspaper
        // revealed"): its subject lies between the subordinator and the verb; the search never
        // reaches the main clause's subject.
        {
          std::size_t k = verb_group_start(i, floor);
          const std::size_t verb_group = k;
          while (k > floor && (is_np_internal(pos(k - 1)) || mention_of(k - 1) >= 0 || (in_paren[k - 1] && !in_paren[i]))) --k;
          if (k < verb_group && k > floor && (is_subordinator(lw(k - 1)) || lw(k - 1) == "when")) floor = k;
        }
        // A non-restrictive relative clause between subject and verb: "Russia, which has bases
        // in both countries, urged restraint"; "The agency (ESA), which funded it, congratulated".
        if (relative_subject < 0 && clause_begin >= s.first + 3) {
          auto b = lw(clause_begin - 1);
          const std::size_t k = verb_group_start(i, clause_begin);
          if ((b == "which" || b == "who") && lw(clause_begin - 2) == "," && k > clause_begin + 1 && lw(k - 1) == ",")
            relative_subject = relative_antecedent(clause_begin - 1, s.first);
        }
        // An appositive between subject and verb: "Larkspur, the US chain, filed".
        std::size_t start = i;
        {
          const std::size_t k = verb_group_start(i, floor);
          if (k > floor + 2 && lw(k - 1) == ",") {
            std::size_t j = k - 1;
            // No finite verb inside: ", the US chain,", ", 38,", ", founded in Ohio in 1962,".
            auto finite = [&](std::size_t t) {
              return pos(t) == Pos::vbd || pos(t) == Pos::vbz || pos(t) == Pos::vbp || pos(t) == Pos::md;
            };
            // (A past tense right after the comma is a participle the tagger misread.)
            while (j > floor && j + 14 > k && lw(j - 1) != ",") {
              if (finite(j - 1) && !(pos(j - 1) == Pos::vbd && j >= 2 && lw(j - 2) == ",")) break;
              --j;
            }
            if (j > floor + 1 && lw(j - 1) == "," && j + 1 < k && mention_of(j - 2) >= 0 &&
                (pos(j) == Pos::dt || pos(j) == Pos::cd || pos(j) == Pos::vbn || pos(j) == Pos::vbd || text::is_adjective(pos(j)) ||
                 text::is_noun(pos(j))))
              start = j - 1;
          }
        }
        // A participle after its noun is a reduced relative: in "after months of talks mediated
        // by Togo", "elections planned for next year", the clause's subject is no agent of it.
        // (Only after a noun phrase that is an object or a preposition's: "Police arrested" is a
        // subject and its verb, whatever the tagger says.)
        if (p == Pos::vbn && !passive && i > clause_begin && (pos(i - 1) == Pos::nns || pos(i - 1) == Pos::nn) &&
            mention_of(i - 1) < 0) {
          std::size_t h = i - 1;
          while (h > clause_begin && is_np_internal(pos(h - 1)) && mention_of(h - 1) < 0) --h;
          if (h > clause_begin && (text::is_verb(pos(h - 1)) || pos(h - 1) == Pos::in || pos(h - 1) == Pos::to)) {
            start = floor;
            passive = true;  // its "by" phrase is the agent; it takes no object
          }
        }
        bool found_subject = false;
        // Deep mode: the parser's subject, where it is an actor (not a possessive: "Japan's
        // plan was"), and the agent of a passive's "by".
        if (deep) {
          auto actor_at = [&](std::int32_t t) -> int {
            if (t < 0) return -1;
            int mk = mention_of(static_cast<std::size_t>(t));
            return mk >= 0 && !ar.mentions[static_cast<std::size_t>(mk)].possessive ? mk : -1;
          };
          if (int mk = actor_at(deep->subject[i]); mk >= 0) {
            passive = deep->passive[i];
            for (auto c : coordinated(coordination_start(static_cast<std::size_t>(mk)), s.last))
              add(c, passive ? Role::patient : frame.subj);
            if (int bk = passive ? actor_at(deep->by_agent[i]) : -1; bk >= 0)
              for (auto c : coordinated(static_cast<std::size_t>(bk), s.last)) add(c, Role::agent);
            found_subject = true;
            relative_subject = -1;
            start = floor;  // the chunker's search is not needed
          }
        }
        if (relative_subject >= 0) {
          add(static_cast<std::size_t>(relative_subject), passive ? Role::patient : frame.subj);
          found_subject = true;
          start = floor;  // nothing left to search
        }
        // A participle heading an adjunct shares the subject of the verb it follows: "X filed
        // for bankruptcy on Sunday, saying ...", "X ended the summit by endorsing a plan". The
        // nearest name to its left is that verb's object, never its subject.
        if (!found_subject && (p == Pos::vbg || ing_verb(i)) && i > clause_begin &&
            (lw(i - 1) == "," || lw(i - 1) == "by")) {
          std::size_t v = i;
          while (v > floor && !(text::is_verb(pos(v - 1)) && pos(v - 1) != Pos::vbg)) --v;
          if (v > floor) {
            --v;
            start = v;  // that verb's subject is the participle's
            for (auto prev = out.rbegin(); prev != out.rend() && prev->sentence == si && prev->token >= v; ++prev) {
              if (prev->token != v) continue;
              for (const auto& a : prev->arguments)
                if (a.role == Role::agent) add(a.mention, frame.subj);
              found_subject = true;
              start = floor;
            }
          }
        }
        // An infinitive after a verb and its object: "urged Iran to release" (the object acts,
        // object_control.tsv), "summoned Iran's ambassador on Tuesday to protest" (the verb's
        // own subject acts). Without an object ("plans to expel") the search below finds it.
        if (!found_subject && p == Pos::vb && i >= clause_begin + 3 && lw(i - 1) == "to") {
          std::size_t g = i - 1;
          bool object = false;
          while (g > clause_begin && g + 12 > i) {
            const std::size_t t = g - 1;
            const Pos q = pos(t);
            if (text::is_verb(q) || q == Pos::md) break;
            const bool np = mention_of(t) >= 0 || timex_at[t] >= 0 || q == Pos::dt || q == Pos::pdt || q == Pos::cd ||
                            q == Pos::pos || q == Pos::prp_s || text::is_adjective(q) || text::is_noun(q) ||
                            (q == Pos::in && !barrier(t));
            if (!np) break;
            object |= mention_of(t) >= 0 || text::is_noun(q);
            --g;
          }
          if (object && g > clause_begin && text::is_verb(pos(g - 1)) && !is_be(lw(g - 1))) {
            const std::size_t v = g - 1;
            if (object_control.contains(lemmatizer.lemma(lw(v), Cat::verb))) {
              for (auto c : np_mentions_after(g, i - 1)) add(c, frame.subj);
              start = floor;  // decided here, right or not: the object is the one to act
              found_subject = true;
            } else {
              for (auto prev = out.rbegin(); prev != out.rend() && prev->sentence == si && prev->token >= v; ++prev)
                if (prev->token == v)
                  for (const auto& a : prev->arguments)
                    if (a.role == Role::agent) {
                      add(a.mention, frame.subj);
                      found_subject = true;
                    }
              // Else the search below looks further left.
              if (found_subject) start = floor;
            }
          }
        }
        // Coordinated verbs share their subject: "Russia urged restraint and offered talks",
        // "police arrested the director on Tuesday and questioned two others" (the name
        // nearest the second verb is the first one's object), "but failed to agree".
        if (!found_subject && !passive) {
          std::size_t k = i;
          const auto skip_modifiers = [&] {
            while (k > clause_begin && (text::is_adverb(pos(k - 1)) || pos(k - 1) == Pos::md)) --k;
          };
          skip_modifiers();
          // A catenative before the verb: "failed to agree", "refused to sign".
          while (k >= clause_begin + 2 && lw(k - 1) == "to" && text::is_verb(pos(k - 2)) && !is_be(lw(k - 2))) {
            k -= 2;
            skip_modifiers();
          }
          if (k > s.first && (lw(k - 1) == "and" || lw(k - 1) == "but" || lw(k - 1) == "then")) {
            for (auto prev = out.rbegin(); prev != out.rend() && prev->sentence == si; ++prev) {
              if (prev->noun || prev->token >= k) continue;
              bool any = false;
              for (const auto& a : prev->arguments)
                if (a.role == Role::agent && ar.mentions[a.mention].first < prev->token) {
                  add(a.mention, frame.subj);
                  any = true;
                }
              if (any) {
                found_subject = true;
                start = floor;
                conjunct = static_cast<int>(std::distance(out.begin(), prev.base()) - 1);
                break;
              }
              // "X warned that 900 jobs could be lost and said ...": a verb inside a "that"
              // complement has no subject to share; the conjunct is the verb that took it.
              bool in_complement = false;
              for (std::size_t j = s.first; j < prev->token && !in_complement; ++j)
                in_complement = lw(j) == "that" && barrier(j);
              if (!in_complement) break;
            }
          }
        }
        // Where the subject ends: before the verb group of the trigger.
        const std::size_t subject_end = verb_group_start(i, floor);
        for (std::size_t k = start; k-- > floor;) {
          if (in_paren[k] && !in_paren[i]) continue;
          // "X said the leaders had agreed": the report's subject is not its content's.
          if (text::is_verb(pos(k)) && pos(k) != Pos::vbg && reporting(k)) break;
          int mk = mention_of(k);
          // The subject right before the verb group names no actor: "her client denied", "she
          // had signed" with no referent. No name further left is the subject.
          if (k + 1 == subject_end && (pos(k) == Pos::prp || pos(k) == Pos::nn || pos(k) == Pos::nns) && mention_of(k) < 0) {
            std::size_t h = k;
            while (h > floor && (is_np_internal(pos(h - 1)) && mention_of(h - 1) < 0)) --h;
            int pm = h > floor ? mention_of(h - 1) : -1;
            bool pronoun_possessor = pm >= 0 && ar.mentions[static_cast<std::size_t>(pm)].possessive &&
                                     ar.mentions[static_cast<std::size_t>(pm)].kind == actors::MentionKind::pronoun;
            bool subject_pronoun = pos(k) == Pos::prp && (lw(k) == "he" || lw(k) == "she" || lw(k) == "they" || lw(k) == "we");
            if (pronoun_possessor || subject_pronoun) break;
          }
          if (mk < 0) continue;
          const auto& m = ar.mentions[static_cast<std::size_t>(mk)];
          if (!governing_prep(m, s.first).empty() && !members_of(m, floor) && !clause_subject(m, i, s.first)) {
            k = m.first;
            continue;
          }
          // "her client denied ... and would fight": "her" is the possessor, not the subject.
          if (m.possessive && m.kind == actors::MentionKind::pronoun && m.last < i && text::is_noun(pos(m.last)) &&
              mention_of(m.last) < 0) {
            std::size_t h = m.last;
            while (h < i && is_np_internal(pos(h)) && mention_of(h) < 0) ++h;
            while (h < i && (text::is_adverb(pos(h)) || pos(h) == Pos::md)) ++h;
            if (h <= i && text::is_verb(pos(h))) break;  // the possessed noun is a subject
          }
          for (auto c : coordinated(coordination_start(static_cast<std::size_t>(mk)), i))
            add(c, passive ? Role::patient : frame.subj);
          found_subject = true;
          break;
        }
        // "the Commission, whose competition officials blocked": people with no name of their
        // own in a "whose" phrase act for the name it refers back to.
        if (!found_subject && !passive && clause_begin >= s.first + 2 && lw(clause_begin - 1) == "whose") {
          const std::size_t v = verb_group_start(i, clause_begin);
          bool unnamed = v > clause_begin;
          for (std::size_t k = clause_begin; k < v && unnamed; ++k) unnamed = is_np_internal(pos(k)) && mention_of(k) < 0;
          if (const int mk = unnamed ? relative_antecedent(clause_begin - 1, s.first) : -1; mk >= 0) {
            add(static_cast<std::size_t>(mk), frame.subj);
            found_subject = true;
          }
        }
        // A reporting verb after its quote takes its subject after it: '..., said the AIU.'
        if (!found_subject && frame.no_obj && i > s.first &&
            (lw(i - 1) == "," || lw(i - 1) == "\"" || lw(i - 1) == "\xE2\x80\x9D" || lw(i - 1) == "''"))
          for (auto c : np_mentions_after(i + 1, clause_end)) add(c, Role::agent);
        // Object and prepositional roles to the right, within the clause.
        std::size_t k = i + 1;
        while (k < clause_end && (pos(k) == Pos::rp || text::is_adverb(pos(k)))) ++k;
        if (!passive && !frame.no_obj) {
          int dk = -1;
          if (deep && deep->object[i] >= 0) dk = mention_of(static_cast<std::size_t>(deep->object[i]));
          if (dk >= 0 && !ar.mentions[static_cast<std::size_t>(dk)].possessive) {
            for (auto c : coordinated(static_cast<std::size_t>(dk), clause_end)) add(c, frame.obj);
          } else {
            for (auto c : np_mentions_after(k, clause_end)) add(c, frame.obj);
          }
        }
        for (std::size_t j = i + 1; j < clause_end && j <= i + 14; ++j) {
          if (text::is_verb(pos(j)) && j > i + 1 && !(consumed[j])) break;
          if (pos(j) != Pos::in && pos(j) != Pos::to) continue;
          auto it = frame.preps.find(lw(j));
          if (it == frame.preps.end()) continue;
          // An active verb's "by" phrase is no agent of it: "blocked the takeover of X by Y".
          if (lw(j) == "by" && !passive && it->second == Role::agent) continue;
          for (auto c : np_mentions_after(j + 1, clause_end, passive && lw(j) == "by")) add(c, it->second);
        }
        // A light verb's noun brings its own prepositions ("sanctions against the North").
      } else {
        // Possessor: "Koizumi's landmark meeting", "its release", "his election".
        for (std::size_t k = i; k-- > s.first;) {
          int mk = mention_of(k);
          if (mk >= 0) {
            const auto& m = ar.mentions[static_cast<std::size_t>(mk)];
            if (m.possessive) add(static_cast<std::size_t>(mk), frame.poss);
            break;
          }
          if (!(text::is_adjective(pos(k)) || pos(k) == Pos::nn || pos(k) == Pos::cd || pos(k) == Pos::pos ||
                text::is_adverb(pos(k)) || pos(k) == Pos::cc || lw(k) == "-"))
            break;
        }
        for (std::size_t j = i + 1; j < clause_end && j <= i + 10; ++j) {
          if (text::is_verb(pos(j))) break;
          if (pos(j) != Pos::in && pos(j) != Pos::to) continue;
          auto it = frame.preps.find(lw(j));
          if (it == frame.preps.end()) continue;
          for (auto c : np_mentions_after(j + 1, clause_end)) add(c, it->second);
        }
      }
      // A light verb's noun: its prepositions after the noun.
      if (verb && e && e->type != ev.lemma) {
        for (std::size_t j = i + 1; j < clause_end && j <= i + 14; ++j) {
          if (pos(j) != Pos::in && pos(j) != Pos::to) continue;
          auto it = e->frame.preps.find(lw(j));
          if (it == e->frame.preps.end() || lw(j) == "by") continue;
          for (auto c : np_mentions_after(j + 1, clause_end)) add(c, it->second);
        }
      }

      // Modality: negation and hypothesis in the verb group before the trigger, report
      // complements earlier in the sentence, and a closing "..., X said."
      auto key = [&](std::size_t base) { return [&, base](std::size_t k) { return lw(base + k); }; };
      Modality mod = Modality::asserted;
      auto stronger = [](Modality a, Modality b) {
        auto rank = [](Modality m) { return m == Modality::negated ? 3 : m == Modality::hypothetical ? 2 : m == Modality::claimed ? 1 : 0; };
        return rank(a) > rank(b) ? a : b;
      };
      // A barrier that is itself a cue ("if", "unless") opens the clause it governs.
      const std::size_t cue_from =
          clause_begin > s.first && cue_before.longest(1, key(clause_begin - 1)) ? clause_begin - 1 : clause_begin;
      for (std::size_t k = i >= 6 ? std::max(i - 6, cue_from) : cue_from; k < i; ++k) {
        if (timex_at[k] >= 0) continue;  // the month "May" is no modal
        if (auto m = cue_before.longest(i - k, key(k)); m && k + m->length <= i) {
          // Only aux, adverbs, "to", "be" and the trigger's own noun phrase between cue and
          // trigger; a comma closes the cue's clause ("If verified, such claims would").
          bool close = true;
          for (std::size_t j = k + m->length; j < i; ++j)
            if ((text::is_verb(pos(j)) && !is_be(lw(j)) && lw(j) != "have" && lw(j) != "has" && lw(j) != "been" &&
                 pos(j) != Pos::vbg &&
                 !(j + 2 == i && pos(j) == Pos::vbn && p == Pos::vbn && (lw(j + 1) == "and" || lw(j + 1) == "or"))) ||
                lw(j) == ",")
              close = false;
          if (close) mod = stronger(mod, cues[m->payload].modality);
        }
      }
      // (A cue fits before the trigger exactly when its shortest phrase at some k ends by i.)
      if (mod == Modality::asserted && first_complement_end(si) <= i) mod = Modality::claimed;
      if (mod == Modality::asserted) {
        // "..., the ministry said." — the cue in the last tokens, after a comma behind the trigger.
        for (std::size_t k = s.last >= 6 ? std::max<std::size_t>(s.last - 6, i + 1) : i + 1; k < s.last; ++k) {
          auto m = cue_after.longest(s.last - k, key(k));
          if (!m) continue;
          bool comma = false;
          for (std::size_t j = i + 1; j < k; ++j) comma |= lw(j) == ",";
          if (comma) mod = Modality::claimed;
        }
      }
      ev.modality = mod;

      // Time: the nearest DATE or TIME in the clause (no barrier between).
      // A closing attribution ("..., the ministry said.") is dated only by its own phrase: a
      // date before the comma belongs to what was said. `attribution` is that comma.
      std::size_t attribution = s.first;
      if (verb && frame.no_obj) {
        std::size_t c = i;
        while (c > s.first && (is_np_internal(pos(c - 1)) || mention_of(c - 1) >= 0 || pos(c - 1) == Pos::punct_lrb ||
                               pos(c - 1) == Pos::punct_rrb || text::is_adverb(pos(c - 1))))
          --c;
        if (c < i && c > s.first + 1 && (lw(c - 1) == "," || pos(c - 1) == Pos::punct_quote_close)) {
          bool clause_before = false;
          for (std::size_t k = s.first; k + 1 < c && !clause_before; ++k) clause_before = text::is_verb(pos(k));
          if (clause_before) attribution = c;
        }
      }
      int best = -1;
      std::size_t best_dist = std::numeric_limits<std::size_t>::max();
      for (std::size_t k = s.first; k < s.last; ++k) {
        int t = timex_at[k];
        if (t < 0) continue;
        if (k < attribution || k < body || dateline[static_cast<std::size_t>(t)]) continue;
        if (since_superlative(doc.token_at(timexes[static_cast<std::size_t>(t)].span.begin), s.first)) {
          // Only a "when" clause after it takes that date: "since 2022, when 100 people were killed".
          bool when = false;
          for (std::size_t j = k; j < i && !when; ++j) when = lw(j) == "when";
          if (!when) continue;
        }
        auto type = timexes[static_cast<std::size_t>(t)].type;
        if (type != time::TimexType::date && type != time::TimexType::time) continue;
        std::size_t lo = std::min(k, i), hi = std::max(k, i);
        bool blocked = false;
        for (std::size_t j = lo + 1; j < hi; ++j) {
          // An aside between dashes or brackets neither blocks nor serves ("Earlier this
          // month, the Council — under pressure from ... — adopted").
          // "discussed a tie-up in 2019 but abandoned it": "but" before a verb joins two verb
          // phrases of one clause, which share its date.
          if (barrier(j) && in_paren[j] == in_paren[i] && !(lw(j) == "but" && !ev.noun && verb_follows(j + 1)))
            blocked = true;
          // A reporting verb between separates the report from what it reports: "said on
          // Monday that X had attacked ... in 2019" dates neither by the other.
          if (j != i && text::is_verb(pos(j)) && reporting(j)) blocked = true;
        }
        // A reporting verb takes only a date before it or in its own short phrase ("said on
        // Wednesday"), not one inside what was said.
        if (!ev.noun && frame.no_obj && k > i) {
          for (std::size_t j = i + 1; j < k && !blocked; ++j)
            if (!(pos(j) == Pos::in || pos(j) == Pos::dt || text::is_adverb(pos(j)) || pos(j) == Pos::punct_comma))
              blocked = true;
        }
        // "The agency said on Tuesday it had opened an inquiry": the date is the report's.
        if (k < i && !(verb && frame.no_obj)) {
          std::size_t r = doc.token_at(timexes[static_cast<std::size_t>(t)].span.begin);
          while (r > s.first && (pos(r - 1) == Pos::in || pos(r - 1) == Pos::dt || text::is_adverb(pos(r - 1)))) --r;
          if (r > s.first && r - 1 != i && text::is_verb(pos(r - 1)) && reporting(r - 1)) blocked = true;
        }
        const std::size_t tf = doc.token_at(timexes[static_cast<std::size_t>(t)].span.begin);
        bool fronted = pos(s.first) == Pos::in || pos(s.first) == Pos::vbg;
        for (std::size_t j = s.first; j < i && fronted; ++j) fronted = lw(j) != ",";
        for (std::size_t j = lo + 1; j < hi && !blocked; ++j) {
          // ", and in 2013 it barred ...": a new clause after ", and"/", but" keeps its date.
          if (k > i && lw(j) == "," && j + 1 < hi && (lw(j + 1) == "and" || lw(j + 1) == "but")) blocked = true;
          // "Under pressure from the protests, the government last month banned": a noun
          // event in a sentence-opening phrase takes no date from the main clause.
          if (ev.noun && k > i && lw(j) == "," && in_paren[j] == in_paren[i] && fronted) blocked = true;
          // "to double funding by 2025 and urges ...": a deadline dates its own verb only
          // ("pledged to cut emissions by 2030": the cut's, not the pledge's; but "is expected
          // to ask Parn to form a government by the end of the month" may date the asking).
          if (k < i && tf > s.first && lw(tf - 1) == "by" &&
              (lw(j) == "and" || lw(j) == "but" || (text::is_verb(pos(j)) && j > tf)))
            blocked = true;
          if (k > i && tf > s.first && lw(tf - 1) == "by" && text::is_verb(pos(j)) && is_finite(p)) blocked = true;
        }
        // "demanding a 9 percent rise for next year", "a budget for 2021": a "for" date on the
        // object says what the thing is for, not when the event happened ("scheduled for
        // Monday" still dates its verb).
        if (k > i && tf >= i + 3 && lw(tf - 1) == "for" && text::is_noun(pos(tf - 2)) && mention_of(tf - 2) < 0)
          blocked = true;
        // "engineers kidnapped at a site in 2021 have been released", "engineers who were
        // kidnapped in 2021 have been released": a date after a participle or a relative
        // clause's verb that modifies the subject is that verb's.
        if (k < i) {
          for (std::size_t v = k; v-- > s.first;) {
            if (barrier(v) || lw(v) == ",") break;
            if (!text::is_verb(pos(v))) continue;
            if (pos(v) == Pos::vbn && v > s.first && (pos(v - 1) == Pos::nn || pos(v - 1) == Pos::nns) &&
                mention_of(v - 1) < 0)
              blocked = true;
            std::size_t r = verb_group_start(v, s.first);
            if (r > s.first && (lw(r - 1) == "who" || lw(r - 1) == "which" || (lw(r - 1) == "that" && barrier(r - 1))))
              blocked = true;
            break;
          }
        }
        // "has denied all charges since his arrest in February 2017": the date is the
        // arrest's, inside the "since" phrase; it dates nothing outside it.
        if (tf > s.first + 2 && (lw(tf - 1) == "in" || lw(tf - 1) == "on" || lw(tf - 1) == "of")) {
          std::size_t j = tf - 1;
          // Over the noun phrase, a possessor included: "since her arrest", "since Lima's arrest".
          auto np_internal = [&](std::size_t k) {
            const int mk = mention_of(k);
            return is_np_internal(pos(k)) && (mk < 0 || ar.mentions[static_cast<std::size_t>(mk)].possessive);
          };
          while (j > s.first && j + 6 > tf && np_internal(j - 1)) --j;
          if (j > s.first && j + 1 < tf && lw(j - 1) == "since" && !(i >= j && i < tf)) blocked = true;
        }
        if (blocked) continue;
        std::size_t dist = hi - lo;
        // "would resubmit it before the end of the year and planned to launch it in early
        // 2024": a date in an earlier coordinated verb phrase serves only when the trigger's
        // own phrase has none.
        if (k < i)
          for (std::size_t j = k + 1; j < i; ++j)
            if ((lw(j) == "and" || lw(j) == "but") && j + 1 < i && text::is_verb(pos(j + 1))) dist += n;
        if (dist < best_dist) {
          best_dist = dist;
          best = t;
        }
      }
      ev.timex = best;
      // "told supporters on Sunday that ... and said he would": a coordinated verb with no date
      // in its own phrase shares its conjunct's, a finite verb a finite one's ("pledged to cut
      // emissions by 2030 and urged": the deadline is the cut's, not the pledge's).
      if (best < 0 && conjunct >= 0) {
        for (auto c = static_cast<std::size_t>(conjunct) + 1; c-- > 0 && out[c].sentence == si;) {
          if (out[c].noun || (is_finite(p) && !is_finite(pos(out[c].token)))) continue;
          ev.timex = out[c].timex;
          break;
        }
      }

      // Which candidates are events: lexicon triggers (verbs always, nouns with a role, a
      // time or a modal cue) and other verbs with an actor role.
      const bool has_role = !ev.arguments.empty();
      bool keep = e ? (verb || has_role || ev.timex >= 0 || mod != Modality::asserted)
                    : verb_files[lemmatizer.sense_file(ev.lemma, Cat::verb)] && !modifier(i) &&
                          ((p == Pos::vbd && (has_role || ev.timex >= 0)) || (p == Pos::vbn && has_role && after_be(i)));
      if (!keep && e && noun) ev.weak = true;
      else if (!keep) continue;
      out.push_back(std::move(ev));
    }
  }
  return out;
}

}  // namespace annals::events
