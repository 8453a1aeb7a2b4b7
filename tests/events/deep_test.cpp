// The event stage's deep mode: a parse's subject, object and passive agent win over the
// chunker's where they name an actor, and the chunker answers where they do not.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "actors/actors.h"
#include "core/paths.h"
#include "events/events.h"
#include "syntax/syntax.h"
#include "text/text.h"
#include "time/time.h"

using namespace annals;

namespace {

struct Stages {
  text::Segmenter seg;
  text::PosTagger pos;
  actors::Recognizer actors;
  events::Extractor events;
};

const Stages& stages() {
  static const Stages s = [] {
    auto paths = default_paths();
    auto seg = text::Segmenter::load(paths);
    REQUIRE_MESSAGE(seg, seg.error().str());
    auto pos = text::PosTagger::load(paths);
    REQUIRE_MESSAGE(pos, pos.error().str());
    auto ac = actors::Recognizer::load(paths);
    REQUIRE_MESSAGE(ac, ac.error().str());
    auto ev = events::Extractor::load(paths);
    REQUIRE_MESSAGE(ev, ev.error().str());
    return Stages{std::move(*seg), std::move(*pos), std::move(*ac), std::move(*ev)};
  }();
  return s;
}

struct Run {
  text::Document doc;
  actors::Result actors;

  std::size_t at(std::string_view word) const {
    for (std::size_t i = 0; i < doc.tokens.size(); ++i)
      if (doc.word(i) == word) return i;
    FAIL("no token " << word);
    return 0;
  }
  syntax::Relations no_parse() const {
    syntax::Relations r;
    r.subject.assign(doc.tokens.size(), -1);
    r.object.assign(doc.tokens.size(), -1);
    r.by_agent.assign(doc.tokens.size(), -1);
    r.passive.assign(doc.tokens.size(), 0);
    return r;
  }
  /// "agent=Chile patient=Peru" for the event whose trigger is `trigger`.
  std::string roles(std::string_view trigger, const syntax::Relations* deep) const {
    auto evs = stages().events.extract(doc, actors, {}, deep);
    for (const auto& e : evs) {
      if (doc.str(e.trigger) != trigger) continue;
      std::string out;
      for (const auto& a : e.arguments)
        out += (out.empty() ? "" : " ") + std::string(events::to_string(a.role)) + "=" + actors.actors[a.actor].label;
      return out;
    }
    return "no event";
  }
};

Run run(const std::string& text) {
  const auto& s = stages();
  Run r{s.seg.segment("x", text), {}};
  s.pos.tag(r.doc);
  r.actors = s.actors.recognize(r.doc);
  return r;
}

}  // namespace

TEST_CASE("deep: the parse's subject and object win over the chunker's") {
  auto r = run("Chile expelled the envoy of Peru.");
  CHECK(r.roles("expelled", nullptr) == "agent=Chile patient=Peru");
  auto deep = r.no_parse();
  deep.subject[r.at("expelled")] = static_cast<std::int32_t>(r.at("Peru"));
  deep.object[r.at("expelled")] = static_cast<std::int32_t>(r.at("Chile"));
  CHECK(r.roles("expelled", &deep) == "agent=Peru patient=Chile");
}

TEST_CASE("deep: a passive's subject is its patient, the 'by' noun its agent") {
  auto r = run("Chile met Peru in Lima.");
  auto deep = r.no_parse();
  deep.subject[r.at("met")] = static_cast<std::int32_t>(r.at("Chile"));
  deep.passive[r.at("met")] = 1;
  deep.by_agent[r.at("met")] = static_cast<std::int32_t>(r.at("Peru"));
  CHECK(r.roles("met", &deep) == "patient=Chile agent=Peru");
}

TEST_CASE("deep: where the parse names no actor, the chunker answers") {
  auto r = run("Chile expelled the envoy.");
  auto deep = r.no_parse();
  deep.subject[r.at("expelled")] = static_cast<std::int32_t>(r.at("envoy"));
  CHECK(r.roles("expelled", &deep) == r.roles("expelled", nullptr));
  CHECK(r.roles("expelled", &deep) == "agent=Chile");
}
