// The Graphviz renderer over arbitrary graphs: nodes and edges built from the fuzz bytes, with
// hostile labels, cues, types and times (quotes, "];", newlines, NUL, invalid UTF-8). Properties:
// render() never fails but for a missing plugin; the DOT reads back with agmemread; the SVG is
// well-formed XML (tests/render/xml_check.h).
#include <memory>
#include <string>
#include <vector>

#include <graphviz/cgraph.h>

#include "../render/xml_check.h"
#include "fuzz.h"
#include "graph/graph.h"
#include "render/render.h"

namespace annals::fuzz {
namespace {

std::string choose(Bytes& b, std::initializer_list<const char*> usual) {
  unsigned k = b.pick(static_cast<unsigned>(usual.size()) + 1);
  if (k < usual.size()) return usual.begin()[k];
  return b.str();
}

graph::Mention mention(Bytes& b) {
  graph::Mention m;
  m.doc = choose(b, {"a.txt", "b.txt"});
  std::uint32_t begin = b.byte();
  m.text = b.str();
  m.span = Span{begin, begin + static_cast<std::uint32_t>(m.text.size())};
  m.sentence = b.pick(4);
  return m;
}

graph::KnowledgeGraph build(Bytes& b) {
  graph::KnowledgeGraph g;
  std::vector<std::string> ids;
  const unsigned nodes = b.pick(12) + 1;
  for (unsigned k = 0; k < nodes && !b.empty(); ++k) {
    graph::Node n;
    n.kind = b.pick(2) ? graph::NodeKind::event : graph::NodeKind::actor;
    n.label = b.str();
    n.id = (n.kind == graph::NodeKind::event ? "event:" : "actor:") + std::to_string(k) + ":" + b.str();
    n.mentions = {mention(b)};
    if (n.kind == graph::NodeKind::actor) {
      n.actor_type = choose(b, {"country", "government", "organization", "person", "group", "place"});
      if (b.pick(2)) n.aliases = {n.label, b.str()};
    } else {
      n.type = choose(b, {"meet", "attack", "sanction", "elect"});
      n.trigger = b.str();
      n.modality = choose(b, {"asserted", "claimed", "hypothetical", "negated"});
      if (b.pick(2)) {
        graph::EventTime t;
        t.value = choose(b, {"2002", "2016-03", "2016-03-14", "197", "2016-W10", "PRESENT_REF", "P3D"});
        t.mod = choose(b, {"", "START", "END", "APPROX"});
        t.begin = choose(b, {"", "2002-01-01", "2016-03-14"});
        t.end = choose(b, {"", "2003-01-01", "2016-03-15"});
        n.time = t;
      }
    }
    g.add_node(n);
    ids.push_back(n.id);
  }
  const unsigned edges = b.pick(24);
  for (unsigned k = 0; k < edges && !b.empty(); ++k) {
    graph::Edge e;
    e.relation = static_cast<graph::Relation>(b.pick(9));
    if (b.pick(2)) e.cue = b.str();
    e.evidence = {mention(b)};
    const auto& s = ids[b.pick(static_cast<unsigned>(ids.size()))];
    const auto& t = ids[b.pick(static_cast<unsigned>(ids.size()))];
    g.add_edge(s, t, e);
  }
  g.add_document(graph::DocumentInfo{"a.txt", "2015-03-02"});
  return g;
}

struct Closer {
  void operator()(Agraph_t* g) const { agclose(g); }
};

}  // namespace

int render(const std::uint8_t* data, std::size_t size) {
  Bytes b(data, size);
  render::RenderOptions options;
  options.temporal_edges = b.pick(2);
  options.max_label = b.pick(4) * 16;
  const graph::KnowledgeGraph g = build(b);

  auto dot = render::render(g, render::Format::dot, options);
  ANNALS_FUZZ_CHECK(dot.has_value() || dot.error().status == Status::output, dot ? "" : dot.error().str());
  if (dot) {
    std::unique_ptr<Agraph_t, Closer> back(agmemread(dot->c_str()));
    ANNALS_FUZZ_CHECK(back != nullptr, "the DOT does not read back: " + *dot);
    ANNALS_FUZZ_CHECK(static_cast<std::size_t>(agnnodes(back.get())) >= g.node_count(), "nodes lost in the DOT");
  }
  auto svg = render::render(g, render::Format::svg, options);
  ANNALS_FUZZ_CHECK(svg.has_value() || svg.error().status == Status::output, svg ? "" : svg.error().str());
  if (svg) {
    auto xml = testxml::check(*svg);
    ANNALS_FUZZ_CHECK(xml.error.empty(), xml.error);
  }
  return 0;
}

}  // namespace annals::fuzz

ANNALS_FUZZ_ENTRY(annals::fuzz::render)
