#include "render/render.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/escape.h"
#include "render/graphviz.h"

namespace annals::render {
namespace {

using graph::KnowledgeGraph;
using graph::Node;
using graph::Relation;
using graph::Vertex;

// ---------------------------------------------------------------- text

// At most `max` code points of the cleaned text, ending with "…" when cut.
std::string shorten(std::string_view text, std::size_t max) {
  std::string s = escape::clean(text);
  if (max == 0) return s;
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (points == max - 1 && i < s.size()) {
      // Cut only if more than one code point remains.
      std::size_t rest = 0;
      for (std::size_t k = i; k < s.size(); ++k) rest += (static_cast<unsigned char>(s[k]) & 0xC0) != 0x80;
      if (rest <= 1) return s;
      s.resize(i);
      return s + "\xE2\x80\xA6";
    }
    ++points;
  }
  return s;
}

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2016-03-14" → "14 Mar 2016", "2016-03" → "Mar 2016", "197" → "1970s"; other TIMEX3 values
// (weeks, seasons, quarters, times) are shown as they are.
std::string value_label(std::string_view v) {
  if (v == "PRESENT_REF") return "now";
  if (v == "PAST_REF") return "the past";
  if (v == "FUTURE_REF") return "the future";
  if (v.size() == 3 && all_digits(v)) return std::string(v) + "0s";
  if (v.size() == 2 && all_digits(v)) return std::string(v) + "00s";
  if (v.size() < 7 || !all_digits(v.substr(0, 4)) || v[4] != '-' || !all_digits(v.substr(5, 2)))
    return std::string(v);
  const int month = (v[5] - '0') * 10 + (v[6] - '0');
  if (month < 1 || month > 12) return std::string(v);
  std::string month_year = std::string(kMonths[month - 1]) + " " + std::string(v.substr(0, 4));
  if (v.size() == 7) return month_year;
  if (v.size() < 10 || v[7] != '-' || !all_digits(v.substr(8, 2))) return std::string(v);
  std::string day(v.substr(8, 2));
  if (day[0] == '0') day.erase(0, 1);
  std::string date = day + " " + month_year;
  if (v.size() > 11 && v[10] == 'T') date += " " + std::string(v.substr(11));
  return date;
}

std::string mod_prefix(std::string_view mod) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kMods = {{
      {"START", "early "},
      {"MID", "mid-"},
      {"END", "late "},
      {"BEFORE", "before "},
      {"AFTER", "after "},
      {"ON_OR_BEFORE", "by "},
      {"ON_OR_AFTER", "from "},
      {"APPROX", "about "},
      {"LESS_THAN", "less than "},
      {"MORE_THAN", "more than "},
      {"EQUAL_OR_LESS", "at most "},
  }};
  for (auto [k, v] : kMods)
    if (k == mod) return std::string(v);
  if (mod.empty()) return "";
  return std::string(mod) + " ";
}

// ---------------------------------------------------------------- time columns

// One column of the timeline: the events sharing one time, or the undated events at the end.
struct Column {
  std::string begin, end, label;
  std::vector<Vertex> events;
};

// (document, first mention span, id): the order events were told in.
auto narrative_key(const Node& n) {
  static const graph::Mention kNone{};
  const graph::Mention& m = n.mentions.empty() ? kNone : n.mentions.front();
  return std::tie(m.doc, m.span, n.id);
}

std::vector<Column> time_columns(const KnowledgeGraph& kg, const std::vector<Vertex>& vertices) {
  std::map<std::tuple<std::string, std::string, std::string>, Column> dated;  // (begin, end, label)
  Column undated{"", "", "undated", {}};
  for (Vertex v : vertices) {
    const Node& n = kg.node(v);
    if (n.kind != graph::NodeKind::event) continue;
    if (!n.time || n.time->begin.empty()) {
      undated.events.push_back(v);
      continue;
    }
    std::string label = time_label(*n.time);
    auto& col = dated[{n.time->begin, n.time->end, label}];
    col.begin = n.time->begin;
    col.end = n.time->end;
    col.label = label;
    col.events.push_back(v);
  }
  std::vector<Column> columns;
  for (auto& [key, col] : dated) columns.push_back(std::move(col));
  if (!undated.events.empty()) columns.push_back(std::move(undated));
  for (auto& col : columns)
    std::sort(col.events.begin(), col.events.end(),
              [&](Vertex a, Vertex b) { return narrative_key(kg.node(a)) < narrative_key(kg.node(b)); });
  return columns;
}

