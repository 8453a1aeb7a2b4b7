// The deep mode's parser: link-grammar's links reduced to a verb's subject, object and
// passive agent, on invented sentences, and the pipeline's --deep roles.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/paths.h"
#include "syntax/syntax.h"
#include "text/text.h"

using namespace annals;

namespace {

struct Fixture {
  text::Segmenter seg;
  text::PosTagger pos;
  syntax::Parser parser;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    auto paths = default_paths();
    auto seg = text::Segmenter::load(paths);
    REQUIRE_MESSAGE(seg, seg.error().str());
    auto pos = text::PosTagger::load(paths);
    REQUIRE_MESSAGE(pos, pos.error().str());
    auto parser = syntax::Parser::load();
    REQUIRE_MESSAGE(parser, parser.error().str());
    return Fixture{std::move(*seg), std::move(*pos), std::move(*parser)};
  }();
  return f;
}

struct Parsed {
  text::Document doc;
  syntax::Relations rel;

  std::size_t at(std::string_view word) const {
    for (std::size_t i = 0; i < doc.tokens.size(); ++i)
      if (doc.word(i) == word) return i;
    FAIL("no token " << word);
    return 0;
  }
  /// The word at token t, or "-" for none.
  std::string word(std::int32_t t) const { return t < 0 ? "-" : std::string(doc.word(static_cast<std::size_t>(t))); }
  std::string subject(std::string_view verb) const { return word(rel.subject[at(verb)]); }
  std::string object(std::string_view verb) const { return word(rel.object[at(verb)]); }
  std::string by(std::string_view verb) const { return word(rel.by_agent[at(verb)]); }
  bool passive(std::string_view verb) const { return rel.passive[at(verb)] != 0; }
};

Parsed parse(const std::string& text) {
  const auto& f = fixture();
  Parsed p{f.seg.segment("x", text), {}};
  f.pos.tag(p.doc);
  p.rel = f.parser.parse(p.doc);
  return p;
}

}  // namespace

TEST_CASE("deep: subject and object of a finite verb") {
  auto p = parse("Chile expelled the ambassador.");
  CHECK(p.subject("expelled") == "Chile");
  CHECK(p.object("expelled") == "ambassador");
  CHECK_FALSE(p.passive("expelled"));
  CHECK(p.rel.sentences_parsed == 1);
}

TEST_CASE("deep: through auxiliaries and a controlling verb") {
  auto p = parse("The minister has resigned. Peru plans to sign the treaty.");
  CHECK(p.subject("resigned") == "minister");
  CHECK(p.subject("sign") == "Peru");
  CHECK(p.object("sign") == "treaty");
}

TEST_CASE("deep: a passive's subject and its agent after by") {
  auto p = parse("The envoy was expelled by Chile.");
  CHECK(p.passive("expelled"));
  CHECK(p.subject("expelled") == "envoy");
  CHECK(p.by("expelled") == "Chile");
}

TEST_CASE("deep: a relative pronoun stands for its noun") {
  auto p = parse("Chile expelled the envoy who insulted Peru. The council, which met on Monday, adopted sanctions.");
  CHECK(p.subject("insulted") == "envoy");
  CHECK(p.object("insulted") == "Peru");
  CHECK(p.subject("met") == "council");
  CHECK(p.subject("adopted") == "council");
}

TEST_CASE("deep: an inverted subject after a quote") {
  auto p = parse("\"We will not pay,\" said the union.");
  CHECK(p.subject("said") == "union");
}

TEST_CASE("deep: a sentence over max_words is left to the chunker") {
  std::string long_text = "Chile";
  for (int i = 0; i < 50; ++i) long_text += " and Peru";
  long_text += " signed.";
  auto p = parse(long_text);
  CHECK(p.subject("signed") == "-");
  CHECK(p.rel.sentences_skipped == 1);
  CHECK(p.rel.sentences_parsed == 0);
}
