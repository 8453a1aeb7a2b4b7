// The knowledge graph: merge is associative and commutative, provenance is kept, and the
// who-did-what rows come out in time order.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "graph/graph.h"

using namespace annals::graph;

namespace {

Mention at(std::string doc, std::uint32_t begin, std::string text) {
  return Mention{std::move(doc), {begin, begin + static_cast<std::uint32_t>(text.size())}, text, 0};
}

Node actor(std::string id, std::string label, Mention m) {
  Node n;
  n.id = std::move(id);
  n.kind = NodeKind::actor;
  n.label = label;
  n.aliases = {m.text};
  n.actor_type = "country";
  n.mentions = {std::move(m)};
  return n;
}

Node event(std::string id, std::string type, Mention m, std::optional<EventTime> t = {}) {
  Node n;
  n.id = std::move(id);
  n.kind = NodeKind::event;
  n.label = type;
  n.type = std::move(type);
  n.trigger = m.text;
  n.modality = "asserted";
  n.time = std::move(t);
  n.mentions = {std::move(m)};
  return n;
}

Edge role(Relation r, Mention m) { return Edge{r, "", {std::move(m)}}; }

// Three small graphs sharing an actor and an event, with conflicting scalar fields.
KnowledgeGraph doc_a() {
  KnowledgeGraph g;
  g.add_document({"a.txt", "2016-03-14"});
  g.add_node(actor("actor:north-korea", "North Korea", at("a.txt", 10, "Pyongyang")));
  g.add_node(event("event:test:x", "test", at("a.txt", 30, "tested"), EventTime{"2016-01", "", "2016-01-01", "2016-02-01", "a.txt#t1"}));
  g.add_edge("actor:north-korea", "event:test:x", role(Relation::agent, at("a.txt", 10, "Pyongyang")));
  return g;
}
KnowledgeGraph doc_b() {
  KnowledgeGraph g;
  g.add_document({"b.txt", "2016-03-15"});
  g.add_node(actor("actor:north-korea", "North Korea", at("b.txt", 0, "the North")));
  g.add_node(event("event:test:x", "test", at("b.txt", 40, "test")));
  g.add_node(actor("actor:japan", "Japan", at("b.txt", 60, "Tokyo")));
  g.add_node(event("event:protest:y", "protest", at("b.txt", 70, "protested"), EventTime{"2016-03-15", "", "2016-03-15", "2016-03-16", "b.txt#t1"}));
  g.add_edge("actor:north-korea", "event:test:x", role(Relation::agent, at("b.txt", 0, "the North")));
  g.add_edge("actor:japan", "event:protest:y", role(Relation::agent, at("b.txt", 60, "Tokyo")));
  Edge causes{Relation::causes, "in response to", {at("b.txt", 50, "in response to")}};
  g.add_edge("event:test:x", "event:protest:y", causes);
  return g;
}
KnowledgeGraph doc_c() {
  KnowledgeGraph g;
  g.add_document({"c.txt", "2016-03-16"});
  g.add_node(actor("actor:japan", "Japan", at("c.txt", 5, "Japan")));
  g.add_node(event("event:protest:y", "protest", at("c.txt", 20, "protest")));
  g.add_edge("actor:japan", "event:protest:y", role(Relation::agent, at("c.txt", 5, "Japan")));
  return g;
}

KnowledgeGraph merged(std::vector<KnowledgeGraph> parts) {
  KnowledgeGraph g;
  for (auto& p : parts) g.merge(p);
  return g;
}

}  // namespace

TEST_CASE("merge is associative and commutative") {
  auto a = doc_a(), b = doc_b(), c = doc_c();
  auto ab = merged({a, b}), bc = merged({b, c});
  auto left = merged({ab, c});   // merge(merge(a, b), c)
  auto right = merged({a, bc});  // merge(a, merge(b, c))
  CHECK(same_graph(left, right));
  CHECK(same_graph(merged({a, b}), merged({b, a})));
  CHECK(same_graph(merged({c, b, a}), left));
  CHECK(same_graph(merged({b, c, a}), left));
  // Merging a graph with itself changes nothing.
  CHECK(same_graph(merged({left, left}), left));
}

