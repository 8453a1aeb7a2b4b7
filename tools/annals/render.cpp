// annals render: graph JSON → DOT, SVG, PNG or PDF (Graphviz in-process, see render/render.h).
#include <cstdio>
#include <memory>
#include <unistd.h>

#include "commands.h"
#include "core/files.h"
#include "core/paths.h"
#include "io/io.h"
#include "render/render.h"

namespace annals::cli {
namespace {

struct RenderCliOptions {
  std::vector<std::string> inputs;
  std::string output = "-";
  std::string format = "svg";
  bool temporal = false;
  bool layout = false;
  std::size_t max_label = 48;
};

void run_render(const RenderCliOptions& o) {
  auto format = render::format_from(o.format);
  if (!format)
    throw Failure{Diagnostic{"--format", 0, 0, "unknown format '" + o.format + "' (dot, svg, png, pdf)", Status::usage}};
  if (render::is_binary(*format) && o.output == "-" && isatty(STDOUT_FILENO))
    throw Failure{Diagnostic{"--format", 0, 0, o.format + " is binary: pass -o FILE or redirect the output", Status::usage}};
  auto schema = check(io::SchemaValidator::load(default_paths()));
  graph::KnowledgeGraph all;
  for (const auto& path : o.inputs) all.merge(check(io::read_graph(path, schema)));
  render::RenderOptions ropts;
  ropts.temporal_edges = o.temporal;
  ropts.dot_with_layout = o.layout;
  ropts.max_label = o.max_label;
  check(write_file_atomic(o.output, check(render::render(all, *format, ropts))));
}

}  // namespace

void setup_render(CLI::App& app) {
  auto opts = std::make_shared<RenderCliOptions>();
  auto* cmd = app.add_subcommand("render", "Draw graph JSON as DOT, SVG, PNG or PDF (several graphs are merged first)");
  cmd->add_option("graphs", opts->inputs, "Graph JSON files")->required();
  cmd->add_option("-o,--output", opts->output, "Output file ('-' for standard output)");
  cmd->add_option("--format", opts->format, "svg (default), dot, png or pdf");
  cmd->add_flag("--temporal-edges", opts->temporal, "Also draw before/after/overlap edges between events");
  cmd->add_flag("--layout", opts->layout, "DOT only: lay the graph out first so the DOT carries positions");
  cmd->add_option("--max-label", opts->max_label, "Cut labels longer than this many characters (0: never)");
  cmd->callback([opts]() { run_render(*opts); });
}

}  // namespace annals::cli
