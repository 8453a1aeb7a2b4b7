// annals extract: articles → knowledge graph (JSON, or DOT/SVG/PNG/PDF through render).
#include <cstdio>
#include <map>
#include <memory>

#include "commands.h"
#include "core/files.h"
#include "core/paths.h"
#include "graph/graph.h"
#include "inputs.h"
#include "io/io.h"
#include "pipeline/pipeline.h"
#include "render/render.h"

namespace annals::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string dct;
  std::string output = "-";
  std::string format = "json";
  std::string per_doc;
  std::string max_doc_size;
  bool table = false;
  bool no_temporal = false;
  bool deep = false;
};

std::string pad(std::string s, std::size_t width) {
  // Pads by code points so that names with accents line up.
  std::size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  if (cps < width) s.append(width - cps, ' ');
  return s;
}

/// The --per-doc file of each input (DIR/STEM.json), the folder made if missing; empty without
/// --per-doc. Two inputs with one stem ("a/x.txt", "b/x.txt") would overwrite each other's
/// graph: a usage error before anything is read.
std::vector<std::filesystem::path> per_doc_outputs(const std::string& dir,
                                                   const std::vector<std::filesystem::path>& inputs) {
  std::vector<std::filesystem::path> out;
  if (dir.empty()) return out;
  std::map<std::filesystem::path, const std::filesystem::path*> seen;
  for (const auto& in : inputs) {
    out.push_back(std::filesystem::path(dir) / (in.stem().string() + ".json"));
    auto [it, fresh] = seen.emplace(out.back(), &in);
    if (!fresh)
      throw Failure{Diagnostic{"--per-doc", 0, 0,
                               it->second->string() + " and " + in.string() + " would both write " +
                                   out.back().string(),
                               Status::usage}};
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Failure{Diagnostic{dir, 0, 0, "cannot create: " + ec.message(), Status::output}};
  return out;
}

}  // namespace

/// The who-did-what table, one row per (actor, role, event), in time order.
std::string format_table(const graph::KnowledgeGraph& g) {
  auto rows = graph::who_did_what(g);
  std::size_t wa = 5, wr = 4, we = 5;
  for (const auto& r : rows) {
    wa = std::max(wa, r.actor.size());
    wr = std::max(wr, r.role.size());
    we = std::max(we, r.event.size() + r.trigger.size() + 3);
  }
  wa = std::min<std::size_t>(wa, 36);
  std::string out = pad("actor", wa) + "  " + pad("role", wr) + "  " + pad("event", we) + "  time\n";
  out += std::string(wa, '-') + "  " + std::string(wr, '-') + "  " + std::string(we, '-') + "  ----\n";
  for (const auto& r : rows) {
    std::string ev = r.event + " (" + r.trigger + ")";
    std::string time = r.time.empty() ? "—" : r.time;
    if (r.modality != "asserted") time += "  [" + r.modality + "]";
    out += pad(r.actor, wa) + "  " + pad(r.role, wr) + "  " + pad(ev, we) + "  " + time + "\n";
  }
  return out;
}

namespace {

void run_extract(const ExtractOptions& o) {
  auto paths = default_paths();
  auto pipeline = check(pipeline::Pipeline::load(paths, o.deep));
  pipeline::Options popts;
  if (!o.dct.empty()) popts.dct = parse_dct(o.dct);
  popts.deep = o.deep;
  popts.temporal_edges = !o.no_temporal;
  auto format = render::format_from(o.format);
  if (o.format != "json" && !format)
    throw Failure{Diagnostic{"--format", 0, 0, "unknown format '" + o.format + "' (json, dot, svg, png, pdf)", Status::usage}};
  if (format && render::is_binary(*format) && o.output == "-")
    throw Failure{Diagnostic{"--format", 0, 0, o.format + " output needs -o FILE", Status::usage}};

  const auto max_doc = parse_max_doc_size(o.max_doc_size);

  const auto inputs = expand_inputs(o.inputs);
  const auto per_doc = per_doc_outputs(o.per_doc, inputs);

  graph::KnowledgeGraph all;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const auto& path = inputs[k];
    auto text = check(read_file(path, max_doc));
    auto g = check(pipeline.extract(path.generic_string(), std::move(text), popts));
    if (!per_doc.empty()) {
      // One line per document, once its file is in place: a run stopped by an error has
      // written exactly the documents it reported.
      check(write_file_atomic(per_doc[k], io::dump(g)));
      std::fprintf(stderr, "annals: wrote %s\n", per_doc[k].string().c_str());
    }
    all.merge(g);
  }
  if (format) {
    check(write_file_atomic(o.output, check(render::render(all, *format))));
  } else if (o.per_doc.empty() || o.output != "-") {
    check(write_file_atomic(o.output, io::dump(all)));
  }
  if (o.table) {
    auto t = format_table(all);
    std::fputs(t.c_str(), o.output == "-" ? stderr : stdout);
  }
}

}  // namespace

void setup_extract(CLI::App& app) {
  auto opts = std::make_shared<ExtractOptions>();
  auto* cmd = app.add_subcommand("extract", "Extract the event graph of one or more articles");
  cmd->add_option("inputs", opts->inputs, "Articles (UTF-8 text) or folders of *.txt")->required();
  cmd->add_option("--dct", opts->dct, "Document creation date YYYY-MM-DD (default: read from the dateline)");
  cmd->add_option("-o,--output", opts->output, "Output file ('-' for standard output)");
  cmd->add_option("--format", opts->format, "json (default), dot, svg, png or pdf");
  cmd->add_option("--per-doc", opts->per_doc, "Also write one graph JSON per article into this folder");
  add_max_doc_size(*cmd, opts->max_doc_size);
  cmd->add_flag("--table", opts->table, "Print the who-did-what table (to stdout with -o, else stderr)");
  cmd->add_flag("--no-temporal", opts->no_temporal, "Leave out before/overlap edges between events");
  cmd->add_flag("--deep", opts->deep,
                "Find verbs' subjects with the link-grammar parser instead of the chunker (about 1000x slower)");
  cmd->callback([opts]() { run_extract(*opts); });
}

}  // namespace annals::cli
