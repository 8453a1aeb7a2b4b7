#include "render/render.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <graphviz/cgraph.h>
#include <unistd.h>

#include "core/escape.h"
#include "core/files.h"
#include "xml_check.h"

using namespace annals;
using graph::KnowledgeGraph;

namespace {

graph::Mention mention(std::uint32_t begin, std::string text) {
  return graph::Mention{"doc.txt", Span{begin, begin + static_cast<std::uint32_t>(text.size())}, text, 0};
}

graph::Node actor(std::string id, std::string label, std::string type, std::uint32_t at = 0) {
  graph::Node n;
  n.id = std::move(id);
  n.kind = graph::NodeKind::actor;
  n.label = std::move(label);
  n.actor_type = std::move(type);
  n.mentions = {mention(at, n.label)};
  return n;
}

graph::Node event(std::string id, std::string type, std::string trigger, std::string value, std::string begin,
                  std::string end, std::uint32_t at, std::string modality = "asserted") {
  graph::Node n;
  n.id = std::move(id);
  n.kind = graph::NodeKind::event;
  n.label = type;
  n.type = std::move(type);
  n.trigger = std::move(trigger);
  n.modality = std::move(modality);
  if (!value.empty() || !begin.empty()) n.time = graph::EventTime{std::move(value), "", std::move(begin), std::move(end), ""};
  n.mentions = {mention(at, n.trigger)};
  return n;
}

graph::Edge edge(graph::Relation r, std::string cue = "") {
  graph::Edge e;
  e.relation = r;
  e.cue = std::move(cue);
  return e;
}

// A small news graph: told out of time order on purpose (sentence order ≠ time order).
KnowledgeGraph sample() {
  KnowledgeGraph g;
  g.add_node(actor("actor:alpha", "Alphaland", "country", 0));
  g.add_node(actor("actor:beta", "Beta Union", "organization", 10));
  g.add_node(actor("actor:gamma", "Gamma Smith", "person", 20));
  g.add_node(event("event:sanction:1", "sanction", "adopted", "2016-03", "2016-03-01", "2016-04-01", 30));
  g.add_node(event("event:meet:1", "meet", "met", "2002", "2002-01-01", "2003-01-01", 40));
  g.add_node(event("event:test:1", "test", "tested", "2016-01-06", "2016-01-06", "2016-01-07", 50));
  g.add_node(event("event:claim:1", "develop", "miniaturised", "", "", "", 60, "claimed"));
  g.add_node(event("event:attack:1", "attack", "attack", "2017", "2017-01-01", "2018-01-01", 70, "hypothetical"));
  g.add_node(event("event:deny:1", "visit", "visited", "2002", "2002-01-01", "2003-01-01", 80, "negated"));
  REQUIRE(g.add_edge("actor:beta", "event:sanction:1", edge(graph::Relation::agent)));
  REQUIRE(g.add_edge("actor:alpha", "event:sanction:1", edge(graph::Relation::patient)));
  REQUIRE(g.add_edge("actor:gamma", "event:meet:1", edge(graph::Relation::agent)));
  REQUIRE(g.add_edge("actor:alpha", "event:test:1", edge(graph::Relation::agent)));
  REQUIRE(g.add_edge("event:test:1", "event:sanction:1", edge(graph::Relation::causes, "in response to")));
  REQUIRE(g.add_edge("event:meet:1", "event:sanction:1", edge(graph::Relation::before)));
  return g;
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using ReadGraph = std::unique_ptr<Agraph_t, GraphCloser>;

ReadGraph reread(const std::string& dot) { return ReadGraph(agmemread(dot.c_str())); }

std::string attr(void* obj, const char* name) {
  char* v = agget(obj, const_cast<char*>(name));
  return v ? v : "";
}

// Graph id of a node of the re-read DOT: the first line of its tooltip.
std::string graph_id(Agnode_t* n) {
  std::string t = attr(n, "tooltip");
  return t.substr(0, t.find("\\n"));
}

std::map<std::string, Agnode_t*> nodes_by_id(Agraph_t* g) {
  std::map<std::string, Agnode_t*> m;
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n))
    if (!attr(n, "tooltip").empty()) m[graph_id(n)] = n;
  return m;
}

