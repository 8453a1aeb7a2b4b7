#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/paths.h"
#include "core/table.h"
#include "text/text.h"

using namespace annals;

namespace {
std::string joined_tokens(const text::Document& d) {
  std::string out;
  for (std::size_t i = 0; i < d.tokens.size(); ++i) {
    if (i) out += " | ";
    out += d.word(i);
  }
  return out;
}
}  // namespace

TEST_CASE("abbreviations.examples: tokens and sentence counts") {
  auto paths = default_paths();
  auto seg = text::Segmenter::load(paths);
  REQUIRE_MESSAGE(seg.has_value(), seg.error().str());
  auto file = paths.rules / "text/rules/en/abbreviations.examples";
  auto table = read_table(file, 3, 3);
  REQUIRE_MESSAGE(table.has_value(), table.error().str());
  REQUIRE(table->rows.size() >= 5);
  for (const auto& row : table->rows) {
    INFO(file.string() << ":" << row.line);
    auto doc = seg->segment("x", row.fields[0]);
    CHECK(joined_tokens(doc) == row.fields[1]);
    CHECK(std::to_string(doc.sentences.size()) == row.fields[2]);
  }
}

TEST_CASE("segment: spans stay inside the text for hostile bytes") {
  std::string nasty = "\xff\xfe\"];<script>\x00 U.S.\xe2\x80\x94x \xf0\x9f\x98\x80 '80s ...";
  nasty += std::string(3000, 'a');
  auto doc = text::segment("x", nasty);
  for (const auto& t : doc.tokens) {
    CHECK(t.span.begin < t.span.end);
    CHECK(t.span.end <= nasty.size());
  }
  std::uint32_t covered = 0;
  for (const auto& s : doc.sentences) {
    CHECK(s.first == covered);
    covered = s.last;
  }
  CHECK(covered == doc.tokens.size());
}

TEST_CASE("segment: titles, datelines and blank lines end sentences; wrapped lines do not") {
  auto doc = text::segment("x",
                           "Ryanair orders five jets\nJune 13, 2005\nThe airline said today that it "
                           "is buying five new\naircraft from Boeing in a deal worth millions of "
                           "dollars over many years to come.\n\nNext paragraph.");
  REQUIRE(doc.sentences.size() == 4);
  CHECK(doc.str(doc.sentences[0].span) == "Ryanair orders five jets");
  CHECK(doc.str(doc.sentences[1].span) == "June 13, 2005");
}

TEST_CASE("segment: a run without a stop is cut at max_sentence_tokens") {
  text::Segmenter seg;
  seg.max_sentence_tokens = 100;
  std::string s;
  for (int i = 0; i < 1000; ++i) s += "word ";
  auto doc = seg.segment("x", s);
  CHECK(doc.sentences.size() == 10);
}

TEST_CASE("pos tagger: verbs, nouns and names in news sentences") {
  auto paths = default_paths();
  auto tagger = text::PosTagger::load(paths);
  REQUIRE_MESSAGE(tagger.has_value(), tagger.error().str());
  auto doc = text::segment("x", "The council adopted new sanctions against the regime last week.");
  tagger->tag(doc);
  std::string tags;
  for (const auto& t : doc.tokens) tags += std::string(text::to_string(t.pos)) + " ";
  CHECK(tags == "DT NN VBD JJ NNS IN DT NN JJ NN . ");
}

TEST_CASE("pos tagger: the first word after a dateline's dash is sentence-initial") {
  auto tagger = text::PosTagger::load(default_paths());
  REQUIRE_MESSAGE(tagger.has_value(), tagger.error().str());
  auto tags_of = [&](const char* s) {
    auto doc = text::segment("x", s);
    tagger->tag(doc);
    std::string tags;
    for (const auto& t : doc.tokens) tags += std::string(text::to_string(t.pos)) + " ";
    return tags;
  };
  CHECK(tags_of("LOMAKO \xE2\x80\x94 The rebels signed a deal.").find(" DT NNS VBD ") != std::string::npos);
  CHECK(tags_of("PORT KESTREL, May 2, 2019 -- The rebels signed a deal.").find(" DT NNS VBD ") != std::string::npos);
  // Not a dateline: a lower-case word before the dash.
  CHECK(tags_of("The rebels \xE2\x80\x94 Apple said \xE2\x80\x94 signed a deal.").find("NNP VBD") != std::string::npos);
}

