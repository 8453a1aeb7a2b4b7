// The graph JSON reader: parse, validate against schemas/graph.schema.json, load, dump.
// Properties (nlohmann/json:tests/src/fuzzer-parse_json.cpp): anything accepted dumps to
// JSON that passes the schema, loads again, and dumps to the same bytes.
#include <string>

#include "core/paths.h"
#include "fuzz.h"
#include "io/io.h"

namespace annals::fuzz {
namespace {

const io::SchemaValidator& schema() {
  static const io::SchemaValidator s = [] {
    auto v = io::SchemaValidator::load(default_paths());
    if (!v) {
      std::fprintf(stderr, "fuzz_graph_json: %s\n", v.error().str().c_str());
      std::abort();
    }
    return std::move(*v);
  }();
  return s;
}

}  // namespace

int graph_json(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto j = io::parse_json(text, "fuzz.json");
  if (!j) {
    // A syntax error has its line:col; only out-of-range numbers have no position.
    ANNALS_FUZZ_CHECK((j.error().line >= 1 && j.error().column >= 1) ||
                          j.error().message.find("number overflow") != std::string::npos,
                      j.error().str());
    return 0;
  }
  if (!schema().validate(*j, "fuzz.json")) return 0;
  auto g = io::from_json(*j, "fuzz.json");
  if (!g) return 0;
  const std::string once = io::dump(*g);
  auto j2 = io::parse_json(once, "dump");
  ANNALS_FUZZ_CHECK(j2.has_value(), j2 ? "" : j2.error().str());
  auto valid = schema().validate(*j2, "dump");
  ANNALS_FUZZ_CHECK(valid.has_value(), valid ? "" : valid.error().str());
  auto g2 = io::from_json(*j2, "dump");
  ANNALS_FUZZ_CHECK(g2.has_value(), g2 ? "" : g2.error().str());
  ANNALS_FUZZ_CHECK(io::dump(*g2) == once, "dump is not a fixed point");
  ANNALS_FUZZ_CHECK(graph::same_graph(*g, *g2), "graph changed through JSON");
  return 0;
}

}  // namespace annals::fuzz

ANNALS_FUZZ_ENTRY(annals::fuzz::graph_json)
