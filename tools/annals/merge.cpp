// annals merge: union of graphs (associative and commutative; the output is canonical).
#include <memory>

#include "commands.h"
#include "core/files.h"
#include "core/paths.h"
#include "io/io.h"

namespace annals::cli {
namespace {

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string output = "-";
};

void run_merge(const MergeOptions& o) {
  auto schema = check(io::SchemaValidator::load(default_paths()));
  graph::KnowledgeGraph all;
  for (const auto& path : o.inputs) all.merge(check(io::read_graph(path, schema)));
  check(write_file_atomic(o.output, io::dump(all)));
}

}  // namespace

void setup_merge(CLI::App& app) {
  auto opts = std::make_shared<MergeOptions>();
  auto* cmd = app.add_subcommand("merge", "Merge graph JSON files: one node per actor and per real-world event");
  cmd->add_option("graphs", opts->inputs, "Graph JSON files")->required();
  cmd->add_option("-o,--output", opts->output, "Output file ('-' for standard output)");
  cmd->callback([opts]() { run_merge(*opts); });
}

}  // namespace annals::cli