// ---------------------------------------------------------------- styles

std::string_view actor_fill(std::string_view type) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kFills = {{
      {"country", "#cfe2f3"},
      {"government", "#b6d0ea"},
      {"organization", "#fff2cc"},
      {"person", "#f4cccc"},
      {"group", "#ead1dc"},
      {"place", "#d9ead3"},
  }};
  for (auto [k, v] : kFills)
    if (k == type) return v;
  return "#eeeeee";
}

struct EdgeStyle {
  std::string_view color;
  std::string_view style;
  std::string_view label;
};

EdgeStyle role_style(Relation r) {
  switch (r) {
    case Relation::agent: return {"#1f5fa8", "solid", "agent"};
    case Relation::patient: return {"#6d6d6d", "solid", "patient"};
    case Relation::participant: return {"#8c8c8c", "dashed", "participant"};
    case Relation::location: return {"#3b8c5a", "dotted", "at"};
    case Relation::part_of: return {"#8c8c8c", "dashed", "part of"};
    case Relation::causes: return {"#c0392b", "bold", "causes"};
    case Relation::before: return {"#c8c8c8", "dotted", "before"};
    case Relation::after: return {"#c8c8c8", "dotted", "after"};
    case Relation::overlap: return {"#c8c8c8", "dotted", "overlaps"};
  }
  return {"#000000", "solid", "?"};
}

bool is_temporal(Relation r) { return r == Relation::before || r == Relation::after || r == Relation::overlap; }

// The HTML-like label of an event: "<b>2002</b> · meet", the trigger in quotes below, and a
// modality marker that does not rely on colour alone.
std::string event_label(const Node& n, const std::string& when, std::size_t max) {
  std::string head;
  if (!when.empty()) head += "<B>" + escape::dot_html(shorten(when, max)) + "</B> \xC2\xB7 ";
  head += escape::dot_html(shorten(n.type.empty() ? "event" : n.type, max));
  std::string html;
  if (n.modality == "negated") html += "<S>" + head + "</S>";
  else html += head;
  if (!n.trigger.empty())
    html += "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"#555555\">\xE2\x80\x9C" + escape::dot_html(shorten(n.trigger, max)) +
            "\xE2\x80\x9D</FONT>";
  if (n.modality == "claimed") html += "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"#8a5a00\"><I>claimed</I></FONT>";
  if (n.modality == "hypothetical") html += "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"#555555\"><I>hypothetical</I></FONT>";
  if (n.modality == "negated") html += "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"#c00000\">\xE2\x9C\x97 did not happen</FONT>";
  return html;
}

std::string tooltip(const Node& n) {
  std::string t = n.id;
  if (!n.aliases.empty()) {
    t += "\nalso: ";
    for (std::size_t i = 0; i < n.aliases.size(); ++i) t += (i ? ", " : "") + n.aliases[i];
  }
  if (n.time) t += "\ntime: " + n.time->value + (n.time->mod.empty() ? "" : " " + n.time->mod);
  if (!n.modality.empty() && n.kind == graph::NodeKind::event) t += "\nmodality: " + n.modality;
  if (!n.mentions.empty()) t += "\n\xE2\x80\x9C" + n.mentions.front().text + "\xE2\x80\x9D";
  return escape::dot_label(shorten(t, 400));
}

// ---------------------------------------------------------------- graph building

// Layout attributes, chosen with bench/render_bench.cpp (figures in docs/rendering.md).
void set_graph_attributes(Agraph_t* g) {
  gv::set(g, "rankdir", "LR");
  gv::set(g, "newrank", "true");
  gv::set(g, "bgcolor", "white");
  gv::set(g, "fontname", "Helvetica");
  gv::set(g, "nodesep", "0.2");
  gv::set(g, "ranksep", "0.35");
  // Network simplex and crossing minimisation bounded: a 100-event timeline lays out in
  // 0.3 s instead of 5 s with Graphviz's defaults (bench/render_bench, docs/rendering.md);
  // the time columns fix the ranks anyway, so little layout quality is lost. Straight edges
  // (splines=line) route in a fraction of the time of polylines or splines.
  gv::set(g, "nslimit", "1");
  gv::set(g, "nslimit1", "1");
  gv::set(g, "mclimit", "0.3");
  gv::set(g, "splines", "line");
}

