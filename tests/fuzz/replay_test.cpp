// Replays every seed (tests/fuzz/<target>/) and every saved crash (tests/fuzz/regressions/
// <target>/) through the fuzz targets, so that each crash found stays fixed in every build,
// with or without libFuzzer. A property failure aborts the test binary, naming the input.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_extract.cpp"
#include "fuzz_graph_json.cpp"
#include "fuzz_render.cpp"
#include "fuzz_rules.cpp"
#include "fuzz_timeml.cpp"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> out;
  const fs::path root = fs::path(ANNALS_SOURCE_DIR) / "tests/fuzz";
  for (const fs::path& dir : {root / target, root / "regressions" / target}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t replay(const std::string& target, int (*fn)(const std::uint8_t*, std::size_t)) {
  auto files = inputs_of(target);
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    MESSAGE(f.filename().string());  // named in the log before a property failure aborts
    CHECK(fn(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()) == 0);
  }
  return files.size();
}

}  // namespace

TEST_CASE("fuzz replay: extract") { CHECK(replay("extract", annals::fuzz::extract) > 0); }
TEST_CASE("fuzz replay: timeml") { CHECK(replay("timeml", annals::fuzz::timeml) > 0); }
TEST_CASE("fuzz replay: graph_json") { CHECK(replay("graph_json", annals::fuzz::graph_json) > 0); }
TEST_CASE("fuzz replay: render") { CHECK(replay("render", annals::fuzz::render) > 0); }
TEST_CASE("fuzz replay: rules") { CHECK(replay("rules", annals::fuzz::rules) > 0); }