TEST_CASE("pos tagger: one sentence alone gets the tags of the whole-document pass") {
  auto tagger = text::PosTagger::load(default_paths());
  REQUIRE_MESSAGE(tagger.has_value(), tagger.error().str());
  const std::string s = "Police said the men fled. Talks will resume on Friday. Abe met Bush in Tokyo.";
  auto whole = text::segment("x", s);
  tagger->tag(whole);
  REQUIRE(whole.sentences.size() == 3);
  for (std::size_t k = 0; k < whole.sentences.size(); ++k) {
    auto one = text::segment("x", s);
    tagger->tag(one, k);
    for (std::size_t t = 0; t < one.tokens.size(); ++t) {
      const bool inside = one.tokens[t].sentence == k;
      CHECK(one.tokens[t].pos == (inside ? whole.tokens[t].pos : text::Pos::unknown));
    }
  }
}

TEST_CASE("lemmatizer: WordNet morphy") {
  auto lem = text::Lemmatizer::load(default_paths());
  REQUIRE_MESSAGE(lem.has_value(), lem.error().str());
  using C = text::Lemmatizer::Category;
  CHECK(lem->lemma("adopted", C::verb) == "adopt");
  CHECK(lem->lemma("abducted", C::verb) == "abduct");
  CHECK(lem->lemma("ran", C::verb) == "run");
  CHECK(lem->lemma("sanctions", C::noun) == "sanction");
  CHECK(lem->lemma("elections", C::noun) == "election");
  CHECK(lem->lemma("tested", C::verb) == "test");
  CHECK(lem->lemma("xyzzy", C::verb) == "xyzzy");
}

TEST_CASE("lemmatizer: collocations only as exception base forms") {
  auto lem = text::Lemmatizer::load(default_paths());
  REQUIRE_MESSAGE(lem.has_value(), lem.error().str());
  using C = text::Lemmatizer::Category;
  // A hyphenated token whose exception gives a collocation: still known, as before.
  CHECK(lem->lemma("major-axes", C::noun) == "major_axis");
  CHECK(lem->known("major_axis", C::noun));
  CHECK(lem->known("election", C::noun));
  // Other collocations are not loaded: no token holds '_'.
  CHECK_FALSE(lem->known("prime_minister", C::noun));
}

TEST_CASE("lemmatizer: the lexicographer file of a word's most frequent sense") {
  auto lem = text::Lemmatizer::load(default_paths());
  REQUIRE_MESSAGE(lem.has_value(), lem.error().str());
  using C = text::Lemmatizer::Category;
  CHECK(lem->sense_file("deliver", C::verb) == 32);  // verb.communication ("deliver a speech")
  CHECK(lem->sense_file("own", C::verb) == 40);      // verb.possession
  CHECK(lem->sense_file("know", C::verb) == 31);     // verb.cognition
  CHECK(lem->sense_file("depositor", C::noun) == 18);  // noun.person
  CHECK(lem->sense_file("election", C::noun) == 4);    // noun.act
  CHECK(lem->sense_file("xyzzy", C::verb) == text::Lemmatizer::kNoFile);
  CHECK(lem->sense_file("fast", C::adjective) == text::Lemmatizer::kNoFile);
}

TEST_CASE("pos tagger: a participle with an object and no auxiliary is a past tense") {
  auto tagger = text::PosTagger::load(default_paths());
  REQUIRE_MESSAGE(tagger.has_value(), tagger.error().str());
  auto tag_of = [&](const char* s, std::string_view word) {
    auto doc = text::segment("x", s);
    tagger->tag(doc);
    for (std::size_t i = 0; i < doc.tokens.size(); ++i)
      if (doc.word(i) == word) return std::string(text::to_string(doc.tokens[i].pos));
    return std::string("?");
  };
  CHECK(tag_of("Three days after the central bank revoked the licence, savers marched.", "revoked") == "VBD");
  CHECK(tag_of("The central bank has revoked the licence.", "revoked") == "VBN");
  CHECK(tag_of("The licence was revoked the same day.", "revoked") == "VBN");
}
