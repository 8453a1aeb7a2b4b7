// The examples beside the event and causal rule files (lib/events/rules/en/events.examples,
// lib/relations/rules/en/causal_cues.examples), run through the whole pipeline: each line's
// sentence must give the event (type, modality, roles, time) or the causal edge it names.
// Every causal cue form and every modality must be covered by at least one line.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/files.h"
#include "core/paths.h"
#include "graph/graph.h"
#include "pipeline/pipeline.h"
#include "../support/pipeline.h"
#include "time/time.h"

namespace fs = std::filesystem;
using namespace annals;

namespace {

using test::the_pipeline;

struct Line {
  std::string where;  // file:line
  std::string dct;
  std::string sentence;
  std::vector<std::string> expect;  // the fields after the tab, split on spaces
};

std::vector<Line> read_examples(const fs::path& file) {
  auto text = read_file(file);
  REQUIRE_MESSAGE(text, file.string());
  std::vector<Line> out;
  std::istringstream in(*text);
  std::string line, dct = "2020-01-01";
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("@dct ")) {
      dct = line.substr(5);
      continue;
    }
    auto tab = line.find('\t');
    REQUIRE_MESSAGE(tab != std::string::npos, file.string() << ":" << n << ": no tab");
    Line l{file.filename().string() + ":" + std::to_string(n), dct, line.substr(0, tab), {}};
    std::istringstream fields(line.substr(tab + 1));
    for (std::string f; fields >> f;) l.expect.push_back(f);
    out.push_back(std::move(l));
  }
  return out;
}

graph::KnowledgeGraph extract(const Line& l) {
  pipeline::Options o;
  o.dct = time::parse_date(l.dct);
  auto g = the_pipeline().extract("example.txt", l.sentence, o);
  if (!g) FAIL(l.where << ": " << g.error().str());
  return std::move(*g);
}

/// The event node with a mention whose text is `trigger`.
std::optional<graph::Vertex> event_with(const graph::KnowledgeGraph& g, const std::string& trigger) {
  for (auto v : g.sorted_vertices()) {
    const auto& n = g.node(v);
    if (n.kind != graph::NodeKind::event) continue;
    for (const auto& m : n.mentions)
      if (m.text == trigger) return v;
  }
  return std::nullopt;
}

std::string describe(const graph::KnowledgeGraph& g) {
  std::string out;
  for (auto v : g.sorted_vertices()) {
    const auto& n = g.node(v);
    if (n.kind == graph::NodeKind::event)
      out += " [" + n.trigger + " " + n.type + " " + n.modality + (n.time ? " " + n.time->value : "") + "]";
  }
  return out.empty() ? " no events" : out;
}

}  // namespace

TEST_CASE("events.examples: type, modality, roles and time of each example's event") {
  std::set<std::string> modalities;
  for (const auto& l : read_examples(fs::path(ANNALS_SOURCE_DIR) / "lib/events/rules/en/events.examples")) {
    // "!TRIGGER": the word is no event here (a negative example).
    if (!l.expect.empty() && l.expect[0].starts_with('!')) {
      auto g = extract(l);
      CHECK_MESSAGE(!event_with(g, l.expect[0].substr(1)), l.where << ": '" << l.expect[0].substr(1) << "' is an event");
      continue;
    }
    REQUIRE_MESSAGE(l.expect.size() >= 3, l.where);
    auto g = extract(l);
    auto v = event_with(g, l.expect[0]);
    if (!v) {
      FAIL_CHECK(l.where << ": no event '" << l.expect[0] << "' in: " << l.sentence << " —" << describe(g));
      continue;
    }
    const auto& n = g.node(*v);
    CHECK_MESSAGE(n.type == l.expect[1], l.where << ": type " << n.type);
    CHECK_MESSAGE(n.modality == l.expect[2], l.where << ": modality " << n.modality);
    modalities.insert(l.expect[2]);
    for (std::size_t k = 3; k < l.expect.size(); ++k) {
      auto eq = l.expect[k].find('=');
      std::string key = l.expect[k].substr(0, eq), want = l.expect[k].substr(eq + 1);
      const bool absent = !key.empty() && key.back() == '!';  // "agent!=Label": not in that role
      if (absent) key.pop_back();
      for (auto& c : want)
        if (c == '_') c = ' ';
      if (key == "time" && want == "none") {
        CHECK_MESSAGE(!n.time, l.where << ": time " << n.time->value << ", want none");
        continue;
      }
      if (key == "time") {
        CHECK_MESSAGE((n.time && n.time->value == want), l.where << ": time " << (n.time ? n.time->value : "none"));
        continue;
      }
      bool found = false;
      std::string got;
      if (want == "none") {  // "agent=none": no actor in that role
        for (auto [it, end] = boost::in_edges(*v, g.boost()); it != end; ++it)
          if (graph::to_string(g.boost()[*it].relation) == key) got += " " + g.node(boost::source(*it, g.boost())).label;
        CHECK_MESSAGE(got.empty(), l.where << ": want no " << key << " (got" << got << ")");
        continue;
      }
      for (auto [it, end] = boost::in_edges(*v, g.boost()); it != end; ++it) {
        const auto& e = g.boost()[*it];
        if (graph::to_string(e.relation) != key) continue;
        const auto& actor = g.node(boost::source(*it, g.boost()));
        got += " " + actor.label;
        found |= actor.label == want;
      }
      if (absent)
        CHECK_MESSAGE(!found, l.where << ": " << key << " '" << want << "' should not be there");
      else
        CHECK_MESSAGE(found, l.where << ": no " << key << " '" << want << "' (got" << got << ")");
    }
  }
  for (const char* m : {"asserted", "claimed", "hypothetical", "negated"})
    CHECK_MESSAGE(modalities.contains(m), "no example of modality " << m);
}

TEST_CASE("causal_cues.examples: a causes edge from cause to effect, for every cue form") {
  for (const auto& l : read_examples(fs::path(ANNALS_SOURCE_DIR) / "lib/relations/rules/en/causal_cues.examples")) {
    const bool none = l.expect.size() == 1 && l.expect[0] == "none";
    REQUIRE_MESSAGE((none || (l.expect.size() == 3 && l.expect[1] == ">")), l.where << ": want CAUSE > EFFECT or none");
    auto g = extract(l);
    if (none) {
      for (auto [it, end] = boost::edges(g.boost()); it != end; ++it)
        CHECK_MESSAGE(g.boost()[*it].relation != graph::Relation::causes,
                      l.where << ": a causes edge where none is: " << l.sentence);
      continue;
    }
    auto cause = event_with(g, l.expect[0]), effect = event_with(g, l.expect[2]);
    if (!cause || !effect) {
      FAIL_CHECK(l.where << ": events missing in: " << l.sentence << " —" << describe(g));
      continue;
    }
    bool found = false;
    for (auto [it, end] = boost::out_edges(*cause, g.boost()); it != end; ++it)
      found |= boost::target(*it, g.boost()) == *effect && g.boost()[*it].relation == graph::Relation::causes;
    CHECK_MESSAGE(found, l.where << ": no causes edge " << l.expect[0] << " -> " << l.expect[2]);
  }
}
