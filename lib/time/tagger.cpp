// The Tagger: rule files compiled into a Grammar at load; tag() = anchor(match()).
#include "time/time.h"

#include "time/grammar.h"

namespace annals::time {

struct Tagger::Impl {
  detail::Grammar grammar;
  std::vector<RangeCue> ranges;
  std::vector<OffsetCue> offsets;
};

Tagger::Tagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tagger::Tagger(Tagger&&) noexcept = default;
Tagger& Tagger::operator=(Tagger&&) noexcept = default;
Tagger::~Tagger() = default;

Expected<Tagger> Tagger::load(const Paths& paths, TagOptions options) {
  auto g = detail::Grammar::load(paths.rules / "time/rules/en", options);
  if (!g) return g.error();
  auto ranges = load_range_cues(paths.rules / "time/rules/en/ranges.tsv");
  if (!ranges) return ranges.error();
  auto offsets = load_offset_cues(paths.rules / "time/rules/en/offsets.tsv");
  if (!offsets) return offsets.error();
  auto impl = std::make_unique<Impl>();
  impl->grammar = std::move(*g);
  impl->ranges = std::move(*ranges);
  impl->offsets = std::move(*offsets);
  return Tagger(std::move(impl));
}

namespace {

/// The tense of a sentence from its cue words ("will", "next" → after; "said", "was" → before)
/// and, when the document was POS-tagged, its past-tense verbs. `pos_tag(s)` runs before the
/// tags of sentence s are read: it does nothing, or tags the sentence now.
template <class PosTag>
Frame::Lean sentence_tense(const detail::Grammar& g, const text::Document& doc,
                           const std::vector<detail::Piece>& ps, std::size_t piece, PosTag& pos_tag) {
  const std::uint32_t s = ps[piece].sentence;
  std::size_t b = piece, e = piece;
  while (b > 0 && ps[b - 1].sentence == s) --b;
  while (e < ps.size() && ps[e].sentence == s) ++e;
  bool past = false, future = false;
  for (std::size_t k = b; k < e; ++k) {
    std::uint8_t t = g.tense_of(ps[k].word);
    if (t == 2) future = true;
    if (t == 1) past = true;
  }
  // A past cue word settles it; only then are the verbs' tags needed (and made, if lazy).
  if (!past && s < doc.sentences.size()) {
    pos_tag(s);
    const text::Sentence& sent = doc.sentences[s];
    for (std::uint32_t k = sent.first; k < sent.last; ++k)
      if (doc.tokens[k].pos == text::Pos::vbd) past = true;
  }
  // Past wins when a sentence has both cues ("said ... will resume talks Friday"): news
  // reports more than it announces (measured: +0.3 value F1 on TempEval-3 train).
  if (past) return Frame::Lean::before;
  if (future) return Frame::Lean::after;
  return Frame::Lean::none;
}

template <class PosTag>
std::vector<Mention> match_with(const detail::Grammar& g, const text::Document& doc, PosTag& pos_tag,
                                std::uint32_t until = std::numeric_limits<std::uint32_t>::max()) {
  std::vector<detail::Piece> ps;
  g.pieces(doc, ps, until);
  std::vector<Mention> out;
  std::vector<detail::Capture> caps;
  for (std::size_t i = 0; i < ps.size();) {
    if (!g.may_start(ps[i])) {
      ++i;
      continue;
    }
    std::size_t n = g.match_at(doc, ps, i, out, caps);
    if (n == 0) {
      ++i;
      continue;
    }
    Mention& m = out.back();
    // match_at read the verbs before them only if the sentence was tagged already: a future
    // cue found past an untagged verb ("will ... , Cuba predicted Wednesday") is read again
    // with the tags ("predicted" is the nearer cue).
    if (m.cue == Frame::Lean::after && ps[i].sentence < doc.sentences.size()) {
      pos_tag(ps[i].sentence);
      m.cue = g.cue_before(doc, ps, i);
    }
    // "a meeting for Wednesday", "set for Friday": a weekday after "for" is one to come.
    if (m.frame.kind == Frame::Kind::point && m.frame.weekday != Frame::kUnset && m.frame.day == Frame::kUnset &&
        m.frame.lean == Frame::Lean::none && i > 0 && ps[i - 1].sentence == ps[i].sentence &&
        ps[i - 1].span.of(doc.lower) == "for")
      m.cue = Frame::Lean::after;
    // Weekdays and months lean on the sentence's tense (quarters do not: see anchor.cpp).
    if (m.frame.kind == Frame::Kind::point && m.frame.lean == Frame::Lean::none && m.frame.year == Frame::kUnset &&
        (m.frame.weekday != Frame::kUnset || m.frame.month != Frame::kUnset))
      m.tense = sentence_tense(g, doc, ps, i, pos_tag);
    i += n;
  }
  return out;
}

}  // namespace

std::vector<Mention> Tagger::match(const text::Document& doc) const {
  auto pos_tag = [](std::uint32_t) {};
  return match_with(impl_->grammar, doc, pos_tag);
}

std::vector<Timex> Tagger::tag(const text::Document& doc, date::year_month_day dct) const {
  auto out = anchor(match(doc), dct);
  link_ranges(doc, out, impl_->ranges);
  link_offsets(doc, out, impl_->offsets);
  return out;
}

std::vector<Timex> Tagger::tag(text::Document& doc, date::year_month_day dct, const text::PosTagger& pos) const {
  // Viterbi runs per sentence, so a sentence tagged alone gets the tags a whole-document pass
  // gives it; few sentences hold a weekday, and tagging the others was half of `annals tag`.
  std::vector<bool> tagged(doc.sentences.size());
  auto pos_tag = [&](std::uint32_t s) {
    if (tagged[s]) return;
    tagged[s] = true;
    pos.tag(doc, s);
  };
  auto out = anchor(match_with(impl_->grammar, doc, pos_tag), dct);
  link_ranges(doc, out, impl_->ranges);
  link_offsets(doc, out, impl_->offsets);
  return out;
}

std::optional<date::year_month_day> Tagger::find_dateline(const text::Document& doc) const {
  // The first full date in the first lines: datelines sit above the story's first sentence.
  constexpr std::uint32_t kHead = 600;  // bytes
  // Only the head is matched: the whole text is matched again by tag().
  auto no_pos = [](std::uint32_t) {};
  for (const Mention& m : match_with(impl_->grammar, doc, no_pos, kHead)) {
    if (m.span.begin > kHead) break;
    const Frame& f = m.frame;
    if (f.kind != Frame::Kind::point || f.year == Frame::kUnset || f.month == Frame::kUnset || f.day == Frame::kUnset)
      continue;
    date::year_month_day d{date::year{f.year}, date::month{static_cast<unsigned>(f.month)},
                           date::day{static_cast<unsigned>(f.day)}};
    if (d.ok()) return d;
  }
  return std::nullopt;
}

}  // namespace annals::time