std::string render_ok(const KnowledgeGraph& g, render::Format f, const render::RenderOptions& o = {}) {
  auto out = render::render(g, f, o);
  REQUIRE_MESSAGE(out.has_value(), out.error().str());
  return *out;
}

}  // namespace

TEST_CASE("render: DOT re-reads with shapes and styles per node and relation") {
  auto dot = render_ok(sample(), render::Format::dot);
  auto g = reread(dot);
  REQUIRE_MESSAGE(g, dot);
  auto byid = nodes_by_id(g.get());
  REQUIRE(byid.size() == 9);
  CHECK(attr(byid["actor:alpha"], "shape") == "ellipse");
  CHECK(attr(byid["actor:alpha"], "fillcolor") != attr(byid["actor:beta"], "fillcolor"));
  CHECK(attr(byid["event:meet:1"], "shape") == "box");
  CHECK(attr(byid["event:attack:1"], "style").find("dashed") != std::string::npos);
  CHECK(attr(byid["event:meet:1"], "style").find("dashed") == std::string::npos);
  CHECK(attr(byid["event:claim:1"], "label").find("<I>claimed</I>") != std::string::npos);
  CHECK(attr(byid["event:deny:1"], "label").find("<S>") != std::string::npos);
  CHECK(attr(byid["event:deny:1"], "color") == "#c00000");
  CHECK(attr(byid["event:meet:1"], "label").find("<B>2002</B> \xC2\xB7 meet") != std::string::npos);
  CHECK(aghtmlstr(agget(byid["event:meet:1"], const_cast<char*>("label"))));

  Agedge_t* causal = agedge(g.get(), byid["event:test:1"], byid["event:sanction:1"], nullptr, 0);
  REQUIRE(causal);
  CHECK(attr(causal, "xlabel") == "in response to");
  CHECK(attr(causal, "penwidth") == "2.5");
  Agedge_t* agent = agedge(g.get(), byid["actor:beta"], byid["event:sanction:1"], nullptr, 0);
  REQUIRE(agent);
  CHECK(attr(agent, "xlabel") == "agent");
  CHECK(attr(agent, "penwidth") != "2.5");
  Agedge_t* patient = agedge(g.get(), byid["actor:alpha"], byid["event:sanction:1"], nullptr, 0);
  REQUIRE(patient);
  CHECK(attr(patient, "xlabel") == "patient");
  // before/after edges are hidden by default, drawn faint and unconstraining when asked for.
  CHECK(agedge(g.get(), byid["event:meet:1"], byid["event:sanction:1"], nullptr, 0) == nullptr);
  render::RenderOptions with_temporal;
  with_temporal.temporal_edges = true;
  auto g2 = reread(render_ok(sample(), render::Format::dot, with_temporal));
  REQUIRE(g2);
  auto byid2 = nodes_by_id(g2.get());
  Agedge_t* before = agedge(g2.get(), byid2["event:meet:1"], byid2["event:sanction:1"], nullptr, 0);
  REQUIRE(before);
  CHECK(attr(before, "constraint") == "false");
  CHECK(attr(before, "style") == "dotted");
}

