// The JSON contract: canonical bytes, a faithful round trip, and schema errors that name
// the JSON path of the first problem.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/paths.h"
#include "io/io.h"

using namespace annals;
using graph::Relation;

namespace {

const io::SchemaValidator& schema() {
  static const io::SchemaValidator v = [] {
    Paths p = default_paths();
    p.schemas = std::filesystem::path(ANNALS_SOURCE_DIR) / "schemas";
    auto r = io::SchemaValidator::load(p);
    if (!r) FAIL(r.error().str());
    return std::move(*r);
  }();
  return v;
}

graph::KnowledgeGraph sample(std::string japan_label = "Japan \"<&>\"") {
  graph::KnowledgeGraph g;
  g.add_document({"a.txt", "2016-03-14"});
  g.add_timex({"a.txt#t1", "a.txt", {0, 4}, "2002", "DATE", "2002", "", "2002-01-01", "2003-01-01", ""});
  graph::Node a;
  a.id = "actor:japan";
  a.kind = graph::NodeKind::actor;
  a.label = std::move(japan_label);
  a.actor_type = "country";
  a.aliases = {"Tokyo"};
  a.mentions = {{"a.txt", {10, 15}, "Tokyo", 0}};
  g.add_node(a);
  graph::Node e;
  e.id = "event:meet:japan::2002";
  e.kind = graph::NodeKind::event;
  e.label = "2002 · meet";
  e.type = "meet";
  e.trigger = "met";
  e.modality = "asserted";
  e.time = graph::EventTime{"2002", "", "2002-01-01", "2003-01-01", "a.txt#t1"};
  e.mentions = {{"a.txt", {16, 19}, "met", 0}};
  g.add_node(e);
  g.add_edge(a.id, e.id, graph::Edge{Relation::agent, "", {{"a.txt", {10, 15}, "Tokyo", 0}}});
  return g;
}

}  // namespace

TEST_CASE("the graph round-trips through JSON byte for byte") {
  auto g = sample();
  auto text = io::dump(g);
  auto j = io::parse_json(text, "mem.json");
  REQUIRE(j);
  CHECK(schema().validate(*j, "mem.json"));
  auto back = io::from_json(*j, "mem.json");
  REQUIRE(back);
  CHECK(graph::same_graph(g, *back));
  CHECK(io::dump(*back) == text);
}

TEST_CASE("the schema rejects a broken graph with the path of the problem") {
  auto j = io::to_json(sample());
  SUBCASE("wrong node kind") {
    for (auto& n : j["nodes"])
      if (n["kind"] == "event") n["kind"] = "happening";
    auto r = schema().validate(j, "g.json");
    REQUIRE_FALSE(r);
    CHECK(r.error().str().find("/nodes/") != std::string::npos);
    CHECK(r.error().str().find("g.json") != std::string::npos);
  }
  SUBCASE("unknown relation") {
    j["edges"][0]["relation"] = "likes";
    auto r = schema().validate(j, "g.json");
    REQUIRE_FALSE(r);
    CHECK(r.error().str().find("/edges/0") != std::string::npos);
  }
  SUBCASE("missing documents") {
    j.erase("documents");
    CHECK_FALSE(schema().validate(j, "g.json"));
  }
  SUBCASE("negative offset") {
    j["timexes"][0]["begin"] = -1;
    auto r = schema().validate(j, "g.json");
    REQUIRE_FALSE(r);
    CHECK(r.error().str().find("/timexes/0") != std::string::npos);
  }
}

TEST_CASE("an edge to a missing node passes the schema but not the loader") {
  auto j = io::to_json(sample());
  j["edges"][0]["target"] = "event:nowhere";
  CHECK(schema().validate(j, "g.json"));
  auto g = io::from_json(j, "g.json");
  REQUIRE_FALSE(g);
  CHECK(g.error().str().find("event:nowhere") != std::string::npos);
}

TEST_CASE("a JSON syntax error names line and column") {
  auto r = io::parse_json("{\n  \"documents\": [,]\n}", "bad.json");
  REQUIRE_FALSE(r);
  CHECK(r.error().file == "bad.json");
  CHECK(r.error().line == 2);
  CHECK(r.error().column > 0);
}

TEST_CASE("dump writes the JSON value of to_json, laid out as nlohmann's dump(2)") {
  auto g = sample();
  // The streaming writer and the json object agree on the value...
  auto parsed = nlohmann::json::parse(io::dump(g));
  CHECK(parsed == io::to_json(g));
  // ...and, for strings with nothing to escape, on every byte (two-space indent, sorted keys).
  auto plain = sample("Japan");
  CHECK(io::dump(plain) == io::to_json(plain).dump(2) + "\n");
  graph::KnowledgeGraph empty;
  CHECK(io::dump(empty) == io::to_json(empty).dump(2) + "\n");
}

TEST_CASE("dump escapes every string through the JSON escaper") {
  auto g = sample(std::string("</script><!-- \xE2\x80\xAE evil \x01 \xFF\"\\\n"));
  const auto text = io::dump(g);
  CHECK(text.find("</script>") == std::string::npos);
  CHECK(text.find("<!--") == std::string::npos);
  CHECK(text.find("\xE2\x80\xAE") == std::string::npos);  // the bidi override is escaped
  CHECK(text.find("\"label\": \"\\u003c/script\\u003e\\u003c!-- \\u202e evil \\u0001 \xEF\xBF\xBD\\\"\\\\\\n\"") !=
        std::string::npos);
  auto j = io::parse_json(text, "mem.json");  // still JSON, still the contract
  REQUIRE(j);
  CHECK(schema().validate(*j, "mem.json"));
}
