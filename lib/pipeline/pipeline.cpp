#include "pipeline/pipeline.h"

#include <algorithm>
#include <optional>

#include "actors/actors.h"
#include "core/files.h"
#include "events/events.h"
#include "relations/relations.h"
#include "syntax/syntax.h"
#include "text/text.h"
#include "time/time.h"

namespace annals::pipeline {
namespace {

/// date::format("%F", d), without its stream and locale: it runs for every timex and event.
std::string iso(date::sys_days d) {
  const date::year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) return date::format("%F", d);
  const unsigned m = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
  const char out[10] = {static_cast<char>('0' + y / 1000),     static_cast<char>('0' + y / 100 % 10),
                        static_cast<char>('0' + y / 10 % 10),  static_cast<char>('0' + y % 10),
                        '-',
                        static_cast<char>('0' + m / 10),       static_cast<char>('0' + m % 10),
                        '-',
                        static_cast<char>('0' + day / 10),     static_cast<char>('0' + day % 10)};
  return std::string(out, sizeof out);
}

std::string iso(date::year_month_day d) { return iso(date::sys_days{d}); }

}  // namespace

struct Pipeline::Impl {
  text::Segmenter segmenter;
  text::PosTagger pos;
  time::Tagger timex;
  actors::Recognizer actors;
  events::Extractor events;
  relations::CausalFinder causal;
  std::optional<syntax::Parser> parser;  ///< only when loaded for deep mode
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

Expected<Pipeline> Pipeline::load(const Paths& paths, bool deep) {
  auto seg = text::Segmenter::load(paths);
  if (!seg) return seg.error();
  auto pos = text::PosTagger::load(paths);
  if (!pos) return pos.error();
  auto tx = time::Tagger::load(paths);
  if (!tx) return tx.error();
  auto ac = actors::Recognizer::load(paths);
  if (!ac) return ac.error();
  auto ev = events::Extractor::load(paths);
  if (!ev) return ev.error();
  auto ca = relations::CausalFinder::load(paths);
  if (!ca) return ca.error();
  std::optional<syntax::Parser> parser;
  if (deep) {
    auto p = syntax::Parser::load();
    if (!p) return p.error();
    parser.emplace(std::move(*p));
  }
  return Pipeline(std::make_unique<Impl>(Impl{std::move(*seg), std::move(*pos), std::move(*tx), std::move(*ac),
                                              std::move(*ev), std::move(*ca), std::move(parser)}));
}

std::string event_id(const std::string& doc_id, std::uint32_t offset, const std::string& type,
                     std::vector<std::string> agents, std::vector<std::string> patients, const std::string& time_value) {
  if (time_value.empty() || (agents.empty() && patients.empty()))
    return "event:" + doc_id + ":" + std::to_string(offset);
  auto join = [](std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string out;
    for (const auto& id : ids) {
      if (!out.empty()) out += '+';
      out += id.substr(id.find(':') + 1);  // "actor:japan" → "japan"
    }
    return out;
  };
  return "event:" + type + ":" + join(std::move(agents)) + ":" + join(std::move(patients)) + ":" + time_value;
}

Expected<graph::KnowledgeGraph> Pipeline::extract(const std::string& doc_id, std::string text,
                                                  const Options& options) const {
  if (auto bad = find_invalid_utf8(text); bad != std::string::npos)
    return diagnostic_at(doc_id, text, bad, "invalid UTF-8 (byte offset " + std::to_string(bad) + ")");
  if (text.size() > 0xFFFFFFF0u)
    return Diagnostic{doc_id, 0, 0, "document larger than 4 GiB; split it", Status::input};

  text::Document doc = impl_->segmenter.segment(doc_id, std::move(text));
  impl_->pos.tag(doc);
  auto dct = options.dct;
  if (!dct) dct = impl_->timex.find_dateline(doc);
  if (!dct)
    return Diagnostic{doc_id, 0, 0, "no dateline with the document's date in its first lines; pass --dct YYYY-MM-DD",
                      Status::input};
  const auto timexes = impl_->timex.tag(doc, *dct);
  auto ar = impl_->actors.recognize(doc);
  for (auto& a : ar.actors)  // "actor:protesters" of this article is no other's
    if (a.generic) a.id = "actor:" + doc_id + "#" + a.id.substr(6);
  if (options.deep && !impl_->parser)
    return Diagnostic{doc_id, 0, 0, "deep mode asked of a pipeline loaded without the parser", Status::internal};
  syntax::Relations deep;
  if (options.deep) deep = impl_->parser->parse(doc);
  const auto evs = impl_->events.extract(doc, ar, timexes, options.deep ? &deep : nullptr);
  const auto links = impl_->causal.find(doc, evs);
  // Bare event nouns stay only when a causal link rests on them.
  std::vector<bool> linked(evs.size(), false);
  for (const auto& l : links) linked[l.cause] = linked[l.effect] = true;

  graph::KnowledgeGraph g;
  g.add_document({doc_id, iso(*dct)});
  auto mention = [&](Span span) {
    auto tok = doc.token_at(span.begin);
    std::uint32_t sentence = tok < doc.tokens.size() ? doc.tokens[tok].sentence : 0;
    return graph::Mention{doc_id, span, std::string(doc.str(span)), sentence};
  };

  std::vector<std::string> timex_ids(timexes.size());
  for (std::size_t t = 0; t < timexes.size(); ++t) timex_ids[t] = doc_id + "#t" + std::to_string(t + 1);
  for (std::size_t t = 0; t < timexes.size(); ++t) {
    const auto& x = timexes[t];
    graph::TimexRecord r;
    r.id = timex_ids[t];
    r.doc = doc_id;
    r.span = x.span;
    r.text = std::string(doc.str(x.span));
    std::string_view type = time::to_string(x.type);
    r.type = std::string(type);
    r.value = x.value;
    r.mod = std::string(time::to_string(x.mod));
    if (x.interval) {
      r.begin = iso(x.interval->begin);
      r.end = iso(x.interval->end);
    }
    if (x.anchor >= 0 && static_cast<std::size_t>(x.anchor) < timexes.size()) r.anchor = timex_ids[static_cast<std::size_t>(x.anchor)];
    g.add_timex(std::move(r));
  }

  // Actors with at least one name: pronouns and nominals only add roles.
  std::vector<bool> named(ar.actors.size(), false);
  for (const auto& m : ar.mentions)
    if (m.kind == actors::MentionKind::name) named[m.actor] = true;
  // Each actor's mentions in text order, found in one pass rather than one per actor.
  std::vector<std::vector<std::size_t>> mentions_of(ar.actors.size());
  for (std::size_t mi = 0; mi < ar.mentions.size(); ++mi)
    if (named[ar.mentions[mi].actor]) mentions_of[ar.mentions[mi].actor].push_back(mi);
  for (std::size_t a = 0; a < ar.actors.size(); ++a) {
    if (!named[a]) continue;
    graph::Node n;
    n.id = ar.actors[a].id;
    n.kind = graph::NodeKind::actor;
    n.label = ar.actors[a].label;
    n.actor_type = std::string(actors::to_string(ar.actors[a].type));
    for (std::size_t mi : mentions_of[a]) {
      const auto& m = ar.mentions[mi];
      if (m.kind == actors::MentionKind::pronoun) continue;
      n.mentions.push_back(mention(m.span));
      if (m.kind == actors::MentionKind::name) n.aliases.emplace_back(doc.str(m.span));
    }
    g.add_node(std::move(n));
  }
  for (std::size_t a = 0; a < ar.actors.size(); ++a) {
    if (!named[a] || !ar.actors[a].part_of || !named[*ar.actors[a].part_of]) continue;
    g.add_edge(ar.actors[a].id, ar.actors[*ar.actors[a].part_of].id, graph::Edge{graph::Relation::part_of, {}, {}});
  }

  // Events.
  std::vector<std::string> event_ids(evs.size());
  for (std::size_t e = 0; e < evs.size(); ++e) {
    const auto& ev = evs[e];
    if (ev.weak && !linked[e]) continue;
    std::vector<std::string> agents, patients;
    for (const auto& arg : ev.arguments) {
      if (!named[arg.actor]) continue;
      if (arg.role == events::Role::agent) agents.push_back(ar.actors[arg.actor].id);
      if (arg.role == events::Role::patient) patients.push_back(ar.actors[arg.actor].id);
    }
    graph::Node n;
    n.kind = graph::NodeKind::event;
    n.type = ev.type;
    n.trigger = std::string(doc.str(ev.trigger));
    n.modality = std::string(events::to_string(ev.modality));
    std::string time_value;
    if (ev.timex >= 0) {
      const auto& x = timexes[static_cast<std::size_t>(ev.timex)];
      // What the text dates wholly after its own date has not happened: "called an emergency
      // meeting for Wednesday", "expects to emerge by the middle of next year".
      if (ev.modality == events::Modality::asserted && !x.offset && x.interval &&
          x.interval->begin > date::sys_days{*dct})
        n.modality = std::string(events::to_string(events::Modality::hypothetical));
      graph::EventTime t;
      // "three years later": the timex is the duration, the event's time the date it points to.
      t.value = x.offset ? x.offset->value : x.value;
      t.mod = std::string(time::to_string(x.mod));
      // An event over a range ("from 2001 to 2004") spans it: the value is the part that
      // governs the clause, the interval the whole range.
      if (auto span = time::range_interval(timexes, static_cast<std::size_t>(ev.timex))) {
        t.begin = iso(span->begin);
        t.end = iso(span->end);
      } else if (x.offset) {
        t.begin = iso(x.offset->interval.begin);
        t.end = iso(x.offset->interval.end);
      }
      t.timex = timex_ids[static_cast<std::size_t>(ev.timex)];
      time_value = t.value;
      n.time = std::move(t);
    }
    n.label = (time_value.empty() ? std::string() : time_value + " \xC2\xB7 ") + ev.type;
    // Only a time on the calendar identifies an event across documents: two articles'
    // "recently" (PAST_REF) need not be the same day.
    const bool on_calendar = n.time && !n.time->begin.empty();
    n.id = event_id(doc_id, ev.trigger.begin, ev.type, agents, patients, on_calendar ? time_value : std::string());
    n.mentions.push_back(mention(ev.trigger));
    event_ids[e] = n.id;
    g.add_node(std::move(n));
    for (const auto& arg : ev.arguments) {
      if (!named[arg.actor]) continue;
      graph::Relation rel = arg.role == events::Role::agent     ? graph::Relation::agent
                            : arg.role == events::Role::patient ? graph::Relation::patient
                                                                : graph::Relation::participant;
      g.add_edge(ar.actors[arg.actor].id, event_ids[e], graph::Edge{rel, {}, {mention(ar.mentions[arg.mention].span)}});
    }
  }
  for (const auto& l : links)
    g.add_edge(event_ids[l.cause], event_ids[l.effect], graph::Edge{graph::Relation::causes, l.cue_text, {mention(l.cue)}});
  if (options.temporal_edges) {
    for (const auto& l : relations::temporal_order(evs, timexes)) {
      if (event_ids[l.from] == event_ids[l.to]) continue;
      auto rel = l.order == relations::Order::before ? graph::Relation::before : graph::Relation::overlap;
      g.add_edge(event_ids[l.from], event_ids[l.to], graph::Edge{rel, {}, {}});
    }
  }
  return g;
}

}  // namespace annals::pipeline
