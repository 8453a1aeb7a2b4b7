// annals validate: check graph JSON files against schemas/graph.schema.json.
#include <cstdio>
#include <memory>

#include "commands.h"
#include "core/files.h"
#include "core/paths.h"
#include "io/io.h"

namespace annals::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> inputs;
};

void run_validate(const ValidateOptions& o) {
  auto schema = check(io::SchemaValidator::load(default_paths()));
  for (const auto& path : o.inputs) {
    auto text = check(read_file(path));
    auto j = check(io::parse_json(text, path));
    check(schema.validate(j, path));
    // References the schema cannot express: ids unique, edges between existing nodes.
    auto g = io::from_json(j, path);
    if (!g) {
      auto d = g.error();
      d.status = Status::failure;
      throw Failure{d};
    }
    std::fprintf(stderr, "annals: %s: valid (%zu nodes, %zu edges)\n", path.c_str(), g->node_count(), g->edge_count());
  }
}

}  // namespace

void setup_validate(CLI::App& app) {
  auto opts = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand("validate", "Check graph JSON against the schema (exit 1 with the JSON path of the first problem)");
  cmd->add_option("graphs", opts->inputs, "Graph JSON files")->required();
  cmd->callback([opts]() { run_validate(*opts); });
}

}  // namespace annals::cli
