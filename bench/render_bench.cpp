// Layout time of the timeline drawing: synthetic timeline-shaped graphs (N events in time
// columns, actors with role edges, a causal chain) rendered to SVG with the attributes
// lib/render chose, then the same DOT laid out with Graphviz's defaults for those attributes.
//
//   build/bench/render_bench [N...]     (default: 20 50 100 200)
//
// Figures are in docs/rendering.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "graph/graph.h"
#include "render/render.h"

using namespace annals;
using clock_type = std::chrono::steady_clock;

namespace {

graph::KnowledgeGraph timeline(int events) {
  graph::KnowledgeGraph g;
  g.add_document({"bench.txt", "2020-01-01"});
  const int actors = std::max(4, events / 5);
  for (int a = 0; a < actors; ++a) {
    graph::Node n;
    n.id = "actor:a" + std::to_string(a);
    n.kind = graph::NodeKind::actor;
    n.label = "Actor " + std::to_string(a);
    n.actor_type = a % 3 == 0 ? "country" : a % 3 == 1 ? "person" : "organization";
    n.mentions = {{"bench.txt", {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(a + 1)}, "x", 0}};
    g.add_node(n);
  }
  static const char* types[] = {"meet", "sanction", "attack", "elect", "claim", "protest"};
  for (int e = 0; e < events; ++e) {
    graph::Node n;
    n.id = "event:e" + std::to_string(e);
    n.kind = graph::NodeKind::event;
    n.type = types[e % 6];
    n.trigger = n.type;
    n.modality = e % 7 == 0 ? "claimed" : "asserted";
    const int year = 1990 + e / 3;  // three events a column
    if (e % 11 != 0) {
      n.time = graph::EventTime{std::to_string(year), "", std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01", ""};
    }
    n.label = n.type;
    n.mentions = {{"bench.txt", {static_cast<std::uint32_t>(1000 + e), static_cast<std::uint32_t>(1001 + e)}, "x", 0}};
    g.add_node(n);
    g.add_edge("actor:a" + std::to_string(e % actors), n.id, graph::Edge{graph::Relation::agent, "", {}});
    g.add_edge("actor:a" + std::to_string((e * 7 + 1) % actors), n.id, graph::Edge{graph::Relation::patient, "", {}});
    if (e > 0 && e % 4 == 0)
      g.add_edge("event:e" + std::to_string(e - 1), n.id, graph::Edge{graph::Relation::causes, "following", {}});
  }
  return g;
}

double seconds_since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }

/// Lays out DOT text with `dot` and renders SVG; with `defaults`, the layout attributes annals
/// sets on the graph are taken out of the DOT first, so Graphviz uses its defaults.
double layout_dot(GVC_t* gvc, std::string dot, bool defaults) {
  if (defaults) {
    auto head_end = dot.find("];");
    std::string head = dot.substr(0, head_end), out;
    std::size_t pos = 0;
    while (pos < head.size()) {
      auto nl = head.find('\n', pos);
      std::string line = head.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos + 1);
      pos = nl == std::string::npos ? head.size() : nl + 1;
      bool drop = false;
      for (const char* a : {"mclimit=", "newrank=", "nodesep=", "nslimit=", "nslimit1=", "ranksep=", "splines="})
        drop |= line.find(std::string("\t") + a) != std::string::npos;
      if (!drop) out += line;
    }
    dot = out + dot.substr(head_end);
  }
  Agraph_t* g = agmemread(dot.c_str());
  if (!g) return -1;
  auto t = clock_type::now();
  gvLayout(gvc, g, "dot");
  char* data = nullptr;
  unsigned int length = 0;
  gvRenderData(gvc, g, "svg", &data, &length);
  double s = seconds_since(t);
  gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  agclose(g);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {20, 50, 100, 200};
  GVC_t* gvc = gvContext();
  std::printf("%8s %8s %8s %14s %18s\n", "events", "nodes", "edges", "annals svg (s)", "dot defaults (s)");
  for (int n : sizes) {
    auto g = timeline(n);
    auto t = clock_type::now();
    auto svg = render::render(g, render::Format::svg);
    double ours = seconds_since(t);
    if (!svg) {
      std::fprintf(stderr, "render_bench: %s\n", svg.error().str().c_str());
      return 1;
    }
    auto dot = render::render(g, render::Format::dot);
    double def = layout_dot(gvc, *dot, true);
    std::printf("%8d %8zu %8zu %14.3f %18.3f\n", n, g.node_count(), g.edge_count(), ours, def);
  }
  gvFreeContext(gvc);
  return 0;
}
