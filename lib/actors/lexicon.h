// The actors stage's gazetteers, loaded once from iso-codes and lib/actors/rules/en/*.tsv.
// Internal to lib/actors: recognize.cpp reads it, tests reach it through Recognizer only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actors/actors.h"
#include "core/diagnostic.h"
#include "core/paths.h"
#include "core/token_trie.h"
#include "core/word_hash.h"
#include "text/text.h"

namespace annals::actors {

inline constexpr std::uint32_t kNoCountry = 0xffffffffu;
inline constexpr std::uint32_t kCrowd = 1;  ///< groups.tsv payload: `crowd`
inline constexpr std::uint32_t kState = 2;  ///< groups.tsv payload: `state`, a state's institution

/// What a gazetteer name stands for.
enum class NameKind : std::uint8_t {
  country,     ///< a country's name or alias
  capital,     ///< a capital or seat of government: the country's actor
  contextual,  ///< "the North": the country, only when the document names it too
  organization,
  leader,      ///< a head of state or government: a person, of `country`
};

struct Organization {
  std::string label;
  ActorType type = ActorType::organization;
  std::uint32_t country = kNoCountry;
};

struct Leader {
  std::string label;
  std::uint32_t country = kNoCountry;
};

/// One phrase of a trie, with its tokens as written, for the case check.
struct Phrase {
  std::vector<std::string> forms;
  std::uint32_t target = 0;  ///< country, organisation, leader... index per trie
  NameKind kind = NameKind::country;
};

enum class TitleClass : std::uint8_t { head, office, honorific, job };

struct Nominal {
  std::vector<ActorType> types;
  std::string label_word;  ///< empty, or a word the actor's label must contain
};

struct Lexicon {
  std::vector<std::string> countries;  ///< canonical labels
  std::vector<Organization> organizations;
  std::vector<Leader> leaders;

  TokenTrie names;  ///< countries, capitals, contextual aliases, organisations, leaders
  std::vector<Phrase> name_phrases;
  TokenTrie demonyms;  ///< payload: index into demonym_phrases (target = country)
  std::vector<Phrase> demonym_phrases;
  TokenTrie titles;  ///< payload: index into title_phrases (target = TitleClass)
  std::vector<Phrase> title_phrases;
  TokenTrie groups;  ///< payload kCrowd or kState (groups.tsv)
  /// Per country, the national adjective its institutions are labelled with ("Malawian
  /// parliament"): the first one demonyms.tsv gives, or empty.
  std::vector<std::string> adjective_of;
  TokenTrie suffixes;  ///< payload: 1 when the word may also head a name before "of"
  std::unordered_map<std::string, Nominal, WordHash, std::equal_to<>> nominals;  ///< by lower-case head noun
  std::unordered_set<std::string, WordHash, std::equal_to<>> non_names;          ///< lower case
  std::unordered_set<std::string, WordHash, std::equal_to<>> instruments;        ///< lower case: "act", "treaty"
  /// People who work at a body (members.tsv): "analysts at ING" names a firm, not a place.
  std::unordered_set<std::string, WordHash, std::equal_to<>> members;

  /// Country index by any iso-codes name, code or label (exact, as written), for the loaders.
  std::unordered_map<std::string, std::uint32_t> country_by_name;
};

/// Reads iso_3166-1.json and every rules/en/*.tsv file the stage uses; errors carry file:line.
/// `seg` splits phrases the way documents are split.
Expected<Lexicon> load_lexicon(const Paths& paths, const text::Segmenter& seg);

/// Whether document token `text` may be an occurrence of lexicon form `form`: a form with no
/// upper-case letter matches any case ("the", "al-Qaeda"), a form with two or more upper-case
/// letters ("UN", "U.S.", "MoD") must match exactly, and any other form needs a capital.
bool case_compatible(std::string_view form, std::string_view text);

/// "actor:" + the label in lower case with runs of other than ASCII letters and digits as '-'.
std::string actor_id(std::string_view label);

/// The text with ASCII capitals lowered (the lexicon's keys and aliases are kept so).
std::string ascii_lower(std::string_view s);

}  // namespace annals::actors
