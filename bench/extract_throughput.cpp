// Throughput of the whole extraction (segment → POS → time → actors → events → relations →
// graph) on one core, over the development corpus repeated to at least 20 MB.
//
//   build/bench/extract_throughput [DIR] [MB] [--deep]
//
// Prints MB/s of input text; the graph building and JSON writing are included, the file
// reading is not. Elapsed time first; then the same over this thread's CPU time, which a
// machine shared with other jobs inflates less. --deep measures the link-grammar mode (give a
// small MB: it is slow).
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/files.h"
#include "core/paths.h"
#include "io/io.h"
#include "pipeline/pipeline.h"
#include "time/time.h"

namespace fs = std::filesystem;
using namespace annals;

int main(int argc, char** argv) {
  fs::path dir = argc > 1 ? argv[1] : "examples/articles";
  const double target_mb = argc > 2 ? std::atof(argv[2]) : 20.0;
  const bool deep = argc > 3 && std::string(argv[3]) == "--deep";
  std::vector<std::string> texts;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt")
      if (auto t = read_file(e.path())) texts.push_back(std::move(*t));
  if (texts.empty()) {
    std::fprintf(stderr, "extract_throughput: no *.txt in %s\n", dir.c_str());
    return 1;
  }
  auto p = pipeline::Pipeline::load(default_paths(), deep);
  if (!p) {
    std::fprintf(stderr, "extract_throughput: %s\n", p.error().str().c_str());
    return 1;
  }
  pipeline::Options o;
  o.dct = time::parse_date("2020-01-01");  // fixed, so undated articles run too
  o.deep = deep;
  std::size_t bytes = 0, nodes = 0, docs = 0;
  std::size_t json_bytes = 0;
  using clock = std::chrono::steady_clock;
  clock::duration in_extract{}, in_json{};
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  double cpu_extract = 0, cpu_json = 0;
  while (bytes < target_mb * 1e6) {
    for (const auto& t : texts) {
      const double c0 = cpu_now();
      auto t0 = clock::now();
      auto g = p->extract("doc" + std::to_string(docs), t, o);
      auto t1 = clock::now();
      const double c1 = cpu_now();
      if (!g) return 1;
      json_bytes += io::dump(*g).size();
      in_extract += t1 - t0;
      in_json += clock::now() - t1;
      cpu_extract += c1 - c0;
      cpu_json += cpu_now() - c1;
      nodes += g->node_count();
      bytes += t.size();
      ++docs;
    }
  }
  const double se = std::chrono::duration<double>(in_extract).count();
  const double sj = std::chrono::duration<double>(in_json).count();
  std::printf("extract%s: %zu documents, %.2f MB: %.3g MB/s extracting (%.0f docs/s), %.3g MB/s with JSON "
              "(%zu nodes, %.1f MB JSON)\n",
              deep ? " --deep" : "", docs, bytes / 1e6, bytes / 1e6 / se, docs / se, bytes / 1e6 / (se + sj), nodes, json_bytes / 1e6);
  std::printf("cpu time: %.3g MB/s extracting, %.3g MB/s with JSON\n", bytes / 1e6 / cpu_extract,
              bytes / 1e6 / (cpu_extract + cpu_json));
  return 0;
}
