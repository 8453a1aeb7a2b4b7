// Where annals finds its rule files and the language data Debian ships.
#pragma once

#include <filesystem>

namespace annals {

struct Paths {
  std::filesystem::path rules;      ///< folder holding <stage>/rules/en/ (ANNALS_RULES overrides)
  std::filesystem::path iso_codes;  ///< iso-codes JSON (/usr/share/iso-codes/json)
  std::filesystem::path tagger;     ///< Lingua::EN::Tagger lexicon (words.yml, tags.yml)
  std::filesystem::path wordnet;    ///< WordNet database (index.verb, verb.exc, ...)
  std::filesystem::path schemas;    ///< folder holding graph.schema.json
};

/// The build's defaults, each overridable by an environment variable: ANNALS_RULES,
/// ANNALS_ISO_CODES, ANNALS_TAGGER, ANNALS_WORDNET, ANNALS_SCHEMAS.
Paths default_paths();

}  // namespace annals
