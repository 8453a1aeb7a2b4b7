#include "relations/relations.h"

#include <algorithm>
#include <numeric>

#include "core/table.h"
#include "core/token_trie.h"

namespace annals::relations {
namespace {

enum class Form : std::uint8_t { marker, forward, backward, causative, anaphoric, none };

struct Cue {
  Form form;
};

/// How far before a causative verb its subject's event may lie, in tokens.
constexpr std::size_t kSubjectReach = 5;

/// Whether only conjunctions, adverbs and quotes precede token `i` in its sentence.
bool opens_sentence(const text::Document& doc, std::size_t first, std::size_t i) {
  for (std::size_t k = first; k < i; ++k) {
    auto p = doc.tokens[k].pos;
    if (p != text::Pos::cc && !text::is_adverb(p) && p != text::Pos::punct_quote_open) return false;
  }
  return true;
}

/// Whether a comma or a verb comes between tokens `a` (included) and `b`: the noun phrase
/// that starts at `a` ends before `b`.
bool ends_noun_phrase(const text::Document& doc, std::size_t a, std::size_t b) {
  for (std::size_t k = a; k < b; ++k) {
    auto p = doc.tokens[k].pos;
    if (p == text::Pos::punct_comma || text::is_verb(p)) return true;
  }
  return false;
}

/// Whether a relative clause or a new clause opens between tokens `a` and `b` ("the vote,
/// in which lawmakers rejected ...", "the talks; then they left").
bool opens_clause(const text::Document& doc, std::size_t a, std::size_t b) {
  for (std::size_t k = a + 1; k < b; ++k) {
    auto p = doc.tokens[k].pos;
    if (p == text::Pos::wdt || p == text::Pos::wp || p == text::Pos::wrb || p == text::Pos::punct_colon)
      return true;
  }
  return false;
}

}  // namespace

struct CausalFinder::Impl {
  TokenTrie trie;
  std::vector<Cue> cues;
};

CausalFinder::CausalFinder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CausalFinder::CausalFinder(CausalFinder&&) noexcept = default;
CausalFinder& CausalFinder::operator=(CausalFinder&&) noexcept = default;
CausalFinder::~CausalFinder() = default;

Expected<CausalFinder> CausalFinder::load(const Paths& paths) {
  auto table = read_table(paths.rules / "relations/rules/en/causal_cues.tsv", 2, 2);
  if (!table) return table.error();
  auto impl = std::make_unique<Impl>();
  for (const auto& row : table->rows) {
    Cue c{};
    const auto& f = row.fields[1];
    if (f == "marker") c.form = Form::marker;
    else if (f == "forward") c.form = Form::forward;
    else if (f == "backward") c.form = Form::backward;
    else if (f == "causative") c.form = Form::causative;
    else if (f == "anaphoric") c.form = Form::anaphoric;
    else if (f == "none") c.form = Form::none;
    else return table->error(row, 1, "form must be marker, forward, backward, causative, anaphoric or none");
    if (!impl->trie.insert(text::phrase_tokens(row.fields[0]), static_cast<std::uint32_t>(impl->cues.size())))
      return table->error(row, 0, "empty cue");
    impl->cues.push_back(c);
  }
  return CausalFinder(std::move(impl));
}

std::vector<CausalLink> CausalFinder::find(const text::Document& doc, const std::vector<events::Event>& events) const {
  std::vector<CausalLink> out;
  // Events by sentence, in trigger order.
  std::vector<std::vector<std::size_t>> by_sentence(doc.sentences.size());
  for (std::size_t e = 0; e < events.size(); ++e) by_sentence[events[e].sentence].push_back(e);

  for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
    const auto& s = doc.sentences[si];
    const auto& evs = by_sentence[si];
    if (evs.empty()) continue;
    auto tok = [&](std::size_t e) { return static_cast<std::size_t>(events[e].token); };
    // Nearest event whose trigger lies in [lo, hi), scanning from the given end.
    auto first_in = [&](std::size_t lo, std::size_t hi) -> std::optional<std::size_t> {
      for (auto e : evs)
        if (tok(e) >= lo && tok(e) < hi) return e;
      return std::nullopt;
    };
    auto last_in = [&](std::size_t lo, std::size_t hi) -> std::optional<std::size_t> {
      std::optional<std::size_t> r;
      for (auto e : evs)
        if (tok(e) >= lo && tok(e) < hi) r = e;
      return r;
    };

    for (std::size_t i = s.first; i < s.last; ++i) {
      auto m = impl_->trie.longest(s.last - i, [&](std::size_t k) { return doc.lower_word(i + k); });
      if (!m) continue;
      const std::size_t cue_end = i + m->length;
      CausalLink link;
      link.cue = cover(doc.tokens[i].span, doc.tokens[cue_end - 1].span);
      link.cue_text = std::string(doc.str(link.cue));
      std::optional<std::size_t> cause, effect;
      switch (impl_->cues[m->payload].form) {
        case Form::none:  // looks like a cue and is not: "a day after" is time, not cause
          i = cue_end - 1;
          continue;
        case Form::marker: {
          const auto last = doc.lower_word(cue_end - 1);
          // "due to meet", "thanks to help": a cue ending in "to" before a bare verb is no cue.
          if (last == "to" && cue_end < s.last && doc.tokens[cue_end].pos == text::Pos::vb) break;
          // The cause. A cue ending in "from"/"of" names an event in its noun phrase ("under
          // pressure from the protests"), else its own ("under pressure from Germany": the
          // pressure). Any other cue heads a phrase or a clause: its first event, or the verb
          // of the clause when that event is the verb's subject ("after talks between the
          // union and the company broke down": the breakdown, not the talks).
          // Fronted: the cue opens the sentence or an aside ("The council, under pressure from
          // X, adopted ...", "The council—under pressure from X—adopted ...").
          const bool fronted = opens_sentence(doc, s.first, i) || text::is_punct(doc.tokens[i - 1].pos) ||
                               doc.tokens[i - 1].pos == text::Pos::sym;  // a dash
          if (last == "from" || last == "of") {
            for (auto e : evs) {
              if (tok(e) < cue_end || !events[e].noun || ends_noun_phrase(doc, cue_end, tok(e))) continue;
              if (tok(e) < cue_end + 4) cause = e;
              break;
            }
            if (!cause) cause = first_in(i, cue_end);
          }
          if (!cause) {
            // The phrase or clause after the cue ends at a relative pronoun ("talks, which
            // opened ...") other than "who", a colon, ", but", or, for a fronted phrase, at its comma
            // ("Following the vote, Peru ...").
            std::size_t hi = std::min<std::size_t>(cue_end + 15, s.last);
            for (std::size_t k = cue_end; k < hi; ++k) {
              auto p = doc.tokens[k].pos;
              bool comma = p == text::Pos::punct_comma;
              // ("bowing to protesters who had blocked the roads": people are named by what they
              // did, and that is the cause.)
              if (p == text::Pos::wdt || (p == text::Pos::wp && doc.lower_word(k) != "who") ||
                  p == text::Pos::punct_colon || (comma && fronted) ||
                  (comma && k + 1 < hi && doc.tokens[k + 1].pos == text::Pos::cc))
                hi = k;
            }
            cause = first_in(cue_end, hi);
            if (cause && events[*cause].noun) {
              for (auto e : evs) {
                if (tok(e) <= tok(*cause) || tok(e) >= hi) continue;
                if (!events[e].noun && !opens_clause(doc, tok(*cause), tok(e))) cause = e;
                break;
              }
            }
          }
          if (!cause) break;
          // The effect is the main clause's event: before the cue when the cue follows it
          // ("X resigned after the report"), else, when the cue opens the sentence, after the
          // cue's phrase ("Following the quake, Peru declared ..."). A report is not the
          // effect of what it reports ("officials said the toll rose because ...").
          std::size_t np_end = std::max(cue_end, tok(*cause) + 1);
          std::optional<std::size_t> before;
          std::size_t before_d = ~std::size_t{0};
          for (auto e : evs) {
            if (e == *cause || tok(e) >= i || events[e].weak || events[e].type == "statement") continue;
            std::size_t d = i - tok(e) + (events[e].noun ? 8 : 0);
            if (d < before_d) {
              before_d = d;
              before = e;
            }
          }
          if (before) {
            effect = before;
          } else if (fronted) {
            for (auto e : evs)
              if (e != *cause && tok(e) >= np_end && !events[e].weak) {
                effect = e;
                break;
              }
          }
          break;
        }
        case Form::anaphoric: {
          // "In response, Oslo accused ...": the cause is the last event the previous sentence
          // asserts outright (not a report, not a cause it names itself), the effect the first
          // event after the cue.
          if (si == 0 || !opens_sentence(doc, s.first, i)) break;
          if (cue_end < s.last && doc.tokens[cue_end].pos != text::Pos::punct_comma && m->length > 1) break;
          for (auto e : by_sentence[si - 1]) {
            const auto& ev = events[e];
            if (ev.weak || ev.noun || ev.type == "statement" || ev.modality != events::Modality::asserted) continue;
            bool named_cause = std::any_of(out.begin(), out.end(), [&](const CausalLink& l) { return l.cause == e; });
            if (!named_cause) cause = e;
          }
          if (cause)
            for (auto e : evs)
              if (tok(e) >= cue_end && !events[e].weak) {
                effect = e;
                break;
              }
          break;
        }
        case Form::forward:
          cause = last_in(s.first, i);
          effect = first_in(cue_end, s.last);
          break;
        case Form::backward:
          effect = last_in(s.first, i);
          cause = first_in(cue_end, s.last);
          break;
        case Form::causative:
          // The cause is the verb's subject, just before it ("the tests jolted Tokyo into"),
          // not an event of an earlier clause ("the demands were unaffordable when imports
          // had pushed prices down").
          effect = first_in(i, cue_end);
          if (effect) cause = last_in(i > kSubjectReach ? i - kSubjectReach : s.first, i);
          break;
      }
      if (!cause || !effect || *cause == *effect) continue;
      link.cause = *cause;
      link.effect = *effect;
      out.push_back(std::move(link));
      i = cue_end - 1;
    }
  }
  return out;
}

std::vector<TemporalLink> temporal_order(const std::vector<events::Event>& events,
                                         const std::vector<time::Timex>& timexes) {
  std::vector<std::size_t> dated;
  for (std::size_t e = 0; e < events.size(); ++e) {
    int t = events[e].timex;
    if (t >= 0 && timexes[static_cast<std::size_t>(t)].interval) dated.push_back(e);
  }
  auto iv = [&](std::size_t e) { return *timexes[static_cast<std::size_t>(events[e].timex)].interval; };
  std::stable_sort(dated.begin(), dated.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(iv(a).begin, iv(a).end) < std::pair(iv(b).begin, iv(b).end);
  });
  std::vector<TemporalLink> out;
  for (std::size_t k = 0; k + 1 < dated.size(); ++k) {
    std::size_t a = dated[k], b = dated[k + 1];
    auto x = iv(a), y = iv(b);
    if (x == y && events[a].timex == events[b].timex) continue;  // same time expression: no news
    Order o = x.end <= y.begin ? Order::before : Order::overlap;
    out.push_back({a, b, o});
  }
  return out;
}

}  // namespace annals::relations
