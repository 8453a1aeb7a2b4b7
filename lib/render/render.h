// The render stage: a KnowledgeGraph drawn as a timeline with Graphviz, in-process (cgraph builds
// the graph, gvc lays it out and renders it; nothing shells out to `dot`). Events stand in
// columns ordered left to right by time, under a time axis; actors are coloured ellipses by
// actor type; role edges are thin and labelled, causal edges thick, red and labelled with their
// cue; temporal before/after/overlap edges are hidden unless asked for. Modality shows on the
// event box: dashed for hypothetical, italic "claimed", red and struck through for negated.
// Every string from the graph is escaped with core/escape.h. See docs/rendering.md for the
// design and the layout timings behind the Graphviz attributes chosen.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "graph/graph.h"

namespace annals::render {

enum class Format { dot, svg, png, pdf };
std::string_view to_string(Format);
/// "dot", "svg", "png", "pdf"; nullopt for anything else.
std::optional<Format> format_from(std::string_view);
/// Whether the format is bytes rather than text (png, pdf): the CLI refuses it on a terminal.
bool is_binary(Format);

struct RenderOptions {
  /// Draw before/after/overlap edges (faint, not constraining the layout). Off: the columns
  /// already show time order, and the extra edges triple the edge count on news graphs.
  bool temporal_edges = false;
  /// Labels longer than this many code points are cut and end with "…" (the full text stays in
  /// the tooltip). 0 keeps them whole.
  std::size_t max_label = 48;
  /// Format::dot only: lay the graph out first, so the DOT carries pos/bb attributes.
  bool dot_with_layout = false;
};

/// The graph drawn in `format`: DOT or SVG text, or PNG/PDF bytes. Fails with Status::output
/// when the Graphviz plugin for the layout or the format is missing (Debian: install the
/// `graphviz` package), Status::internal when Graphviz reports an error.
/// Graphviz is not thread-safe; calls are serialised inside.
Expected<std::string> render(const graph::KnowledgeGraph& g, Format format, const RenderOptions& options = {});

/// The column heading of an event time, for labels: "2002", "March 2016", "14 March 2016",
/// "1970s", "late 2012", "2016-W10", "now"; "" when there is no time.
std::string time_label(const graph::EventTime& t);

}  // namespace annals::render
