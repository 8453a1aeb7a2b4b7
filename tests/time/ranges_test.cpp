// Ranges (lib/time/ranges.cpp, lib/time/rules/en/ranges.tsv) and offsets (offsets.cpp,
// offsets.tsv): every line of their .examples holds, and every cue row is used by a positive
// example, so a cue cannot land without one.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "core/files.h"
#include "core/paths.h"
#include "text/text.h"
#include "time/time.h"

namespace fs = std::filesystem;
using namespace annals;

namespace {

Paths source_paths() {
  Paths p = default_paths();
  p.rules = fs::path(ANNALS_SOURCE_DIR) / "lib";
  return p;
}

fs::path rules_dir() { return fs::path(ANNALS_SOURCE_DIR) / "lib/time/rules/en"; }

std::string iso(date::sys_days d) { return date::format("%F", d); }

/// One example line, tagged: the text without brackets, the bracketed span, what is expected
/// (empty for a negative line), and the timexes found.
struct Example {
  std::string where;  // "ranges.examples:12"
  text::Document doc;
  Span marked;
  std::string expected;
  std::vector<time::Timex> timexes;
};

/// Runs `check` on every example of `file` ("@dct D" lines set the date; "!<tab>TEXT" is a
/// negative example) and returns the number of positive and negative examples.
std::pair<int, int> for_each_example(const std::string& file, const std::function<void(const Example&)>& check) {
  static const text::Segmenter seg = text::Segmenter::load(source_paths()).value();
  static const time::Tagger tagger = time::Tagger::load(source_paths()).value();
  auto bytes = read_file(rules_dir() / file);
  REQUIRE(bytes);
  std::istringstream in(*bytes);
  std::string line;
  int line_no = 0, positives = 0, negatives = 0;
  std::optional<date::year_month_day> dct;
  while (std::getline(in, line)) {
    ++line_no;
    Example ex;
    ex.where = file + ":" + std::to_string(line_no);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("@dct ", 0) == 0) {
      dct = time::parse_date(line.substr(5));
      REQUIRE_MESSAGE(dct, ex.where);
      continue;
    }
    REQUIRE_MESSAGE(dct, std::string(ex.where + ": no @dct before the first example"));
    const auto tab = line.find('\t');
    REQUIRE_MESSAGE(tab != std::string::npos, ex.where);
    std::string text;
    if (line.substr(0, tab) == "!") {
      ++negatives;
      text = line.substr(tab + 1);
    } else {
      ++positives;
      ex.expected = line.substr(tab + 1);
      for (char c : line.substr(0, tab)) {
        if (c == '[') ex.marked.begin = static_cast<std::uint32_t>(text.size());
        else if (c == ']') ex.marked.end = static_cast<std::uint32_t>(text.size());
        else text += c;
      }
    }
    ex.doc = seg.segment(ex.where, text);
    ex.timexes = tagger.tag(ex.doc, *dct);
    check(ex);
  }
  return {positives, negatives};
}

std::string found(const Example& ex) {
  std::string out;
  for (const auto& t : ex.timexes) out += " [" + std::string(ex.doc.str(t.span)) + "] " + t.value;
  return out;
}

}  // namespace

TEST_CASE("ranges: every example of ranges.examples holds, every cue is used") {
  auto cues = time::load_range_cues(rules_dir() / "ranges.tsv");
  REQUIRE(cues);
  std::set<int> used;
  auto [positives, negatives] = for_each_example("ranges.examples", [&](const Example& ex) {
    const auto& ts = ex.timexes;
    if (ex.expected.empty()) {
      for (const auto& t : ts)
        CHECK_MESSAGE(t.range_end < 0, std::string(ex.where + ": a range from [" + std::string(ex.doc.str(t.span)) + "]"));
      return;
    }
    // The range's parts lie inside the brackets.
    std::size_t first = ts.size();
    for (std::size_t i = 0; i < ts.size(); ++i)
      if (ts[i].span.begin >= ex.marked.begin && ts[i].span.end <= ex.marked.end && ts[i].range_end >= 0) first = i;
    if (first == ts.size()) {
      CHECK_MESSAGE(false, std::string(ex.where + ": no range; timexes:" + found(ex)));
      return;
    }
    used.insert(ts[first].range_cue);
    auto span = time::range_interval(ts, first);
    REQUIRE(span);
    CHECK_MESSAGE(iso(span->begin) + " " + iso(span->end) == ex.expected, ex.where);
    CHECK(time::range_interval(ts, static_cast<std::size_t>(ts[first].range_end)) == span);
  });
  CHECK(positives >= 8);
  CHECK(negatives >= 4);
  for (std::size_t c = 0; c < cues->size(); ++c)
    CHECK_MESSAGE(used.count(static_cast<int>(c)),
                  std::string("ranges.tsv cue " + std::to_string(c + 1) + " ('" + (*cues)[c].connector + "', opener '" +
                              (*cues)[c].opener + "') has no positive example"));
}

TEST_CASE("offsets: every example of offsets.examples holds, every cue is used") {
  auto cues = time::load_offset_cues(rules_dir() / "offsets.tsv");
  REQUIRE(cues);
  std::set<int> used;
  auto [positives, negatives] = for_each_example("offsets.examples", [&](const Example& ex) {
    if (ex.expected.empty()) {
      for (const auto& t : ex.timexes)
        CHECK_MESSAGE(!t.offset, std::string(ex.where + ": an offset from [" + std::string(ex.doc.str(t.span)) + "]"));
      return;
    }
    auto it = std::find_if(ex.timexes.begin(), ex.timexes.end(),
                           [&](const time::Timex& t) { return t.span == ex.marked; });
    if (it == ex.timexes.end() || !it->offset) {
      CHECK_MESSAGE(false, std::string(ex.where + ": no offset at the brackets; timexes:" + found(ex)));
      return;
    }
    CHECK(it->type == time::TimexType::duration);  // the timex itself stays the duration
    CHECK_MESSAGE(it->offset->value == ex.expected, std::string(ex.where + ": got " + it->offset->value));
    CHECK(time::interval_of(it->offset->value) == it->offset->interval);
    used.insert(it->offset->cue);
  });
  CHECK(positives >= 6);
  CHECK(negatives >= 2);
  for (std::size_t c = 0; c < cues->size(); ++c)
    CHECK_MESSAGE(used.count(static_cast<int>(c)),
                  std::string("offsets.tsv cue '" + (*cues)[c].word + "' has no positive example"));
}

TEST_CASE("ranges and offsets: a malformed cue file is an error at its line") {
  const auto f = fs::temp_directory_path() / "annals_ranges_bad.tsv";
  REQUIRE(write_file_atomic(f, "to\tfrom\tany\nand\t-\tsometimes\n"));
  auto r = time::load_range_cues(f);
  REQUIRE_FALSE(r);
  CHECK(r.error().line == 2);
  CHECK(r.error().str().find("'any' or 'adjacent'") != std::string::npos);
  REQUIRE(write_file_atomic(f, "later\t+\nEarlier\t-\n"));
  auto o = time::load_offset_cues(f);
  REQUIRE_FALSE(o);
  CHECK(o.error().line == 2);
  fs::remove(f);
}
