// Ranges (lib/time/ranges.cpp, lib/time/rules/en/ranges.tsv) and offsets (offsets.cpp,
// offsets.tsv): every line of their .examples holds, and every cue row is used by a positive
// example, so a cue cannot land without one.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
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

std::string iso(date::sys_days d) { return date::format("%F", d); }

}  // namespace

TEST_CASE("ranges: every example of ranges.examples holds, every cue is used") {
  auto seg = text::Segmenter::load(source_paths());
  REQUIRE(seg);
  auto tagger = time::Tagger::load(source_paths());
  REQUIRE(tagger);
  const auto dir = fs::path(ANNALS_SOURCE_DIR) / "lib/time/rules/en";
  auto cues = time::load_range_cues(dir / "ranges.tsv");
  REQUIRE(cues);
  auto bytes = read_file(dir / "ranges.examples");
  REQUIRE(bytes);
  std::istringstream in(*bytes);
  std::string line;
  int line_no = 0, positives = 0, negatives = 0;
  std::optional<date::year_month_day> dct;
  std::set<int> used;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = "ranges.examples:" + std::to_string(line_no);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("@dct ", 0) == 0) {
      dct = time::parse_date(line.substr(5));
      REQUIRE_MESSAGE(dct, where);
      continue;
    }
    REQUIRE_MESSAGE(dct, std::string(where + ": no @dct before the first example"));
    const auto tab = line.find('\t');
    REQUIRE_MESSAGE(tab != std::string::npos, where);
    if (line.substr(0, tab) == "!") {
      ++negatives;
      auto doc = seg->segment(where, line.substr(tab + 1));
      auto ts = tagger->tag(doc, *dct);
      for (const auto& t : ts) CHECK_MESSAGE(t.range_end < 0, std::string(where + ": a range from [" + std::string(doc.str(t.span)) + "]"));
      continue;
    }
    ++positives;
    std::string text;
    std::uint32_t open = 0, close = 0;
    for (char c : line.substr(0, tab)) {
      if (c == '[') open = static_cast<std::uint32_t>(text.size());
      else if (c == ']') close = static_cast<std::uint32_t>(text.size());
      else text += c;
    }
    auto doc = seg->segment(where, text);
    auto ts = tagger->tag(doc, *dct);
    // The range's first part starts at the bracket, its last part ends there.
    std::size_t first = ts.size();
    for (std::size_t i = 0; i < ts.size(); ++i)
      if (ts[i].span.begin >= open && ts[i].span.end <= close && ts[i].range_end >= 0) first = i;
    if (first == ts.size()) {
      std::string found;
      for (const auto& t : ts) found += " [" + std::string(doc.str(t.span)) + "] " + t.value;
      CHECK_MESSAGE(false, std::string(where + ": no range in [" + text.substr(open, close - open) + "]; timexes:" + found));
      continue;
    }
    used.insert(ts[first].range_cue);
    auto span = time::range_interval(ts, first);
    REQUIRE(span);
    CHECK_MESSAGE(iso(span->begin) + " " + iso(span->end) == line.substr(tab + 1), where);
    CHECK(time::range_interval(ts, static_cast<std::size_t>(ts[first].range_end)) == span);
  }
  CHECK(positives >= 8);
  CHECK(negatives >= 4);
  for (std::size_t c = 0; c < cues->size(); ++c)
    CHECK_MESSAGE(used.count(static_cast<int>(c)),
                  std::string("ranges.tsv cue " + std::to_string(c + 1) + " ('" + (*cues)[c].connector + "', opener '" +
                              (*cues)[c].opener + "') has no positive example"));
}

TEST_CASE("ranges: a malformed cue file is an error at its line") {
  const auto f = fs::temp_directory_path() / "annals_ranges_bad.tsv";
  REQUIRE(write_file_atomic(f, "to\tfrom\tany\nand\t-\tsometimes\n"));
  auto r = time::load_range_cues(f);
  REQUIRE_FALSE(r);
  CHECK(r.error().line == 2);
  CHECK(r.error().str().find("'any' or 'adjacent'") != std::string::npos);
  fs::remove(f);
}

TEST_CASE("offsets: every example of offsets.examples holds, every cue is used") {
  auto seg = text::Segmenter::load(source_paths());
  REQUIRE(seg);
  auto tagger = time::Tagger::load(source_paths());
  REQUIRE(tagger);
  const auto dir = fs::path(ANNALS_SOURCE_DIR) / "lib/time/rules/en";
  auto cues = time::load_offset_cues(dir / "offsets.tsv");
  REQUIRE(cues);
  auto bytes = read_file(dir / "offsets.examples");
  REQUIRE(bytes);
  std::istringstream in(*bytes);
  std::string line;
  int line_no = 0, positives = 0, negatives = 0;
  std::optional<date::year_month_day> dct;
  std::set<int> used;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = "offsets.examples:" + std::to_string(line_no);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("@dct ", 0) == 0) {
      dct = time::parse_date(line.substr(5));
      REQUIRE_MESSAGE(dct, where);
      continue;
    }
    REQUIRE_MESSAGE(dct, std::string(where + ": no @dct before the first example"));
    const auto tab = line.find('\t');
    REQUIRE_MESSAGE(tab != std::string::npos, where);
    if (line.substr(0, tab) == "!") {
      ++negatives;
      auto doc = seg->segment(where, line.substr(tab + 1));
      for (const auto& t : tagger->tag(doc, *dct))
        CHECK_MESSAGE(!t.offset, std::string(where + ": an offset from [" + std::string(doc.str(t.span)) + "]"));
      continue;
    }
    ++positives;
    std::string text;
    Span want{0, 0};
    for (char c : line.substr(0, tab)) {
      if (c == '[') want.begin = static_cast<std::uint32_t>(text.size());
      else if (c == ']') want.end = static_cast<std::uint32_t>(text.size());
      else text += c;
    }
    auto doc = seg->segment(where, text);
    auto ts = tagger->tag(doc, *dct);
    auto it = std::find_if(ts.begin(), ts.end(), [&](const time::Timex& t) { return t.span == want; });
    if (it == ts.end() || !it->offset) {
      std::string found;
      for (const auto& t : ts) found += " [" + std::string(doc.str(t.span)) + "] " + t.value;
      CHECK_MESSAGE(false, std::string(where + ": no offset at [" + text.substr(want.begin, want.end - want.begin) +
                                       "]; timexes:" + found));
      continue;
    }
    CHECK(it->type == time::TimexType::duration);  // the timex itself stays the duration
    CHECK_MESSAGE(it->offset->value == line.substr(tab + 1), std::string(where + ": got " + it->offset->value));
    CHECK(time::interval_of(it->offset->value) == it->offset->interval);
    used.insert(it->offset->cue);
  }
  CHECK(positives >= 6);
  CHECK(negatives >= 2);
  for (std::size_t c = 0; c < cues->size(); ++c)
    CHECK_MESSAGE(used.count(static_cast<int>(c)),
                  std::string("offsets.tsv cue '" + (*cues)[c].word + "' has no positive example"));
}
