// The actor recogniser on sentences of its own: which names are actors, how short forms
// resolve, and which described groups act.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "actors/actors.h"
#include "core/paths.h"
#include "text/text.h"
#include "../support/pipeline.h"

using namespace annals;

namespace {

struct Stages {
  text::Segmenter segmenter;
  text::PosTagger pos;
  actors::Recognizer actors;
};

const Stages& stages() {
  static const Stages s{test::loaded(text::Segmenter::load(test::source_paths())),
                        test::loaded(text::PosTagger::load(test::source_paths())),
                        test::loaded(actors::Recognizer::load(test::source_paths()))};
  return s;
}

actors::Result recognize(const std::string& text) {
  auto doc = stages().segmenter.segment("t.txt", text);
  stages().pos.tag(doc);
  return stages().actors.recognize(doc);
}

std::vector<std::string> labels(const actors::Result& r) {
  std::vector<std::string> out;
  for (const auto& a : r.actors) out.push_back(a.label);
  std::sort(out.begin(), out.end());
  return out;
}

const actors::Actor* find(const actors::Result& r, const std::string& label) {
  for (const auto& a : r.actors)
    if (a.label == label) return &a;
  return nullptr;
}

}  // namespace

TEST_CASE("a model number names a product, not an actor") {
  CHECK(labels(recognize("Kestrel Air ordered twelve Airbus A350 jets.")) == std::vector<std::string>{"Kestrel Air"});
  CHECK(labels(recognize("The A380 landed in Sydney after the Vickers VC-10 left.")).empty());
  CHECK(labels(recognize("Ostrander Lift flew the Boreal-1 rocket and said it worked.")) ==
        std::vector<std::string>{"Ostrander Lift"});
  // A known group of nations stays.
  CHECK(find(recognize("The G20 condemned the coup."), "G20"));
}

TEST_CASE("an English word opening a sentence joins the name capitals after it") {
  CHECK(find(recognize("Kestrel Air ordered twelve jets."), "Kestrel Air"));
  CHECK(find(recognize("Summit Bank said profits fell."), "Summit Bank"));
  // A lone capitalised word, or an article, does not.
  CHECK(labels(recognize("Officials said profits fell.")).empty());
  CHECK(labels(recognize("A Kestrel court jailed him.")).empty());
}

TEST_CASE("a short form before the company name is that company") {
  auto r = recognize("Larkspur Home files for bankruptcy\n\nLarkspur Home Stores, the furniture chain, filed for "
                     "bankruptcy on Sunday.\n");
  CHECK(labels(r) == std::vector<std::string>{"Larkspur Home Stores"});
  CHECK(r.mentions.size() == 2);
}

TEST_CASE("a described group that acts is a generic actor; victims and sources are not") {
  auto r = recognize("Protesters now accuse the cabinet of fraud.");
  const auto* p = find(r, "protesters");
  REQUIRE(p);
  CHECK(p->generic);
  CHECK(p->type == actors::ActorType::group);
  CHECK(find(recognize("About 6,000 workers at the port stopped work."), "workers"));
  CHECK(find(recognize("Thousands of farmers marched on the capital."), "farmers"));
  CHECK(find(recognize("Police detained 23 activists who had blocked the road."), "activists"));
  CHECK(labels(recognize("The blast killed 41 people in the market.")).empty());
  CHECK(labels(recognize("Hundreds of residents were evacuated.")).empty());
  CHECK(labels(recognize("Officials said the talks had failed.")).empty());
  CHECK(labels(recognize("The minister told supporters that he would resign.")).empty());
  CHECK(labels(recognize("In 2019, protesters marched.")) == std::vector<std::string>{"protesters"});
  // Modifiers belong to the label; "the" points back to a group named before.
  CHECK(labels(recognize("Privacy campaigners criticised the fine.")) ==
        std::vector<std::string>{"privacy campaigners"});
  CHECK(labels(recognize("The rebels refused the offer.")).empty());
}

