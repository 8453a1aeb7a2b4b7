#include "relations/relations.h"

#include <algorithm>
#include <numeric>

#include "core/table.h"
#include "core/token_trie.h"

namespace annals::relations {
namespace {

enum class Form : std::uint8_t { marker, forward, backward, causative };

struct Cue {
  Form form;
};

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
    else return table->error(row, 1, "form must be marker, forward, backward or causative");
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
        case Form::marker: {
          // The cause is the event a cue ending in "from"/"of" names itself ("under pressure
          // from"), else the first event in the next tokens ("in protest at the provocation").
          auto last = doc.lower_word(cue_end - 1);
          if (last == "from" || last == "of") cause = first_in(i, cue_end);
          if (!cause) cause = first_in(cue_end, std::min<std::size_t>(cue_end + 8, s.last));
          if (!cause) break;
          // The effect is the main clause's event: before the cue when the cue follows it
          // ("X resigned after the report"), else after the cue's phrase ("Following the
          // quake, Peru declared ...").
          std::size_t np_end = std::max(cue_end, tok(*cause) + 1);
          std::optional<std::size_t> before;
          std::size_t before_d = ~std::size_t{0};
          for (auto e : evs) {
            if (e == *cause || tok(e) >= i || events[e].weak) continue;
            std::size_t d = i - tok(e) + (events[e].noun ? 8 : 0);
            if (d < before_d) {
              before_d = d;
              before = e;
            }
          }
          if (before) {
            effect = before;
          } else {
            for (auto e : evs)
              if (e != *cause && tok(e) >= np_end && !events[e].weak) {
                effect = e;
                break;
              }
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
          effect = first_in(i, cue_end);
          if (effect) cause = last_in(s.first, i);
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
