// Throughput of TIMEX3 tagging on one core, over the text of the TempEval-3 training corpus
// (the <TEXT> of its .tml files, tags removed) repeated to at least 20 MB.
//
//   build/bench/time_throughput [CORPUS_DIR] [MB] [--dump DIR] [--cpu-time]
//
// Prints MB/s of input text for five stages: segmentation alone, the tagger alone on
// segmented documents (match + anchor), segmentation + tagging, what `annals tag` does per document
// (segmentation + POS tagging of the sentences with a weekday + tagging), and the same with
// every sentence POS-tagged (as `annals extract` does). File reading and TimeML writing are
// left out.
// --cpu-time divides by the thread's CPU time instead of the elapsed time: on a shared
// machine, time spent waiting for the core then does not count (use it to compare builds).
// --dump DIR writes each text as DIR/NNN.txt with its DCT in DIR/NNN.dct (for
// bench/time_vs_chrono.sh, so chrono-node parses the same bytes).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "core/files.h"
#include "core/paths.h"
#include "text/text.h"
#include "time/time.h"

namespace fs = std::filesystem;
using namespace annals;

namespace {

struct Text {
  std::string bytes;
  date::year_month_day dct;
};

bool g_cpu_time = false;

/// Seconds of elapsed time, or of this thread's CPU time with --cpu-time.
double now() {
  if (!g_cpu_time) return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

template <class F>
void report(const char* what, const std::vector<Text>& texts, double target_mb, F&& f,
            const char* unit = "timexes") {
  std::size_t bytes = 0, docs = 0, found = 0;
  const double start = now();
  while (bytes < target_mb * 1e6)
    for (std::size_t k = 0; k < texts.size(); ++k) {
      found += f(k);
      bytes += texts[k].bytes.size();
      ++docs;
    }
  const double s = now() - start;
  std::printf("%-28s %6zu docs, %5.1f MB in %5.2f s: %7.1f MB/s (%zu %s)\n", what, docs, bytes / 1e6, s,
              bytes / 1e6 / s, found, unit);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = "../shared/corpus/tempeval3-train/TBAQ-cleaned";
  double target_mb = 20.0;
  fs::path dump;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (a == "--cpu-time") g_cpu_time = true;
    else positional.push_back(a);
  }
  if (!positional.empty()) dir = positional[0];
  if (positional.size() > 1) target_mb = std::atof(positional[1].c_str());

  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".tml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Text> texts;
  for (const auto& f : files) {
    auto bytes = read_file(f);
    if (!bytes) continue;
    auto tml = time::read_timeml(f.string(), std::move(*bytes));
    if (!tml || !tml->dct) continue;
    texts.push_back({std::move(tml->text), *tml->dct});
  }
  if (texts.empty()) {
    std::fprintf(stderr, "time_throughput: no TimeML files with a DCT under %s\n", dir.c_str());
    return 1;
  }
  if (!dump.empty()) {
    fs::create_directories(dump);
    for (std::size_t k = 0; k < texts.size(); ++k) {
      char name[32];
      std::snprintf(name, sizeof name, "%03zu", k);
      if (!write_file_atomic(dump / (std::string(name) + ".txt"), texts[k].bytes) ||
          !write_file_atomic(dump / (std::string(name) + ".dct"), time::format_value(texts[k].dct, time::Unit::day))) {
        std::fprintf(stderr, "time_throughput: cannot write to %s\n", dump.c_str());
        return 1;
      }
    }
  }
  std::size_t total = 0;
  for (const auto& t : texts) total += t.bytes.size();
  std::printf("corpus: %zu documents, %.2f MB of text\n", texts.size(), total / 1e6);

  const Paths paths = default_paths();
  auto segmenter = text::Segmenter::load(paths);
  auto pos = text::PosTagger::load(paths);
  auto tagger = time::Tagger::load(paths);
  if (!segmenter || !pos || !tagger) {
    std::fprintf(stderr, "time_throughput: cannot load the rules (run from the source tree or set ANNALS_RULES)\n");
    return 1;
  }
  std::vector<text::Document> docs;
  for (std::size_t k = 0; k < texts.size(); ++k) {
    docs.push_back(segmenter->segment(std::to_string(k), texts[k].bytes));
    pos->tag(docs.back());
  }
  report(
      "segment", texts, target_mb, [&](std::size_t k) { return segmenter->segment("d", texts[k].bytes).tokens.size(); },
      "tokens");
  report("tag (match + anchor)", texts, target_mb, [&](std::size_t k) { return tagger->tag(docs[k], texts[k].dct).size(); });
  report("segment + tag", texts, target_mb, [&](std::size_t k) {
    auto d = segmenter->segment("d", texts[k].bytes);
    return tagger->tag(d, texts[k].dct).size();
  });
  report("segment + POS + tag", texts, target_mb, [&](std::size_t k) {
    auto d = segmenter->segment("d", texts[k].bytes);
    return tagger->tag(d, texts[k].dct, *pos).size();
  });
  report("segment + all POS + tag", texts, target_mb, [&](std::size_t k) {
    auto d = segmenter->segment("d", texts[k].bytes);
    pos->tag(d);
    return tagger->tag(d, texts[k].dct).size();
  });
  return 0;
}
