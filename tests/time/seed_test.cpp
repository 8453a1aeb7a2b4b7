// The seed articles (examples/articles/*.txt with *.gold.json): every gold timex found with
// its text, type, value and mod, as `annals tag --format json` gives them (segmenter, POS
// tagger, tagger; DCT from the gold file). A ratchet on the count right, printed with the
// misses so a regression names its timex.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/paths.h"
#include "text/text.h"
#include "time/time.h"

namespace fs = std::filesystem;
using namespace annals;

namespace {

// Right on 2026-12-01: 210 of 228 (208 before a bare time of day took the day the text last
// named, "Monday ... at 10:52 p.m.", and "about nine minutes later" became the DURATION
// "about nine minutes" as TimeBank tags it). The misses left are conventions the TempEval-3
// gold does the other way ("annual" as SET, ages as durations, "up to" outside the timex) and
// readings the text does not settle ("midnight" as T24:00, "PXH" vs "PTXH"); see docs/time.md.
// 2026-12-02, with the ten articles of the fourth held-out set (47 articles): 470 of 514; with
// the fifth's (57): 575 of 628.
constexpr int kRightFloor = 575;

}  // namespace

TEST_CASE("seed articles: gold timexes right") {
  Paths p = default_paths();
  p.rules = fs::path(ANNALS_SOURCE_DIR) / "lib";
  auto segmenter = text::Segmenter::load(p);
  auto pos = text::PosTagger::load(p);
  auto tagger = time::Tagger::load(p);
  REQUIRE(segmenter);
  REQUIRE(pos);
  REQUIRE(tagger);
  std::vector<fs::path> golds;
  for (const auto& e : fs::directory_iterator(fs::path(ANNALS_SOURCE_DIR) / "examples/articles"))
    if (e.path().string().ends_with(".gold.json")) golds.push_back(e.path());
  std::sort(golds.begin(), golds.end());
  REQUIRE(!golds.empty());
  int total = 0, right = 0;
  std::string misses;
  for (const auto& g : golds) {
    auto gold_bytes = read_file(g);
    REQUIRE(gold_bytes);
    const auto gold = nlohmann::json::parse(*gold_bytes);
    std::string txt = g.string();
    txt.replace(txt.size() - std::string_view(".gold.json").size(), std::string::npos, ".txt");
    auto bytes = read_file(txt);
    REQUIRE(bytes);
    auto dct = time::parse_date(gold.at("dct").get<std::string>());
    REQUIRE(dct);
    text::Document doc = segmenter->segment(txt, std::move(*bytes));
    pos->tag(doc);
    const auto timexes = tagger->tag(doc, *dct);
    for (const auto& want : gold.at("timexes")) {
      ++total;
      const std::string text = want.at("text").get<std::string>();
      // A value the text does not settle is given as alternatives ("three weeks ago": the
      // week or the day), as the scorer takes them.
      std::vector<std::string> values;
      if (want.at("value").is_array()) values = want.at("value").get<std::vector<std::string>>();
      else values.push_back(want.at("value").get<std::string>());
      const std::string value = values.front();
      const std::string type = want.at("type").get<std::string>();
      const std::string mod = want.contains("mod") ? want.at("mod").get<std::string>() : "";
      const bool ok = std::any_of(timexes.begin(), timexes.end(), [&](const time::Timex& t) {
        return doc.str(t.span) == text && std::find(values.begin(), values.end(), t.value) != values.end() &&
               time::to_string(t.type) == type &&
               time::to_string(t.mod) == mod;
      });
      if (ok) ++right;
      else misses += "\n  " + g.filename().string() + ": " + text + " " + type + " " + value + " " + mod;
    }
  }
  MESSAGE(std::string("seed articles: " + std::to_string(right) + " of " + std::to_string(total) +
                      " timexes right; misses:" + misses));
  CHECK(total > 200);
  CHECK(right >= kRightFloor);
}