TEST_CASE("a description after a name types it, and names it later") {
  auto r = recognize("Talks between the KOVO union and Moravia Steel Works broke down. The union said the company "
                     "had lied.");
  const auto* kovo = find(r, "KOVO");
  REQUIRE(kovo);
  CHECK(kovo->type == actors::ActorType::organization);
  // "The union" is KOVO; "the company" is not the union.
  std::vector<std::string> union_refs, company_refs;
  for (const auto& m : r.mentions) {
    const auto text = std::string(m.span.of(std::string_view(
        "Talks between the KOVO union and Moravia Steel Works broke down. The union said the company had lied.")));
    if (text == "The union") union_refs.push_back(r.actors[m.actor].label);
    if (text == "the company") company_refs.push_back(r.actors[m.actor].label);
  }
  CHECK(union_refs == std::vector<std::string>{"KOVO"});
  CHECK(company_refs == std::vector<std::string>{"Moravia Steel Works"});
  // An adjective before a description is no name: "the European agency".
  CHECK(labels(recognize("The European agency fined Moravia Steel Works.")) ==
        std::vector<std::string>{"Moravia Steel Works"});
  // "a Cascais court" is a court in Cascais.
  CHECK(labels(recognize("A Cascais court jailed Lima Duarte.")) == std::vector<std::string>{"Lima Duarte"});
  // "in A and B": both are places; the investors filed.
  CHECK(labels(recognize("Investors in Sao Paulo and Rio Verde filed complaints.")) ==
        std::vector<std::string>{"investors"});
}

TEST_CASE("the body people work at is an organisation; where people come from is a place") {
  auto r = recognize("Analysts at Veritano said rates would rise.");
  const auto* v = find(r, "Veritano");
  REQUIRE(v);
  CHECK(v->type == actors::ActorType::organization);
  CHECK(labels(recognize("Families from Qaraqosh said the road was shut.")).empty());
}

TEST_CASE("a demonym before a body or a group names that part of the country") {
  auto r = recognize("Qatar mediated. The Qatari foreign ministry said three Nepali engineers had been freed.");
  const auto* m = find(r, "Qatari foreign ministry");
  REQUIRE(m);
  CHECK(m->type == actors::ActorType::group);
  REQUIRE(m->part_of);
  CHECK(r.actors[*m->part_of].label == "Qatar");
  CHECK(find(r, "Nepali engineers"));
}

TEST_CASE("a news agency credited in a dateline is no actor") {
  CHECK(labels(recognize("SYDNEY, March 14, 2024 (Meridian News) — Kestrel Air ordered twelve jets.")) ==
        std::vector<std::string>{"Kestrel Air"});
  // An acronym defined in brackets still names its body.
  CHECK(find(recognize("The Consumer Commission (ACCC) said the ACCC would act."), "Consumer Commission"));
}

TEST_CASE("a company word makes a two-word name a company, so its first word names it later") {
  auto r = recognize("Brightwell Appliances recalled 40 heaters. Brightwell said it was sorry.");
  REQUIRE(r.actors.size() == 1);
  CHECK(r.actors[0].label == "Brightwell Appliances");
  CHECK(r.actors[0].type == actors::ActorType::organization);
  CHECK(r.mentions.size() >= 2);
}

TEST_CASE("\"the\" and a plural noun refer back to the group last named with that head") {
  auto r = recognize("Three Nepali engineers were freed on Monday. The engineers will return home next week.");
  REQUIRE(r.actors.size() == 1);
  CHECK(r.actors[0].label == "Nepali engineers");
  CHECK(r.mentions.size() == 2);
  // A described crowd too; a head no group has names nobody.
  auto c = recognize("Thousands of workers marched on Monday. The workers blocked the road. The talks failed.");
  REQUIRE(c.actors.size() == 1);
  CHECK(c.mentions.size() == 2);
}

TEST_CASE("\"the company\" is the company the story is about, not just the last one named") {
  auto r = recognize(
      "Corvane Outdoor Stores filed for bankruptcy on Sunday. Corvane Outdoor said it would close 40 stores. "
      "Corvane Outdoor had borrowed heavily from Kessling Partners. The company expects to emerge from bankruptcy "
      "next year.");
  const auto* corvane = find(r, "Corvane Outdoor Stores");
  REQUIRE(corvane);
  REQUIRE(!r.mentions.empty());
  const auto& last = r.mentions.back();
  CHECK(r.actors[last.actor].label == "Corvane Outdoor Stores");
}