TEST_CASE("a merged node keeps every mention and the earliest fields") {
  auto g = merged({doc_b(), doc_a()});
  auto v = g.find("actor:north-korea");
  REQUIRE(v);
  const Node& n = g.node(*v);
  CHECK(n.mentions.size() == 2);
  CHECK(n.aliases == std::vector<std::string>{"Pyongyang", "the North"});
  auto e = g.find("event:test:x");
  REQUIRE(e);
  REQUIRE(g.node(*e).time);
  CHECK(g.node(*e).time->value == "2016-01");  // an undated retelling keeps the date
  CHECK(g.node(*e).trigger == "tested");       // a.txt sorts first
  CHECK(g.documents().size() == 2);
  // The agent edge told twice is one edge with two pieces of evidence.
  int agent_edges = 0;
  for (auto eh : g.sorted_edges()) {
    const Edge& ed = g.boost()[eh];
    if (ed.relation == Relation::agent && g.node(boost::source(eh, g.boost())).id == "actor:north-korea") {
      ++agent_edges;
      CHECK(ed.evidence.size() == 2);
    }
  }
  CHECK(agent_edges == 1);
}

TEST_CASE("graphs that differ are not the same") {
  auto a = doc_a(), b = doc_b();
  CHECK_FALSE(same_graph(a, b));
  auto a2 = doc_a();
  a2.add_node(actor("actor:japan", "Japan", at("a.txt", 90, "Japan")));
  CHECK_FALSE(same_graph(a, a2));
}

TEST_CASE("add_edge refuses unknown ids") {
  KnowledgeGraph g;
  g.add_node(actor("actor:japan", "Japan", at("x", 0, "Japan")));
  CHECK_FALSE(g.add_edge("actor:japan", "event:none", role(Relation::agent, at("x", 0, "Japan"))));
  CHECK(g.edge_count() == 0);
}

TEST_CASE("who_did_what reads as a timeline") {
  auto rows = who_did_what(merged({doc_a(), doc_b(), doc_c()}));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].actor == "North Korea");
  CHECK(rows[0].event == "test");
  CHECK(rows[0].time == "2016-01");
  CHECK(rows[1].actor == "Japan");
  CHECK(rows[1].role == "agent");
}

TEST_CASE("slug") {
  CHECK(slug("North Korea") == "north-korea");
  CHECK(slug("  U.S. -- Treasury ") == "u-s-treasury");
  CHECK(slug("Kim Jong-il") == "kim-jong-il");
  CHECK(slug("Bolívar") == "bolívar");
}

TEST_CASE("a moved graph keeps its nodes, edges and index; a copy stays independent") {
  auto b = doc_b();
  const auto reference = doc_b();
  KnowledgeGraph moved(std::move(b));
  CHECK(same_graph(moved, reference));
  CHECK(b.node_count() == 0);  // moved from: empty, and usable
  b.add_node(actor("actor:peru", "Peru", at("b.txt", 1, "Peru")));
  CHECK(b.node_count() == 1);
  REQUIRE(moved.find("event:protest:y"));
  CHECK(moved.node(*moved.find("event:protest:y")).type == "protest");

  KnowledgeGraph assigned = doc_a();
  assigned = std::move(moved);
  CHECK(same_graph(assigned, reference));
  CHECK(assigned.add_edge("actor:japan", "event:test:x", role(Relation::patient, at("b.txt", 60, "Tokyo"))));

  KnowledgeGraph copy = assigned;
  copy.add_node(actor("actor:chile", "Chile", at("b.txt", 90, "Chile")));
  CHECK(copy.node_count() == assigned.node_count() + 1);
  CHECK_FALSE(assigned.find("actor:chile"));
}