void add_actor(Agnode_t* node, const Node& n, const RenderOptions& options) {
  gv::set(node, "shape", "ellipse");
  gv::set(node, "style", "filled");
  gv::set(node, "fillcolor", actor_fill(n.actor_type));
  gv::set(node, "color", "#5f6f7f");
  gv::set(node, "fontname", "Helvetica");
  gv::set(node, "fontsize", "11");
  gv::set(node, "label", escape::dot_label(shorten(n.label.empty() ? n.id : n.label, options.max_label)));
  gv::set(node, "tooltip", tooltip(n));
}

void add_event(Agnode_t* node, const Node& n, const std::string& when, const RenderOptions& options) {
  std::string style = "rounded,filled";
  if (n.modality == "hypothetical") style += ",dashed";
  gv::set(node, "shape", "box");
  gv::set(node, "style", style);
  gv::set(node, "fillcolor", n.modality == "negated" ? "#f4f4f4" : "#fffbe6");
  gv::set(node, "color", n.modality == "negated" ? "#c00000" : "#8a7a4a");
  gv::set(node, "fontname", "Helvetica");
  gv::set(node, "fontsize", "12");
  gv::set(node, "margin", "0.08,0.04");
  gv::set_html_label(node, event_label(n, when, options.max_label));
  gv::set(node, "tooltip", tooltip(n));
}

void add_relation(Agedge_t* e, const graph::Edge& edge, const RenderOptions& options) {
  const EdgeStyle s = role_style(edge.relation);
  gv::set(e, "color", s.color);
  gv::set(e, "fontcolor", s.color);
  gv::set(e, "fontname", "Helvetica");
  gv::set(e, "style", s.style);
  gv::set(e, "tooltip", escape::dot_label(s.label));
  if (edge.relation == Relation::causes) {
    // Thick and red, labelled with the cue; it does not constrain ranks, so a cause told
    // after its effect cannot pull the time columns out of order.
    gv::set(e, "penwidth", "2.5");
    gv::set(e, "fontsize", "10");
    gv::set(e, "constraint", "false");
    // xlabel, not label: dot turns a label into a virtual node, and on an edge inside one
    // time column (a flat edge) Graphviz 2.43's flat_edges() then frees memory twice.
    gv::set(e, "xlabel", escape::dot_label(shorten(edge.cue.empty() ? "causes" : edge.cue, options.max_label)));
    return;
  }
  if (is_temporal(edge.relation)) {
    gv::set(e, "constraint", "false");
    gv::set(e, "arrowsize", "0.5");
    return;
  }
  gv::set(e, "fontsize", "9");
  gv::set(e, "arrowsize", "0.6");
  gv::set(e, "xlabel", escape::dot_label(s.label));
  if (edge.relation == Relation::part_of) {
    gv::set(e, "constraint", "false");
    gv::set(e, "arrowhead", "onormal");
  }
}

