// The one runner for every lib/time/rules/en/*.examples file (Duckling's makeCorpusTest and
// makeNegativeCorpusTest): each positive line must yield the expected timex at the bracketed
// span, each negative line no timex at all, and every rule of every *.rules file must be hit
// by at least one positive line, so a rule cannot land without its examples.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/files.h"
#include "core/paths.h"
#include "text/text.h"
#include "time/time.h"

namespace fs = std::filesystem;

// doctest streams the message with a binary operator: keep a built string in one piece.
#define CHECK_MSG(cond, ...) CHECK_MESSAGE(cond, std::string(__VA_ARGS__))
#define REQUIRE_MSG(cond, ...) REQUIRE_MESSAGE(cond, std::string(__VA_ARGS__))
using namespace annals;

namespace {

fs::path rules_dir() { return fs::path(ANNALS_SOURCE_DIR) / "lib/time/rules/en"; }

// The segmenter `annals tag` uses: with the abbreviation list, so "Sept." stays one token.
const text::Segmenter& segmenter() {
  static const text::Segmenter s = [] {
    Paths p = default_paths();
    p.rules = fs::path(ANNALS_SOURCE_DIR) / "lib";
    auto r = text::Segmenter::load(p);
    if (!r) FAIL(std::string(r.error().str()));
    return std::move(*r);
  }();
  return s;
}

const time::Tagger& tagger() {
  static const time::Tagger t = [] {
    Paths p = default_paths();
    p.rules = fs::path(ANNALS_SOURCE_DIR) / "lib";
    auto r = time::Tagger::load(p);
    if (!r) FAIL(std::string(r.error().str()));
    return std::move(*r);
  }();
  return t;
}

// And its part-of-speech tagger, which reads the tense of a weekday's sentence.
const text::PosTagger& pos_tagger() {
  static const text::PosTagger t = [] {
    auto r = text::PosTagger::load(default_paths());
    if (!r) FAIL(std::string(r.error().str()));
    return std::move(*r);
  }();
  return t;
}

std::string describe(const std::vector<time::Timex>& ts, const text::Document& doc) {
  std::string out;
  for (const auto& t : ts) {
    out += " [" + std::string(doc.str(t.span)) + "] " + std::string(time::to_string(t.type)) + " " + t.value;
    if (t.mod != time::Mod::none) out += " " + std::string(time::to_string(t.mod));
    out += " (" + t.rule + ");";
  }
  return out.empty() ? " nothing" : out;
}

}  // namespace

TEST_CASE("every rule file has examples, and every example holds") {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(rules_dir())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::set<std::string> examples;
  for (const auto& f : files)
    if (f.extension() == ".examples") examples.insert(f.stem().string());
  for (const auto& f : files)
    if (f.extension() == ".rules" || f.extension() == ".tsv")
      CHECK_MSG(examples.count(f.stem().string()), f.string() + " has no sibling .examples file");

  std::set<std::string> hit;
  int positives = 0, negatives = 0;
  for (const auto& f : files) {
    if (f.extension() != ".examples") continue;
    // Ranges and offsets expect intervals and dates, not timexes: tests/time/ranges_test.cpp.
    if (f.stem() == "ranges" || f.stem() == "offsets") continue;
    auto bytes = read_file(f);
    REQUIRE_MSG(bytes, f.string());
    std::istringstream in(*bytes);
    std::string line;
    int line_no = 0;
    std::optional<date::year_month_day> dct;
    while (std::getline(in, line)) {
      ++line_no;
      const std::string where = f.string() + ":" + std::to_string(line_no);
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("@dct ", 0) == 0) {
        dct = time::parse_date(line.substr(5));
        REQUIRE_MSG(dct, where + ": bad @dct");
        continue;
      }
      REQUIRE_MSG(dct, where + ": no @dct line before the first example");
      auto tab = line.find('\t');
      REQUIRE_MSG(tab != std::string::npos, where + ": TEXT<tab>EXPECTED or !<tab>TEXT");
      if (line.substr(0, tab) == "!") {
        ++negatives;
        std::string text = line.substr(tab + 1);
        auto doc = segmenter().segment(where, text);
        auto ts = tagger().tag(doc, *dct, pos_tagger());
        CHECK_MSG(ts.empty(), where + ": negative example matched:" + describe(ts, doc));
        // A `none` rule (blocks.rules) is exercised by the negative example it keeps untagged.
        for (const time::Mention& m : tagger().match(doc))
          if (m.frame.kind == time::Frame::Kind::none) hit.insert(std::string(m.rule));
        continue;
      }
      ++positives;
      std::string raw = line.substr(0, tab);
      std::string expected = line.substr(tab + 1);
      // [brackets] mark the span; none: the whole text.
      std::string text;
      Span want{0, 0};
      for (char c : raw) {
        if (c == '[') want.begin = static_cast<std::uint32_t>(text.size());
        else if (c == ']') want.end = static_cast<std::uint32_t>(text.size());
        else text += c;
      }
      if (want.end == 0) want = {0, static_cast<std::uint32_t>(text.size())};
      std::istringstream ex(expected);
      std::string type, value, mod;
      ex >> type >> value >> mod;
      auto doc = segmenter().segment(where, text);
      auto ts = tagger().tag(doc, *dct, pos_tagger());
      auto it = std::find_if(ts.begin(), ts.end(), [&](const time::Timex& t) { return t.span == want; });
      if (it == ts.end()) {
        CHECK_MSG(false, where + ": no timex at [" + text.substr(want.begin, want.end - want.begin) +
                                 "]; found" + describe(ts, doc));
        continue;
      }
      hit.insert(it->rule);
      std::string got = std::string(time::to_string(it->type)) + " " + it->value +
                        (it->mod == time::Mod::none ? "" : " " + std::string(time::to_string(it->mod)));
      std::string want_s = type + " " + value + (mod.empty() ? "" : " " + mod);
      CHECK_MSG(got == want_s, where + ": expected " + want_s + ", got " + got + " (rule " + it->rule + ")");
    }
  }
  CHECK(positives > 100);
  CHECK(negatives > 10);

  // Every rule is exercised.
  for (const auto& f : files) {
    if (f.extension() != ".rules") continue;
    std::ifstream in(f);
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == '#' || line.find('\t') == std::string::npos) continue;
      std::string name = line.substr(0, line.find('\t'));
      CHECK_MSG(hit.count(name), f.string() + ":" + std::to_string(line_no) + ": rule '" + name +
                                         "' has no example in any .examples file (a positive one, or a "
                                         "negative one for a none rule)");
    }
  }
}