TEST_CASE("render: events stand in time-ordered columns, undated last, and lay out left to right") {
  auto g = reread(render_ok(sample(), render::Format::dot));
  REQUIRE(g);
  // Column subgraphs, put in axis order by their heading tN; the headings must form a chain.
  std::map<int, std::vector<std::string>> by_heading;
  for (Agraph_t* sub = agfstsubg(g.get()); sub; sub = agnxtsubg(sub)) {
    CHECK(attr(sub, "rank") == "same");
    int heading = -1;
    std::vector<std::string> ids;
    for (Agnode_t* n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
      std::string name = agnameof(n);
      if (name[0] == 't') heading = std::stoi(name.substr(1));
      else ids.push_back(graph_id(n));
    }
    REQUIRE(heading >= 0);
    by_heading[heading] = ids;
  }
  std::vector<std::vector<std::string>> columns;
  for (auto& [c, ids] : by_heading) {
    CHECK(c == static_cast<int>(columns.size()));
    columns.push_back(ids);
    if (c == 0) continue;
    Agnode_t* prev = agnode(g.get(), const_cast<char*>(("t" + std::to_string(c - 1)).c_str()), 0);
    Agnode_t* head = agnode(g.get(), const_cast<char*>(("t" + std::to_string(c)).c_str()), 0);
    REQUIRE(prev);
    REQUIRE(head);
    CHECK(agedge(g.get(), prev, head, nullptr, 0) != nullptr);
  }
  REQUIRE(columns.size() == 5);
  CHECK(columns[0] == std::vector<std::string>{"event:meet:1", "event:deny:1"});  // 2002, told in that order
  CHECK(columns[1] == std::vector<std::string>{"event:test:1"});                  // 6 Jan 2016
  CHECK(columns[2] == std::vector<std::string>{"event:sanction:1"});              // Mar 2016
  CHECK(columns[3] == std::vector<std::string>{"event:attack:1"});                // 2017
  CHECK(columns[4] == std::vector<std::string>{"event:claim:1"});                 // undated
  CHECK(attr(agnode(g.get(), const_cast<char*>("t4"), 0), "label") == "undated");

  // And the layout honours it: x grows with time (rankdir=LR).
  render::RenderOptions laid;
  laid.dot_with_layout = true;
  auto lg = reread(render_ok(sample(), render::Format::dot, laid));
  REQUIRE(lg);
  auto byid = nodes_by_id(lg.get());
  auto x = [&](const char* id) { return std::stod(attr(byid[id], "pos")); };
  CHECK(x("event:meet:1") == doctest::Approx(x("event:deny:1")));
  CHECK(x("event:meet:1") < x("event:test:1"));
  CHECK(x("event:test:1") < x("event:sanction:1"));
  CHECK(x("event:sanction:1") < x("event:attack:1"));
  CHECK(x("event:attack:1") < x("event:claim:1"));
}

TEST_CASE("render: the same graph built in another order gives the same DOT bytes") {
  KnowledgeGraph a = sample();
  KnowledgeGraph b;
  std::vector<graph::Vertex> vs = a.sorted_vertices();
  for (auto it = vs.rbegin(); it != vs.rend(); ++it) b.add_node(a.node(*it));
  const auto& bg = a.boost();
  auto es = a.sorted_edges();
  for (auto it = es.rbegin(); it != es.rend(); ++it)
    REQUIRE(b.add_edge(bg[boost::source(*it, bg)].id, bg[boost::target(*it, bg)].id, bg[*it]));
  CHECK(render_ok(a, render::Format::dot) == render_ok(b, render::Format::dot));
  CHECK(render_ok(a, render::Format::svg) == render_ok(b, render::Format::svg));
}

namespace {

const std::string kHostile = std::string("He said \"]; x -> y [label=\"pwn\" & <b>bold</b>\n") +
                             "</script><script>alert(1)</script> ]]> \\N \\G trailing\\";
const std::string kHostile2 = std::string("&#0; &#x202E; &lt; rlo\xE2\x80\xAEtxt nul") + std::string("\0", 1) +
                              " bad\xff\xfe \xc0\xaf end\\";

KnowledgeGraph hostile_graph() {
  KnowledgeGraph g;
  g.add_node(actor("actor:\"];evil", kHostile, "country\"];", 0));
  g.add_node(actor("actor:two", kHostile2, "group", 5));
  auto e = event("event:x\"]", kHostile2, kHostile, "2016-03\"]", "2016-03-01", "2016-04-01", 10, "claimed");
  g.add_node(e);
  auto e2 = event("event:<y>", kHostile, kHostile2, "<2017>&amp;", "2017-01-01", "2018-01-01", 20);
  g.add_node(e2);
  REQUIRE(g.add_edge("actor:\"];evil", "event:x\"]", edge(graph::Relation::agent)));
  REQUIRE(g.add_edge("actor:two", "event:<y>", edge(graph::Relation::patient)));
  REQUIRE(g.add_edge("event:x\"]", "event:<y>", edge(graph::Relation::causes, kHostile)));
  return g;
}

bool has_bidi_control(std::string_view s) {
  for (std::string_view b : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
                             "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"})
    if (s.find(b) != std::string_view::npos) return true;
  return false;
}

