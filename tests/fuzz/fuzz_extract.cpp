// The whole text pipeline on arbitrary bytes with a fixed DCT. Properties: extract() either
// returns a graph or a Diagnostic (never crashes); every mention, evidence and timex span lies
// inside the document and its text is the bytes of the span; the graph's JSON passes the
// schema and reads back to the same JSON.
#include <string>

#include "core/paths.h"
#include "fuzz.h"
#include "io/io.h"
#include "pipeline/pipeline.h"

namespace annals::fuzz {
namespace {

struct ExtractState {
  pipeline::Pipeline pipeline;
  io::SchemaValidator schema;
};

const ExtractState& extract_state() {
  static const ExtractState s = [] {
    auto p = pipeline::Pipeline::load(default_paths());
    auto v = io::SchemaValidator::load(default_paths());
    if (!p || !v) {
      std::fprintf(stderr, "fuzz_extract: cannot load the rules: %s\n",
                   (!p ? p.error() : v.error()).str().c_str());
      std::abort();
    }
    return ExtractState{std::move(*p), std::move(*v)};
  }();
  return s;
}

void check_mention(const graph::Mention& m, std::string_view text) {
  ANNALS_FUZZ_CHECK(m.span.begin <= m.span.end && m.span.end <= text.size(), "span outside the text");
  ANNALS_FUZZ_CHECK(text.substr(m.span.begin, m.span.end - m.span.begin) == m.text, "mention text is not its span");
}

}  // namespace

int extract(const std::uint8_t* data, std::size_t size) {
  const auto& s = extract_state();
  const std::string text(reinterpret_cast<const char*>(data), size);
  pipeline::Options options;
  options.dct = date::year_month_day{date::year{2015}, date::month{3}, date::day{2}};
  auto g = s.pipeline.extract("fuzz.txt", text, options);
  if (!g) return 0;
  const auto& bg = g->boost();
  for (auto v : g->sorted_vertices())
    for (const auto& m : g->node(v).mentions) check_mention(m, text);
  for (auto e : g->sorted_edges())
    for (const auto& m : bg[e].evidence) check_mention(m, text);
  for (const auto& t : g->timexes()) {
    ANNALS_FUZZ_CHECK(t.span.begin <= t.span.end && t.span.end <= text.size(), "timex span outside the text");
    ANNALS_FUZZ_CHECK(std::string_view(text).substr(t.span.begin, t.span.end - t.span.begin) == t.text,
                      "timex text is not its span");
  }
  const std::string json = io::dump(*g);
  auto j = io::parse_json(json, "dump");
  ANNALS_FUZZ_CHECK(j.has_value(), j ? "" : j.error().str());
  auto valid = s.schema.validate(*j, "dump");
  ANNALS_FUZZ_CHECK(valid.has_value(), valid ? "" : valid.error().str());
  auto back = io::from_json(*j, "dump");
  ANNALS_FUZZ_CHECK(back.has_value(), back ? "" : back.error().str());
  ANNALS_FUZZ_CHECK(io::dump(*back) == json, "JSON does not round-trip");
  return 0;
}

}  // namespace annals::fuzz

ANNALS_FUZZ_ENTRY(annals::fuzz::extract)