TEST_CASE("an acronym in brackets spells its name's words, small words and syllables included") {
  for (const char* name : {"Rally for a New Senegal", "Ministry of Industry and Trade", "Corporacion Minera de Bolivia",
                           "Front for Liberty and Justice"}) {
    const std::string acronym = std::string(name) == "Rally for a New Senegal"          ? "RNS"
                                : std::string(name) == "Ministry of Industry and Trade" ? "MoIT"
                                : std::string(name) == "Corporacion Minera de Bolivia"  ? "COMIBOL"
                                                                                        : "FLJ";
    auto r = recognize("On Monday the " + std::string(name) + " (" + acronym + ") said it would appeal. The " +
                       acronym + " gave no details.");
    const auto* a = find(r, name);
    REQUIRE_MESSAGE(a, name);
    CHECK_MESSAGE(r.mentions.size() >= 3, name);  // the name, "it" and the acronym
  }
  // Letters that do not spell the words keep them apart.
  CHECK_FALSE(find(recognize("On Monday the Rally for a New Senegal (XYZ) said it would appeal."), "Rally for a New Senegal"));
}

TEST_CASE("a plural possessive inside a name keeps it whole") {
  CHECK(find(recognize("The Air Passengers' Association of Canada called the ruling a win."),
             "Air Passengers' Association of Canada"));
  CHECK(find(recognize("On Friday the Cerro Quimsa Miners' Union began a strike."), "Cerro Quimsa Miners' Union"));
}

TEST_CASE("a one-word name met before the full one is that actor") {
  auto r = recognize("Court frees Ndour.\n\nDAKAR — A court on Thursday acquitted opposition leader Abdou Karim Ndour. "
                     "Ndour thanked his lawyers.");
  CHECK(find(r, "Abdou Karim Ndour"));
  CHECK_FALSE(find(r, "Ndour"));
  auto o = recognize("Regulator blocks Pacifica deal.\n\nThe tribunal blocked the takeover of Pacifica Air by Kestrel "
                     "Airlines on Friday.");
  CHECK(find(o, "Pacifica Air"));
  CHECK_FALSE(find(o, "Pacifica"));
}

TEST_CASE("a law, a treaty or a currency prefix names no actor") {
  CHECK(labels(recognize("Kestrel Air lost C$240 million under the Central Bank Act and the Personal Information "
                         "Protection Act.")) == std::vector<std::string>{"Kestrel Air"});
  CHECK(labels(recognize("Kestrel Air paid US$3 million.")) == std::vector<std::string>{"Kestrel Air"});
}

TEST_CASE("a state's institution is an actor of its own, part of its country") {
  // After a possessive, with a modifier: labelled with the country's adjective so articles join.
  auto r = recognize("Malawi's parliament approved the budget. India's oil ministry ordered an inquiry.");
  const auto* p = find(r, "Malawian parliament");
  REQUIRE(p);
  REQUIRE(p->part_of);
  CHECK(r.actors[*p->part_of].label == "Malawi");
  const auto* o = find(r, "Indian oil ministry");
  REQUIRE(o);
  CHECK(r.actors[*o->part_of].label == "India");
  // "the" alone: the country the article is about (named most; a venue counts less).
  auto h = recognize("Latvia expelled two Russian diplomats, Latvia said after talks in Moscow. The foreign ministry "
                     "said the air force was on alert.");
  CHECK(find(h, "Latvian foreign ministry"));
  CHECK(find(h, "Latvian air force"));
  // The body named before with that head: "the Qatari ministry", "the coast guard".
  auto q = recognize("The Qatari foreign ministry said the men were freed. The Qatari ministry gave no details.");
  CHECK(labels(q) == std::vector<std::string>{"Qatari foreign ministry"});
  auto c = recognize("The Philippine Coast Guard said a ship rammed a boat. The coast guard filmed the ship.");
  CHECK(labels(c) == std::vector<std::string>{"Philippine Coast Guard"});
  CHECK(c.mentions.size() == 2);
  // A noun after the head makes it a modifier: "the army chief" is no army.
  CHECK_FALSE(find(recognize("Sudan said the army chief resigned."), "Sudanese army"));
}