gv::Graph build(const KnowledgeGraph& kg, const RenderOptions& options) {
  gv::Graph g = gv::open_digraph("annals");
  set_graph_attributes(g.get());
  const std::vector<Vertex> vertices = kg.sorted_vertices();
  std::vector<Agnode_t*> nodes(kg.node_count(), nullptr);
  std::vector<std::string> when(kg.node_count());
  // Nodes are named by canonical position, not vertex number, so that the same graph built in
  // another order gives the same DOT bytes.
  std::vector<std::size_t> position(kg.node_count());
  for (std::size_t i = 0; i < vertices.size(); ++i) position[vertices[i]] = i;

  // The time axis: one plaintext heading per column, chained left to right; each column's
  // events share its rank. The chain's weight keeps the axis straight.
  const std::vector<Column> columns = time_columns(kg, vertices);
  Agnode_t* previous = nullptr;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Column& col = columns[c];
    Agraph_t* rank = gv::anonymous_subgraph(g.get());
    gv::set(rank, "rank", "same");
    Agnode_t* head = gv::node(rank, "t" + std::to_string(c));
    gv::set(head, "shape", "plaintext");
    gv::set(head, "fontname", "Helvetica-Bold");
    gv::set(head, "fontsize", "13");
    gv::set(head, "fontcolor", "#333333");
    gv::set(head, "label", escape::dot_label(shorten(col.label, options.max_label)));
    if (previous) {
      Agedge_t* axis = gv::edge(g.get(), previous, head);
      gv::set(axis, "color", "#999999");
      gv::set(axis, "penwidth", "2");
      gv::set(axis, "arrowhead", "normal");
      gv::set(axis, "weight", "100");
    }
    previous = head;
    for (Vertex v : col.events) {
      nodes[v] = gv::node(rank, "e" + std::to_string(position[v]));
      when[v] = col.begin.empty() ? "" : col.label;
    }
  }

  for (Vertex v : vertices) {
    const Node& n = kg.node(v);
    switch (n.kind) {
      case graph::NodeKind::actor:
        nodes[v] = gv::node(g.get(), "a" + std::to_string(position[v]));
        add_actor(nodes[v], n, options);
        break;
      case graph::NodeKind::event:
        add_event(nodes[v], n, when[v], options);
        break;
    }
  }

  const auto& bg = kg.boost();
  for (const auto& e : kg.sorted_edges()) {
    const graph::Edge& edge = bg[e];
    if (is_temporal(edge.relation) && !options.temporal_edges) continue;
    Agedge_t* ge = gv::edge(g.get(), nodes[boost::source(e, bg)], nodes[boost::target(e, bg)]);
    add_relation(ge, edge, options);
  }
  return g;
}

Diagnostic missing_plugin(std::string_view kind, std::string_view name) {
  return Diagnostic{"", 0, 0,
                    "Graphviz has no " + std::string(kind) + " plugin '" + std::string(name) +
                        "' (on Debian, install the graphviz package; `dot -c` registers its plugins)",
                    Status::output};
}

}  // namespace

std::string_view to_string(Format f) {
  switch (f) {
    case Format::dot: return "dot";
    case Format::svg: return "svg";
    case Format::png: return "png";
    case Format::pdf: return "pdf";
  }
  return "?";
}

std::optional<Format> format_from(std::string_view s) {
  for (Format f : {Format::dot, Format::svg, Format::png, Format::pdf})
    if (to_string(f) == s) return f;
  return std::nullopt;
}

bool is_binary(Format f) {
  switch (f) {
    case Format::dot:
    case Format::svg: return false;
    case Format::png:
    case Format::pdf: return true;
  }
  return false;
}

std::string time_label(const graph::EventTime& t) {
  std::string v = t.value.empty() ? t.begin : t.value;
  if (v.empty()) return "";
  return mod_prefix(t.mod) + value_label(v);
}

Expected<std::string> render(const KnowledgeGraph& kg, Format format, const RenderOptions& options) {
  gv::Session session;
  GVC_t* const context = gv::shared_context();
  if (!context) return Diagnostic{"", 0, 0, "cannot create a Graphviz context", Status::internal};
  gv::Graph g = build(kg, options);
  if (!g) return Diagnostic{"", 0, 0, "cannot create a Graphviz graph: " + session.messages(), Status::internal};
  if (format == Format::dot && !options.dot_with_layout) return gv::write_dot(g.get(), session);

  constexpr std::string_view kEngine = "dot";
  if (!gv::has_plugin(context, "layout", kEngine)) return missing_plugin("layout", kEngine);
  const std::string_view device = to_string(format);
  if (!gv::has_plugin(context, "device", device)) return missing_plugin("output", device);
  gv::Layout layout(context, g.get(), kEngine);
  if (!layout.ok() || session.had_error())
    return Diagnostic{"", 0, 0, "Graphviz layout failed: " + session.messages(), Status::internal};
  auto out = gv::render_data(context, g.get(), device, session);
  if (out && session.had_error())
    return Diagnostic{"", 0, 0, "Graphviz reported: " + session.messages(), Status::internal};
  return out;
}

}  // namespace annals::render