bool any_contains(const std::vector<std::string>& v, std::string_view needle) {
  for (const auto& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("render: hostile labels cannot break the DOT") {
  render::RenderOptions whole;
  whole.max_label = 0;
  auto dot = render_ok(hostile_graph(), render::Format::dot, whole);
  auto g = reread(dot);
  REQUIRE_MESSAGE(g, dot);
  // 4 graph nodes + 2 axis headings, nothing injected.
  CHECK(agnnodes(g.get()) == 6);
  CHECK(agnedges(g.get()) == 4);  // 3 relations + 1 axis edge
  CHECK(agnode(g.get(), const_cast<char*>("x"), 0) == nullptr);
  CHECK(agnode(g.get(), const_cast<char*>("y"), 0) == nullptr);
  auto byid = nodes_by_id(g.get());
  REQUIRE(byid.size() == 4);
  Agnode_t* a = nullptr;
  for (auto& [id, n] : byid)
    if (attr(n, "shape") == "ellipse" && attr(n, "fillcolor") != "#ead1dc") a = n;
  REQUIRE(a);
  CHECK(attr(a, "label") == escape::dot_label(kHostile));
  CHECK(dot.find("pwn") != std::string::npos);
  CHECK_FALSE(has_bidi_control(dot));
  CHECK(dot.find('\0') == std::string::npos);
  CHECK(find_invalid_utf8(dot) == std::string::npos);
}

TEST_CASE("render: hostile labels stay text in well-formed SVG") {
  render::RenderOptions whole;
  whole.max_label = 0;
  auto svg = render_ok(hostile_graph(), render::Format::svg, whole);
  auto r = testxml::check(svg);
  REQUIRE_MESSAGE(r.error.empty(), r.error);
  CHECK_FALSE(has_bidi_control(svg));
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  // The text survives as text: split over lines by the newline, with quotes and markup intact.
  CHECK(any_contains(r.texts, "He said \"]; x -&gt; y [label=\"pwn\" & <b>bold</b>") == false);
  CHECK(any_contains(r.texts, "He said \"]; x -> y [label=\"pwn\" & <b>bold</b>"));
  CHECK(any_contains(r.texts, "</script><script>alert(1)</script> ]]> \\N \\G trailing\\"));
  // Entity-looking text is shown as typed (U+2060 after '&' keeps Graphviz from passing it through).
  CHECK(any_contains(r.texts, "&\xE2\x81\xA0#0; &\xE2\x81\xA0#x202E; &\xE2\x81\xA0lt;"));
  CHECK(any_contains(r.texts, "\xEF\xBF\xBD"));  // the bidi control, NUL and bad bytes, replaced
  CHECK(any_contains(r.texts, "in response to") == false);
}

TEST_CASE("render: long labels are cut with an ellipsis, the tooltip keeps the id") {
  KnowledgeGraph g;
  g.add_node(actor("actor:long", std::string(100, 'x') + "\xC3\xA9", "person"));
  render::RenderOptions o;
  o.max_label = 10;
  auto rg = reread(render_ok(g, render::Format::dot, o));
  REQUIRE(rg);
  auto byid = nodes_by_id(rg.get());
  REQUIRE(byid.count("actor:long"));
  CHECK(attr(byid["actor:long"], "label") == "xxxxxxxxx\xE2\x80\xA6");
}

TEST_CASE("render: PNG and PDF bytes") {
  auto png = render_ok(sample(), render::Format::png);
  REQUIRE(png.size() > 8);
  CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  auto pdf = render_ok(sample(), render::Format::pdf);
  CHECK(pdf.substr(0, 5) == "%PDF-");
  CHECK(render::is_binary(render::Format::png));
  CHECK_FALSE(render::is_binary(render::Format::svg));
}

TEST_CASE("render: formats and time labels") {
  CHECK(render::format_from("svg") == render::Format::svg);
  CHECK(render::format_from("SVG") == std::nullopt);
  CHECK(render::format_from("gif") == std::nullopt);
  for (auto f : {render::Format::dot, render::Format::svg, render::Format::png, render::Format::pdf})
    CHECK(render::format_from(render::to_string(f)) == f);
  auto t = [](std::string value, std::string mod = "") {
    return render::time_label(graph::EventTime{std::move(value), std::move(mod), "", "", ""});
  };
  CHECK(t("2002") == "2002");
  CHECK(t("2016-03") == "Mar 2016");
  CHECK(t("2016-03-04") == "4 Mar 2016");
  CHECK(t("2016-03-14T10:30") == "14 Mar 2016 10:30");
  CHECK(t("197") == "1970s");
  CHECK(t("2012", "END") == "late 2012");
  CHECK(t("2016-W10") == "2016-W10");
  CHECK(t("2016-13") == "2016-13");
  CHECK(t("PRESENT_REF") == "now");
  CHECK(t("") == "");
}

TEST_CASE("render: an empty graph renders") {
  KnowledgeGraph g;
  CHECK(reread(render_ok(g, render::Format::dot)) != nullptr);
  CHECK(testxml::check(render_ok(g, render::Format::svg)).error.empty());
}

// Graphviz reads GVBINDIR once per process, so the missing-plugin case runs in a child process
// of this test binary with GVBINDIR pointing at an empty folder.
TEST_CASE("render: a missing Graphviz plugin is a clear error") {
  if (const char* child = std::getenv("ANNALS_RENDER_TEST_CHILD"); child && std::string(child) == "1") {
    auto dot = render::render(sample(), render::Format::dot);
    CHECK_MESSAGE(dot.has_value(), "DOT needs no plugin");
    auto svg = render::render(sample(), render::Format::svg);
    REQUIRE_FALSE(svg.has_value());
    CHECK(svg.error().status == Status::output);
    CHECK(svg.error().message.find("plugin") != std::string::npos);
    CHECK(svg.error().message.find("graphviz package") != std::string::npos);
    return;
  }
  auto empty = std::filesystem::temp_directory_path() / ("annals-no-plugins-" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty);
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string cmd = "ANNALS_RENDER_TEST_CHILD=1 GVBINDIR='" + empty.string() + "' '" + self +
                    "' -tc='render: a missing Graphviz plugin is a clear error' >/dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  std::filesystem::remove_all(empty);
  CHECK(rc == 0);
}

TEST_CASE("render: dot -Tsvg accepts the DOT written (when Graphviz's dot is on PATH)") {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("dot not on PATH; skipped");
    return;
  }
  auto dir = std::filesystem::temp_directory_path() / ("annals-render-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const auto& g : {sample(), hostile_graph()}) {
    {
      std::ofstream out(dir / "g.dot", std::ios::binary);
      out << render_ok(g, render::Format::dot);
    }
    std::string cmd = "dot -Tsvg '" + (dir / "g.dot").string() + "' -o '" + (dir / "g.svg").string() + "' 2>'" +
                      (dir / "err.txt").string() + "'";
    CHECK(std::system(cmd.c_str()) == 0);
    std::ifstream err(dir / "err.txt");
    std::string errors((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    CHECK_MESSAGE(errors.empty(), errors);
    std::ifstream in(dir / "g.svg", std::ios::binary);
    std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto r = testxml::check(svg);
    CHECK_MESSAGE(r.error.empty(), r.error);
  }
  std::filesystem::remove_all(dir);
}