TEST_CASE("a title in apposition to a name makes \"the <title>\" that person") {
  for (const std::string text : {"The mayor of the town of Belokamen, Stoyan Petrov, was arrested. The mayor denied it.",
                                 "Stoyan Petrov, the mayor of Belokamen, was arrested. The mayor denied it.",
                                 "Stoyan Petrov, the former mayor, was arrested. The mayor denied it."}) {
    auto r = recognize(text);
    REQUIRE(r.actors.size() == 1);
    CHECK(r.actors[0].label == "Stoyan Petrov");
    CHECK(r.mentions.back().span.begin == text.rfind("The mayor"));
  }
  // A title with a verb between it and the name is no apposition.
  auto r = recognize("The mayor said on Monday that Stoyan Petrov, 45, was arrested. The mayor denied it.");
  for (const auto& m : r.mentions)
    if (r.actors[m.actor].label == "Stoyan Petrov") CHECK(m.span.begin < 40);
}

TEST_CASE("a portfolio before a title is part of the title, and a given name names its person") {
  auto r = recognize("Junior Oil Minister Kavita Deshmukh said the Mining Minister Ravi Rao would resign.");
  CHECK(labels(r) == std::vector<std::string>{"Kavita Deshmukh", "Ravi Rao"});
  // "Bounmy" after "Bounmy Vongsa" (a given name used alone), unless someone else holds it.
  auto g = recognize("Health Minister Bounmy Vongsa opened the clinic. Bounmy told reporters it would help.");
  CHECK(labels(g) == std::vector<std::string>{"Bounmy Vongsa"});
  auto s = recognize("Anna Berg met Erik Anna on Monday. Anna said the talks went well.");
  REQUIRE(s.mentions.size() >= 3);
  CHECK(s.actors[s.mentions.back().actor].label == "Erik Anna");  // a surname first
}

TEST_CASE("an institution keeps its possessive name, a named bank and a ministry's full name") {
  auto r = recognize("Poland's foreign ministry said the men were freed.");
  const auto* m = find(r, "Polish foreign ministry");
  REQUIRE(m);
  CHECK(std::find(m->aliases.begin(), m->aliases.end(), "Poland's foreign ministry") != m->aliases.end());
  // "the central bank" after the Bank of Ghana is that bank, not a new institution.
  CHECK(labels(recognize("The Bank of Ghana revoked the licence. The central bank said savers would be paid.")) ==
        std::vector<std::string>{"Bank of Ghana"});
  // "<Head> of X and Y" is one name; two names joined by "and" stay two.
  CHECK(find(recognize("The union sued the Ministry of Science and Education on Monday."),
             "Ministry of Science and Education"));
  CHECK(labels(recognize("Bank of Ghana and Kwahu Savings signed the deal.")) ==
        std::vector<std::string>{"Bank of Ghana", "Kwahu Savings"});
}

TEST_CASE("officials, soldiers and investigators acting with no body named are a group") {
  CHECK(labels(recognize("Soldiers and volunteers rescued 40 families on Sunday.")) ==
        (std::vector<std::string>{"soldiers", "volunteers"}));
  CHECK(labels(recognize("Investigators searched the town hall on Tuesday.")) == std::vector<std::string>{"investigators"});
  // With a body named for them, the body acts, not a group.
  CHECK(labels(recognize("Officials at the ministry rejected the plan.")) == std::vector<std::string>{"ministry"});
  CHECK(labels(recognize("Officials from the ministry rejected the plan.")) == std::vector<std::string>{"ministry"});
}

TEST_CASE("a plural noun WordNet files as people acts as a group") {
  CHECK(labels(recognize("Hundreds of depositors marched to the bank on Monday.")) ==
        std::vector<std::string>{"depositors"});
  // Not as an object, and not a plural noun of things.
  CHECK(labels(recognize("The bank repaid hundreds of depositors.")).empty());
  CHECK(labels(recognize("Heavy rains flooded the valley.")).empty());
}

TEST_CASE("an institution with a modifier is named again without its country") {
  auto r = recognize("The Lao health ministry launched the campaign. The health ministry said it would last a month.");
  CHECK(labels(r) == std::vector<std::string>{"Laotian health ministry"});
  // "the oil ministry" is not the health ministry named before.
  auto t = recognize("India's health ministry met on Monday. The oil ministry said prices would rise.");
  CHECK(labels(t) == (std::vector<std::string>{"India", "Indian health ministry", "Indian oil ministry"}));
}
