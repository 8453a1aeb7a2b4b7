// Events: verb and noun triggers typed by an ontology kept as data (CAMEO/PLOVER-like), with
// agent / patient roles from shallow syntax (subject, object, passive "by", possessive,
// prepositions per trigger), the timex governing the clause, and modality (asserted,
// claimed, hypothetical, negated) from cue phrases kept as data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actors/actors.h"
#include "core/diagnostic.h"
#include "core/paths.h"
#include "core/span.h"
#include "syntax/syntax.h"
#include "text/text.h"
#include "time/time.h"

namespace annals::events {

enum class Modality : std::uint8_t { asserted, claimed, hypothetical, negated };
std::string_view to_string(Modality);

enum class Role : std::uint8_t { agent, patient, participant };
std::string_view to_string(Role);

struct Argument {
  std::size_t actor = 0;     ///< index into actors::Result::actors
  std::size_t mention = 0;   ///< index into actors::Result::mentions (the evidence)
  Role role = Role::agent;
};

struct Event {
  std::uint32_t token = 0;   ///< trigger token
  Span trigger;
  std::string type;          ///< ontology type ("sanction"), or the lemma for verbs it lacks
  std::string lemma;
  bool noun = false;         ///< a nominalisation ("election") rather than a verb
  Modality modality = Modality::asserted;
  std::vector<Argument> arguments;
  int timex = -1;            ///< index of the governing timex, -1 when none
  std::uint32_t sentence = 0;
  /// A bare event noun (no role, time or modal cue: "the quake"): too thin to stand alone,
  /// kept for relations ("Following the quake, ...") and dropped by the pipeline otherwise.
  bool weak = false;
};

class Extractor {
 public:
  static Expected<Extractor> load(const Paths& paths);
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  ~Extractor();

  /// Events of one POS-tagged document, sorted by trigger. With `deep` (a parse of the
  /// document: --deep), a verb's subject and passive agent come from the parse where it
  /// names an actor, and from the chunker's rules elsewhere.
  std::vector<Event> extract(const text::Document& doc, const actors::Result& actors,
                             const std::vector<time::Timex>& timexes,
                             const syntax::Relations* deep = nullptr) const;

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace annals::events
