// TimeML in and out (lib/time/timeml.cpp): what `annals tag` writes is the input with TIMEX3
// tags put in and every other byte as read, so stripping the tags gives the input back.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "core/files.h"
#include "core/paths.h"
#include "text/text.h"
#include "time/time.h"

namespace fs = std::filesystem;
using namespace annals;

#define REQUIRE_MSG(cond, ...) REQUIRE_MESSAGE(cond, std::string(__VA_ARGS__))
#define CHECK_MSG(cond, ...) CHECK_MESSAGE(cond, std::string(__VA_ARGS__))

namespace {

struct Engine {
  text::Segmenter segmenter;
  time::Tagger tagger;
};

const Engine& engine() {
  static const Engine e = [] {
    Paths p = default_paths();
    p.rules = fs::path(ANNALS_SOURCE_DIR) / "lib";
    auto s = text::Segmenter::load(p);
    if (!s) FAIL(std::string(s.error().str()));
    auto t = time::Tagger::load(p);
    if (!t) FAIL(std::string(t.error().str()));
    return Engine{std::move(*s), std::move(*t)};
  }();
  return e;
}

/// The bytes with every <TIMEX3 ...> and </TIMEX3> taken out, except inside <DCT>.
std::string strip_timex(std::string_view s) {
  std::string out;
  const auto dct_end = s.find("</DCT>");
  for (std::size_t i = 0; i < s.size();) {
    const bool in_dct = dct_end != std::string_view::npos && i < dct_end && s.find("<DCT>") < i;
    if (!in_dct && (s.substr(i, 8) == "<TIMEX3 " || s.substr(i, 9) == "</TIMEX3>")) {
      i = s.find('>', i) + 1;
      continue;
    }
    out += s[i++];
  }
  return out;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    for (auto [ent, ch] : {std::pair<std::string_view, char>{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
                           {"&quot;", '"'}, {"&apos;", '\''}})
      if (s.substr(i, ent.size()) == ent) {
        out += ch;
        i += ent.size() - 1;
        break;
      }
  }
  return out;
}

}  // namespace

TEST_CASE("tagging TimeML changes nothing but the TIMEX3 tags") {
  const fs::path corpus = fs::path(ANNALS_SHARED_DIR) / "corpus/tempeval3-train/TBAQ-cleaned";
  REQUIRE_MSG(fs::is_directory(corpus), "TempEval-3 gold not found at " + corpus.string());
  int files = 0, tagged = 0;
  for (const char* sub : {"TimeBank", "AQUAINT"})
    for (const auto& e : fs::directory_iterator(corpus / sub)) {
      if (e.path().extension() != ".tml") continue;
      auto bytes = read_file(e.path());
      REQUIRE_MSG(bytes, e.path().string());
      const std::string input = *bytes;
      auto tml = time::read_timeml(e.path().string(), std::move(*bytes));
      REQUIRE_MSG(tml, e.path().string());
      text::Document doc = engine().segmenter.segment(e.path().string(), tml->text);
      auto timexes = engine().tagger.tag(doc, *tml->dct);
      const std::string output = time::write_timeml(*tml, timexes);
      CHECK_MSG(strip_timex(output) == strip_timex(input), e.path().string() + ": bytes other than TIMEX3 tags changed");
      tagged += !timexes.empty();
      ++files;
    }
  CHECK(files == 256);
  CHECK(tagged > 240);
}

TEST_CASE("a new TIMEX3 never crosses markup the reader understood, and a <DCT> inside TEXT is text") {
  const date::year_month_day dct{date::year{2015}, date::month{3}, date::day{2}};
  const auto tag_and_reread = [&](const std::string& input) {
    auto tml = time::read_timeml("in.tml", input);
    REQUIRE_MSG(tml, tml ? "" : tml.error().str());
    auto doc = engine().segmenter.segment("in.tml", tml->text);
    auto timexes = engine().tagger.tag(doc, tml->dct ? *tml->dct : dct);
    const std::string output = time::write_timeml(*tml, timexes);
    auto again = time::read_timeml("out.tml", output);
    REQUIRE_MSG(again, (again ? "" : again.error().str()) + "\n" + output);
    CHECK(again->text == tml->text);
    CHECK(again->dct == tml->dct);
    return output;
  };
  const std::string head = "<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2015-03-02\">2015-03-02</TIMEX3></DCT>\n";
  SUBCASE("an end tag inside a comment is not markup") {
    // "March 14, 2015" starts before <c> and ends after the comment: wrapping it would cross <c>.
    const std::string out = tag_and_reread(head + "<TEXT>It was March <c>14<!-- > </c> -->, 2015 then.</c></TEXT>\n</TimeML>\n");
    CHECK(out.find("<TIMEX3 tid=\"t1\"") == std::string::npos);
  }
  SUBCASE("a quoted '/>' does not make a start tag empty") {
    tag_and_reread(head + "<TEXT>It was March <c a=\"/>\">14, 2015</c> then.</TEXT>\n</TimeML>\n");
  }
  SUBCASE("a DCT element inside TEXT does not set the DCT, and a date tagged in it reads back") {
    const std::string out = tag_and_reread(
        head + "<TEXT>Talks <DCT><TIMEX3 tid=\"t9\" type=\"DATE\" value=\"2011-01-01\">2011-03</TIMEX3></DCT> on.</TEXT>\n</TimeML>\n");
    CHECK(out.find("value=\"2011-03\"") != std::string::npos);
  }
}

TEST_CASE("tagging plain text keeps the text, escaped, inside <TEXT>") {
  const std::string text = "AT&T said on Jan. 5, 2016 that profit <rose> in \"the third quarter\" & would 'rise' next year.\n";
  auto doc = engine().segmenter.segment("plain", text);
  const date::year_month_day dct{date::year{2016}, date::month{3}, date::day{14}};
  auto timexes = engine().tagger.tag(doc, dct);
  REQUIRE(timexes.size() >= 3);
  const std::string output = time::write_timeml(text, dct, timexes);
  auto back = time::read_timeml("plain.tml", output);
  REQUIRE_MSG(back, "the output is not well-formed TimeML");
  REQUIRE(back->dct);
  CHECK(*back->dct == dct);
  CHECK(unescape(back->text) == text);
  CHECK(output.find("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2016-01-05\"") != std::string::npos);
}

TEST_CASE("tag(doc, dct, pos) gives what POS-tagging every sentence first gives") {
  Paths p = default_paths();
  p.rules = fs::path(ANNALS_SOURCE_DIR) / "lib";
  auto pos = text::PosTagger::load(p);
  REQUIRE_MSG(pos, pos.error().str());
  const date::year_month_day dct{date::year{2016}, date::month{3}, date::day{16}};
  // Weekdays whose tense comes from a cue word, from a VBD only, from a future cue, or none;
  // and a future cue behind a nearer VBD, which the lazy tagger must tag to see.
  for (const char* text : {"Police said the men fled on Friday.", "The men fled on Friday.",
                           "Talks will resume on Friday.", "Talks resume Friday.",
                           "The minister resigned. Officials met on Monday and left Tuesday.",
                           "Talks will go on, the envoy predicted Friday."}) {
    auto eager = engine().segmenter.segment("x", text);
    pos->tag(eager);
    auto want = engine().tagger.tag(eager, dct);
    auto lazy = engine().segmenter.segment("x", text);
    auto got = engine().tagger.tag(lazy, dct, *pos);
    REQUIRE_MSG(got.size() == want.size(), text);
    for (std::size_t k = 0; k < got.size(); ++k) CHECK_MSG(got[k].value == want[k].value, text);
  }
}
